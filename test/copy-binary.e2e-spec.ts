import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import pg from 'pg';
import { copyRows, type CopyValue } from '../libs/persistence/bulk-copy.js';
import { CopyValueError } from '../libs/persistence/copy-binary-in.js';
import { createTestDatabase } from './support/test-database.js';

/**
 * COPY in binary format, checked against PostgreSQL itself: every value is written in binary by our
 * encoder and read back as PostgreSQL's own text, which must be what the text path would have stored.
 */
let c: pg.Client;
const COLUMNS = ['u', 'n', 'm', 'd', 'v', 't', 'b', 'i2', 'i4', 'i8'];

beforeAll(async () => {
  c = new pg.Client({ connectionString: await createTestDatabase() });
  await c.connect();
  await c.query(`CREATE TABLE bin (k serial, u uuid, n numeric, m numeric(20,2), d date, v varchar(8), t text, b boolean, i2 int2, i4 int4, i8 int8)`);
  await c.query(`CREATE TABLE txt (LIKE bin INCLUDING DEFAULTS, ts timestamptz)`);
}, 60_000);
afterAll(async () => {
  await c?.end();
});

/** The rows read back as text, in order. */
async function back(table: string): Promise<string[][]> {
  const r = await c.query({ text: `SELECT ${COLUMNS.map((x) => `${x}::text`).join(', ')} FROM ${table} ORDER BY k`, rowMode: 'array' });
  return r.rows as string[][];
}

async function roundTrip(rows: CopyValue[][]): Promise<{ binary: string[][]; text: string[][] }> {
  await c.query('TRUNCATE bin, txt');
  expect(await copyRows(c, 'bin', COLUMNS, rows)).toBe(rows.length);
  // The same rows through the text path: txt has a timestamptz column, a type without a binary encoder,
  // so naming it sends the whole COPY as text.
  expect(await copyRows(c, 'txt', [...COLUMNS, 'ts'], rows.map((r) => [...r, null]))).toBe(rows.length);
  return { binary: await back('bin'), text: await back('txt') };
}

