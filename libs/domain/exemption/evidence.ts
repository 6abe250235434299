import { DomainError } from '../errors/domain-error.js';

/**
 * What the service accepts as evidence for the checklist (issue 5 item 2: "size and type limits"),
 * as data; docs/adr-0005-exemption-assessment.md says why each type is in or out. The declared type,
 * the file name's extension and the first bytes (magic numbers) must agree: a client-declared MIME type
 * alone proves nothing. The service computes the SHA-256 of the bytes it stores; checkUpload is pure.
 */

export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024; // 20 MiB

/** Bytes the caller passes in `firstBytes`: enough for every signature below. */
export const MAGIC_BYTES_NEEDED = 8;

export interface EvidenceType {
  mimeType: string;
  extensions: readonly string[];
  /** Signatures at offset 0; the file must start with one of them. */
  magic: readonly (readonly number[])[];
  zh: string;
  en: string;
}

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
/** A ZIP local file header "PK\x03\x04": OOXML (docx, xlsx) and OFD are ZIP containers. An empty ZIP (PK\x05\x06) holds no document. */
const ZIP = [0x50, 0x4b, 0x03, 0x04];

export const EVIDENCE_TYPES: readonly EvidenceType[] = [
  { mimeType: 'application/pdf', extensions: ['pdf'], magic: [PDF], zh: 'PDF 文档', en: 'PDF document' },
  { mimeType: 'image/jpeg', extensions: ['jpg', 'jpeg'], magic: [JPEG], zh: 'JPEG 图片（扫描件、照片）', en: 'JPEG image (scan, photo)' },
  { mimeType: 'image/png', extensions: ['png'], magic: [PNG], zh: 'PNG 图片', en: 'PNG image' },
  {
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    magic: [ZIP],
    zh: 'Word 文档（docx）',
    en: 'Word document (docx)',
  },
  {
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    magic: [ZIP],
    zh: 'Excel 工作簿（xlsx）',
    en: 'Excel workbook (xlsx)',
  },
  // GB/T 33190-2016 OFD: the national format of electronic official documents and e-invoices; no IANA type, application/ofd in use.
  { mimeType: 'application/ofd', extensions: ['ofd'], magic: [ZIP], zh: 'OFD 版式文件（GB/T 33190）', en: 'OFD fixed-layout document (GB/T 33190)' },
];

export const MAX_FILE_NAME_LENGTH = 255;

export interface UploadInput {
  fileName: string;
  /** As declared by the client (Content-Type of the part); parameters such as "; charset=binary" are ignored. */
  mimeType: string;
  size: number;
  /** At least the first MAGIC_BYTES_NEEDED bytes of the file (fewer only when the file is shorter). */
  firstBytes: Uint8Array;
}

export interface AcceptedUpload {
  fileName: string;
  mimeType: string;
  size: number;
  type: EvidenceType;
}

const reject = (reason: string): DomainError => new DomainError('VALIDATION', `evidence file rejected: ${reason}`, [{ path: 'file', reason }]);

const startsWith = (bytes: Uint8Array, sig: readonly number[]): boolean => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);

// Path separators, control characters and characters Windows refuses: the name is shown and offered for download.
// eslint-disable-next-line no-control-regex
const BAD_NAME = /[\u0000-\u001f\u007f/\\:*?"<>|]/;

/** Validates an upload before it is stored; throws DomainError('VALIDATION', …, [{ path: 'file', reason }]). */
export function checkUpload(input: UploadInput): AcceptedUpload {
  const { fileName, size, firstBytes } = input;
  if (!Number.isSafeInteger(size) || size < 0) throw reject('the size must be a whole number of bytes');
  if (size === 0 || firstBytes.length === 0) throw reject('the file is empty');
  if (size > MAX_EVIDENCE_BYTES) throw reject(`the file is ${size} bytes; at most ${MAX_EVIDENCE_BYTES} bytes (20 MiB) are accepted`);
  const name = fileName.trim();
  if (name === '' || name.length > MAX_FILE_NAME_LENGTH || BAD_NAME.test(name) || name === '.' || name === '..')
    throw reject(`the file name must be 1 to ${MAX_FILE_NAME_LENGTH} characters without path separators or control characters`);
  const mime = input.mimeType.split(';')[0]!.trim().toLowerCase();
  const type = EVIDENCE_TYPES.find((t) => t.mimeType === mime);
  if (!type) throw reject(`type ${mime || '(none)'} is not accepted; accepted: ${EVIDENCE_TYPES.map((t) => t.extensions.join('/')).join(', ')}`);
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (!type.extensions.includes(ext)) throw reject(`the file name ends in .${ext || '(nothing)'}, not .${type.extensions.join(' or .')} as type ${mime} requires`);
  if (!type.magic.some((sig) => startsWith(firstBytes, sig))) throw reject(`the content does not start like a ${type.en} (declared ${mime})`);
  return { fileName: name, mimeType: mime, size, type };
}

const SHA256 = /^[0-9a-f]{64}$/;

/** A lower-case hex SHA-256, as the evidence index prints it. */
export function isSha256(v: unknown): v is string {
  return typeof v === 'string' && SHA256.test(v);
}
