import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../errors/domain-error.js';
import { checkUpload, isSha256, MAX_EVIDENCE_BYTES, type UploadInput } from './evidence.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
const PDF = bytes(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37); // %PDF-1.7
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46);
const ZIP = bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00);
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const upload = (u: Partial<UploadInput>): UploadInput => ({ fileName: '立项批复.pdf', mimeType: 'application/pdf', size: 182_304, firstBytes: PDF, ...u });

/** The DomainError's single reason, or a failure. */
function reasonOf(u: UploadInput): string {
  try {
    checkUpload(u);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    const err = e as DomainError;
    expect(err.code).toBe('VALIDATION');
    const details = err.details as Array<{ path: string; reason: string }>;
    expect(details).toHaveLength(1);
    expect(details[0]!.path).toBe('file');
    return details[0]!.reason;
  }
  throw new Error('accepted');
}

describe('evidence uploads: good files', () => {
  it.each([
    ['立项批复.pdf', 'application/pdf', PDF],
    ['scan.JPG', 'image/jpeg', JPEG],
    ['现场照片.jpeg', 'image/jpeg', JPEG],
    ['截图.png', 'image/png', PNG],
    ['DD报告.docx', DOCX, ZIP],
    ['投后报告.xlsx', XLSX, ZIP],
    ['电子公文.ofd', 'application/ofd', ZIP],
  ])('%s (%s) is accepted', (fileName, mimeType, firstBytes) => {
    expect(checkUpload({ fileName, mimeType, size: 1024, firstBytes })).toMatchObject({ fileName, mimeType, size: 1024 });
  });
  it('MIME parameters and case are ignored; exactly 20 MiB is accepted', () => {
    expect(checkUpload(upload({ mimeType: 'Application/PDF; charset=binary', size: MAX_EVIDENCE_BYTES })).mimeType).toBe('application/pdf');
    expect(MAX_EVIDENCE_BYTES).toBe(20_971_520);
  });
});

describe('evidence uploads: rejected', () => {
  it('empty', () => {
    expect(reasonOf(upload({ size: 0 }))).toBe('the file is empty');
    expect(reasonOf(upload({ firstBytes: bytes() }))).toBe('the file is empty');
  });
  it('oversized: one byte over 20 MiB', () => {
    expect(reasonOf(upload({ size: MAX_EVIDENCE_BYTES + 1 }))).toBe('the file is 20971521 bytes; at most 20971520 bytes (20 MiB) are accepted');
  });
  it('a size that is not a whole number of bytes', () => {
    expect(reasonOf(upload({ size: 1.5 }))).toBe('the size must be a whole number of bytes');
  });
  it.each([
    ['a.exe', 'application/x-msdownload'],
    ['a.doc', 'application/msword'],
    ['a.zip', 'application/zip'],
    ['a.svg', 'image/svg+xml'],
    ['a.html', 'text/html'],
    ['a.pdf', ''],
  ])('wrong type: %s (%s)', (fileName, mimeType) => {
    expect(reasonOf(upload({ fileName, mimeType }))).toMatch(/^type .+ is not accepted; accepted: pdf, jpg\/jpeg, png, docx, xlsx, ofd$/);
  });
  it('a name whose extension does not match the declared type', () => {
    expect(reasonOf(upload({ fileName: 'report.exe' }))).toBe('the file name ends in .exe, not .pdf as type application/pdf requires');
    expect(reasonOf(upload({ fileName: 'report' }))).toBe('the file name ends in .(nothing), not .pdf as type application/pdf requires');
  });
  it.each([
    ['a PNG declared as PDF', upload({ firstBytes: PNG })],
    ['an executable renamed .pdf', upload({ firstBytes: bytes(0x4d, 0x5a, 0x90, 0x00) })],
    ['a PDF declared as PNG', upload({ fileName: 'a.png', mimeType: 'image/png', firstBytes: PDF })],
    ['a truncated PNG signature', upload({ fileName: 'a.png', mimeType: 'image/png', firstBytes: PNG.slice(0, 4) })],
    ['a PDF declared as docx', upload({ fileName: 'a.docx', mimeType: DOCX, firstBytes: PDF })],
    ['an empty ZIP declared as xlsx', upload({ fileName: 'a.xlsx', mimeType: XLSX, firstBytes: bytes(0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0) })],
  ])('mismatched magic bytes: %s', (_what, u) => {
    expect(reasonOf(u)).toMatch(/^the content does not start like a /);
  });
  it.each(['../etc/passwd.pdf', 'a\\b.pdf', 'a\u0000.pdf', '   ', 'x'.repeat(252) + '.pdf'])('a bad file name: %j', (fileName) => {
    expect(reasonOf(upload({ fileName }))).toMatch(/^the file name must be 1 to 255 characters/);
  });
});

it('isSha256 takes 64 lower-case hex digits only', () => {
  expect(isSha256('b9c5a058d4db85df2176c0e5a55f561a65e626178386a3dae7caa79618c864ce')).toBe(true);
  expect(isSha256('B9C5A058D4DB85DF2176C0E5A55F561A65E626178386A3DAE7CAA79618C864CE')).toBe(false);
  expect(isSha256('b9c5')).toBe(false);
});