describe('copyRows in binary format', () => {
  it('stores what the text format stores, value by value, for the written-out cases', async () => {
    const rows: CopyValue[][] = [
      ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '0', '0.00', '2000-01-01', '', '', true, 0, 0, 0],
      ['{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}', '-0.001', '1234567.89', '1999-12-31', 'abc', '冲销\t原因\n第二行\\', false, -32768, -2147483648, '-9223372036854775808'],
      ['a0eebc999c0b4ef8bb6d6bb9bd380a11', '123456789012345678901234567890.123456789', '-0.01', '0001-01-01', '八个汉字八个汉字', 'x', 't', 32767, 2147483647, '9223372036854775807'],
      ['a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11', '+10000', '92233720368547758.07', '9999-12-31', null, null, 'false', '12', '-7', 5],
      [null, '0.0000', '1.000', '2024-02-29', 'a', 'b', 'f', null, null, null],
      ['{a0eebc999c0b4ef8bb6d6bb9bd380a11}', '-0', '-0.10', '2000-02-29', 'abcdé', 'ascii then 汉字', true, 1, 1, 1],
      ['00000000-0000-0000-0000-000000000000', '100000000.00000001', '99999999999999999.99', '1970-01-01', 'a', 'b', null, 1, 1, 1],
      ['ffffffff-ffff-ffff-ffff-ffffffffffff', 0.1, 12, '2038-01-19', 'a', 'b', true, 1, 1, 1],
    ];
    const { binary, text } = await roundTrip(rows);
    expect(binary).toEqual(text);
    // Written out, for the values whose form the server changes.
    expect(binary.map((r) => r[0])).toEqual([
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      null,
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
    ]);
    expect(binary.map((r) => r[1])).toEqual(['0', '-0.001', '123456789012345678901234567890.123456789', '10000', '0.0000', '0', '100000000.00000001', '0.1']);
    // numeric(20,2): zeros beyond the scale are dropped, as the text path does
    expect(binary.map((r) => r[2])).toEqual(['0.00', '1234567.89', '-0.01', '92233720368547758.07', '1.00', '-0.10', '99999999999999999.99', '12.00']);
  });

  it('stores any decimal number, date and integer as the text format does (fast-check)', async () => {
    const decimal = fc
      .tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^\d{1,40}$/), fc.option(fc.stringMatching(/^\d{1,20}$/), { nil: undefined }))
      .map(([s, i, f]) => `${s}${i}${f === undefined ? '' : `.${f}`}`);
    const day = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const money = fc.tuple(fc.bigInt({ min: -(10n ** 19n), max: 10n ** 19n }), fc.constantFrom('', '0', '000')).map(([f, zeros]) => {
      const neg = f < 0n;
      const a = (neg ? -f : f).toString().padStart(3, '0');
      return `${neg ? '-' : ''}${a.slice(0, -2)}.${a.slice(-2)}${zeros}`; // two decimals, sometimes zeros beyond them
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.uuid(), decimal, money, day, fc.string({ maxLength: 8 }), fc.string(), fc.boolean(), fc.integer({ min: -32768, max: 32767 }), fc.integer(), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })), { minLength: 1, maxLength: 40 }),
        async (rows) => {
          const values = rows.map((r) => [r[0], r[1], r[2], r[3], r[4].replace(/\0/g, ''), r[5].replace(/\0/g, ''), r[6], r[7], r[8], r[9].toString()] as CopyValue[]);
          const { binary, text } = await roundTrip(values);
          expect(binary).toEqual(text);
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  it('refuses a value that is not of its type, naming the row and the column; nothing is written and the connection goes on', async () => {
    const good: CopyValue[] = ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '1', '1.00', '2024-01-01', 'a', 'b', true, 1, 1, 1];
    const bad: Array<[number, CopyValue, RegExp]> = [
      [0, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1', /row 3, column u: .* is not a uuid/],
      [0, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11-', /is not a uuid/],
      [0, 'a0eebc99--9c0b-4ef8-bb6d-6bb9bd380a11', /is not a uuid/],
      [0, 'g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', /is not a uuid/],
      [0, 42, /is not a uuid/],
      [1, 'NaN', /row 3, column n: "NaN" is not a decimal number/],
      [1, '1e5', /is not a decimal number/],
      [1, '1,000.00', /is not a decimal number/],
      [1, '.5', /is not a decimal number/],
      [2, 1e21, /column m: 1e\+21 is not a decimal number/],
      [2, '1.005', /row 3, column m: "1.005" has more than 2 decimals/],
      [2, '-0.0001', /has more than 2 decimals/],
      [2, 0.1 + 0.2, /column m: 0.30000000000000004 has more than 2 decimals/],
      [1, `1.${'0'.repeat(16_384)}`, /column n: .* is out of range for numeric/],
      [3, '2024-02-30', /row 3, column d: "2024-02-30" is not a date of the calendar/],
      [3, '2023-02-29', /is not a date of the calendar/],
      [3, '0000-01-01', /is not a date of the calendar/],
      [3, '2024-1-5', /is not a date \(YYYY-MM-DD\)/],
      [3, 'infinity', /is not a date/],
      [6, 'yes', /column b: "yes" is not a boolean/],
      [7, 32768, /column i2: 32768 is out of range for a 16-bit integer/],
      [8, '1.5', /column i4: "1.5" is not an integer/],
      [9, '9223372036854775808', /out of range for a 64-bit integer/],
    ];
    await c.query('TRUNCATE bin');
    for (const [col, value, message] of bad) {
      const row = [...good];
      row[col] = value;
      const err = await copyRows(c, 'bin', COLUMNS, [good, good, row, good]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CopyValueError);
      expect((err as Error).message).toMatch(message);
      expect((await c.query('SELECT count(*)::int AS n FROM bin')).rows[0].n).toBe(0);
    }
    await expect(copyRows(c, 'bin', COLUMNS, [good.slice(1)])).rejects.toThrow(/row 1.*has 9 values for 10 columns/);
    // The text path (txt has a timestamptz column) leaves values to the server: its refusal is PostgreSQL's own.
    const viaText = await copyRows(c, 'txt', [...COLUMNS, 'ts'], [[...good.slice(0, 3), '2024-02-30', ...good.slice(4), null]]).catch((e: unknown) => e);
    expect(viaText).not.toBeInstanceOf(CopyValueError);
    expect((viaText as Error).message).toMatch(/date\/time field value out of range: "2024-02-30"/);
    // What only the server knows is still the server's to refuse: the length of a varchar(8), the precision of numeric(20,2).
    await expect(copyRows(c, 'bin', COLUMNS, [good, [...good.slice(0, 4), '九个汉字九个汉字九', ...good.slice(5)]])).rejects.toThrow(/too long for type character varying\(8\)/);
    await expect(copyRows(c, 'bin', COLUMNS, [[good[0]!, '1', '1000000000000000000.00', ...good.slice(3)]])).rejects.toThrow(/numeric field overflow/);
    expect((await c.query('SELECT count(*)::int AS n FROM bin')).rows[0].n).toBe(0);
    // A source that fails with a long message (PostgreSQL drops a connection whose CopyFail passes 10,000 bytes).
    const long = 'x'.repeat(20_000);
    function* failing(): Generator<CopyValue[]> {
      yield good;
      throw new Error(long);
    }
    await expect(copyRows(c, 'bin', COLUMNS, failing())).rejects.toThrow(long);
    expect(await copyRows(c, 'bin', COLUMNS, [good])).toBe(1);
  });

  it('streams rows from an async source across many chunks', async () => {
    await c.query('TRUNCATE bin');
    async function* many(): AsyncGenerator<CopyValue[]> {
      for (let i = 0; i < 20_000; i++) yield [null, String(i), `${i}.50`, '2024-06-30', `v${i % 1000}`, 'x'.repeat(i % 300), i % 2 === 0, i % 30000, i, i];
    }
    expect(await copyRows(c, 'bin', COLUMNS, many())).toBe(20_000);
    // Every value of every row, so a value written across a chunk boundary would show.
    const expected = Array.from({ length: 20_000 }, (_, i) => [null, String(i), `${i}.50`, '2024-06-30', `v${i % 1000}`, 'x'.repeat(i % 300), i % 2 === 0 ? 'true' : 'false', String(i % 30000), String(i), String(i)]);
    expect(await back('bin')).toEqual(expected);
  });

  it('writes each uuid as given, whether values repeat in a row, out of order, or never (the cache of a uuid column)', async () => {
    const hex = (n: number) => n.toString(16).padStart(12, '0');
    const copyBack = async (values: string[]) => {
      await c.query('TRUNCATE bin');
      expect(await copyRows(c, 'bin', COLUMNS, values.map((u) => [u, null, null, null, null, null, null, null, null, null]))).toBe(values.length);
      const r = await c.query({ text: 'SELECT u::text FROM bin ORDER BY k', rowMode: 'array' });
      expect(r.rows.map((x: string[]) => x[0])).toEqual(values.map((u) => u.toLowerCase().replace(/[{}]/g, '')));
    };
    const few = Array.from({ length: 1000 }, (_, i) => `0000${i.toString(16).padStart(4, '0')}-aaaa-4bbb-8ccc-${hex(i * 7919)}`);
    const unique = (from: number, n: number) => Array.from({ length: n }, (_, i) => `${hex(from + i).slice(4)}-0000-7000-8000-${hex((from + i) * 31)}`);
    // Values that repeat out of order: 1,000 decoded, then copied (the first 4,096 lookups hit 3,096
    // times, so the column goes on looking); then 10,000 new ones, which fill the cache to its 4,096
    // and go on missing it; then the first ones again, and runs of one value; upper case and braces.
    const repeating: string[] = [];
    for (let i = 0; i < 5000; i++) repeating.push(few[(i * 7) % few.length]!);
    repeating.push(...unique(0, 10_000));
    for (let i = 0; i < 2000; i++) repeating.push(few[(i * 13) % few.length]!, few[(i * 13) % few.length]!);
    repeating.push(few[5]!.toUpperCase(), `{${few[5]}}`, few[5]!);
    await copyBack(repeating);
    // Values that never repeat: the column stops looking after 4,096, and repeats after that are decoded again.
    const never = unique(100_000, 6000);
    never.push(never[10]!, never[5000]!, never[5000]!);
    await copyBack(never);
  });
});
