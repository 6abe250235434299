/**
 * COPY … FROM STDIN (FORMAT binary): rows encoded in PostgreSQL's binary send format on our side, so
 * the server only copies bytes into tuples instead of parsing text (for a million flows: 1.1 s against
 * 4.1 s of a bare COPY, ADR-0007). The server still applies each column's type modifier (the scale
 * and precision of numeric(20,2), the length of varchar(32)) and every constraint.
 *
 * Values are checked here as strictly as the text path would check them, with the row and column named:
 * a uuid, a date as YYYY-MM-DD, a decimal number (no NaN, no exponent), a boolean, an integer. A table
 * whose columns include another type is copied in text format instead (see copyRows).
 */
import type { CopyValue } from './bulk-copy.js';

/** A column's type as pg_type names it (uuid, varchar, numeric, date…) and its type modifier (atttypmod, -1 for none). */
export interface ColumnType {
  name: string;
  typmod: number;
}

const POSTGRES_EPOCH_DAYS = 10_957; // 2000-01-01 in days since 1970-01-01
const DAY_MS = 86_400_000;

/** Thrown for a value the binary encoder cannot send as its column's type. */
export class CopyValueError extends RangeError {
  constructor(
    readonly row: number,
    readonly column: string,
    readonly value: CopyValue,
    reason: string,
  ) {
    const shown = JSON.stringify(value) ?? String(value);
    super(`row ${row}, column ${column}: ${shown.length > 80 ? `${shown.slice(0, 60)}… (${shown.length} characters)` : shown} ${reason}`);
    this.name = 'CopyValueError';
  }
}

/**
 * Writes the low 32 bits of v big-endian at `at`, byte by byte: Buffer's writeInt32BE checks its
 * arguments on every call, several per cent of a row's encoding in a profile. For values in range by
 * construction (lengths, day numbers, halves of an int8).
 */
export function putInt32(b: Uint8Array, at: number, v: number): void {
  b[at] = v >>> 24;
  b[at + 1] = v >>> 16;
  b[at + 2] = v >>> 8;
  b[at + 3] = v;
}

/** Writes the low 16 bits of v big-endian at `at`, byte by byte (see putInt32). */
export function putInt16(b: Uint8Array, at: number, v: number): void {
  b[at] = v >> 8;
  b[at + 1] = v;
}

/** A calendar date YYYY-MM-DD (years 0001–9999) as days since 1970-01-01, as PostgreSQL's `date - DATE '1970-01-01'`; null for anything else. */
export function epochDay(v: CopyValue): number | null {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
  const y = Number(v.slice(0, 4));
  const m = Number(v.slice(5, 7));
  const d = Number(v.slice(8, 10));
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  if (y < 1 || t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return Math.round(t.getTime() / DAY_MS);
}

/** Accumulates the COPY stream in chunks; full chunks are handed to `flush`. */
export class BinaryCopyWriter {
  /** The chunk being filled, and where: read `buf` after `field`, which may move to a new chunk. */
  buf: Buffer;
  at = 0;
  readonly full: Buffer[] = [];

  constructor(private readonly chunkSize = 1 << 16) {
    this.buf = Buffer.allocUnsafe(chunkSize);
    // Signature, flags (no OIDs), header extension length.
    this.room(19);
    this.at += this.buf.write('PGCOPY\n\xff\r\n\0', this.at, 'latin1');
    this.int32(0);
    this.int32(0);
  }

  /** Makes room for n more bytes, moving to a new chunk (at least n long) when this one is short. */
  room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    if (this.at > 0) this.full.push(this.buf.subarray(0, this.at));
    this.buf = Buffer.allocUnsafe(Math.max(this.chunkSize, n));
    this.at = 0;
  }

  // Byte by byte, as putInt32: the values here are counts and lengths, in range by construction.
  int16(v: number): void {
    putInt16(this.buf, this.at, v);
    this.at += 2;
  }

  int32(v: number): void {
    putInt32(this.buf, this.at, v);
    this.at += 4;
  }

  /** A field of `len` bytes: its length word, then room for the bytes in `buf` at the returned offset. */
  field(len: number): number {
    this.room(4 + len);
    this.int32(len);
    const at = this.at;
    this.at = at + len;
    return at;
  }

  /** Takes the chunks filled so far. */
  take(): Buffer[] {
    return this.full.splice(0);
  }

  /** The trailer, and the last chunk. */
  finish(): Buffer[] {
    this.room(2);
    this.int16(-1);
    this.full.push(this.buf.subarray(0, this.at));
    this.at = 0;
    return this.take();
  }
}

/** Writes one non-null value; returns a reason when the value is not of the type. */
type Encoder = (w: BinaryCopyWriter, v: Exclude<CopyValue, null>) => string | undefined;
type EncoderFor = (typmod: number) => Encoder;

const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) HEX[97 + i] = HEX[65 + i] = 10 + i;

/** Where the 16 bytes' hex pairs start in the canonical form 8-4-4-4-12. */
const CANONICAL = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

/** Decodes the canonical form straight into `out` at `at`; false when `s` is not in it. */
function canonicalUuid(s: string, out: Buffer, at: number): boolean {
  if (s.length !== 36 || s.charCodeAt(8) !== 45 || s.charCodeAt(13) !== 45 || s.charCodeAt(18) !== 45 || s.charCodeAt(23) !== 45) return false;
  for (let k = 0; k < 16; k++) {
    const p = CANONICAL[k]!;
    const a = s.charCodeAt(p);
    const b = s.charCodeAt(p + 1);
    const hi = a < 128 ? HEX[a]! : -1;
    const lo = b < 128 ? HEX[b]! : -1;
    if ((hi | lo) < 0) return false;
    out[at + k] = (hi << 4) | lo;
  }
  return true;
}

/** Any other form PostgreSQL reads: braces around, a hyphen after any group of four digits, either case. */
function otherUuid(v: string, out: Buffer, at: number): boolean {
  const s = v.length > 2 && v[0] === '{' && v[v.length - 1] === '}' ? v.slice(1, -1) : v;
  let n = 0;
  let hi = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A hyphen may follow any group of four digits, once, but not end the uuid.
    if (c === 45 && n % 4 === 0 && n > 0 && n < 32 && i + 1 < s.length && s.charCodeAt(i + 1) !== 45) continue;
    const d = c < 128 ? HEX[c]! : -1;
    if (d < 0 || n >= 32) return false;
    if (hi < 0) hi = d;
    else {
      out[at + (n >> 1)] = (hi << 4) | d;
      hi = -1;
    }
    n++;
  }
  return n === 32;
}

/** How many values of a uuid column are looked up before deciding whether they repeat enough to keep looking. */
const UUID_TRIAL = 4096;

function uuid(): Encoder {
  // The same uuid as the previous row's (the FoF, the author) is copied from where it was written. A
  // column whose values repeat out of order (a million flows of a thousand positions) is looked up
  // among the values decoded so far (up to UUID_TRIAL of them); one whose values mostly do not repeat
  // (the row's own id) stops looking after UUID_TRIAL lookups.
  let last: unknown;
  let lastBuf: Buffer | null = null;
  let lastAt = 0;
  let seen: Map<string, Buffer> | null = new Map();
  let lookups = 0;
  let hits = 0;
  return (w, v) => {
    const at = w.field(16);
    const out = w.buf;
    let from: Buffer | null = null;
    let fromAt = 0;
    if (v === last) {
      from = lastBuf;
      fromAt = lastAt;
    } else if (seen !== null && typeof v === 'string') {
      const b = seen.get(v);
      if (b !== undefined) {
        hits++;
        from = b;
      }
      if (++lookups === UUID_TRIAL && hits < UUID_TRIAL / 2) seen = null;
    }
    if (from !== null) {
      for (let k = 0; k < 16; k++) out[at + k] = from[fromAt + k]!;
    } else {
      if (typeof v !== 'string' || !(canonicalUuid(v, out, at) || otherUuid(v, out, at))) return 'is not a uuid';
      if (seen !== null && seen.size < UUID_TRIAL) seen.set(v, Buffer.from(out.subarray(at, at + 16)));
    }
    last = v;
    lastBuf = out;
    lastAt = at;
    return undefined;
  };
}

function text(): Encoder {
  return (w, v) => {
    const s = typeof v === 'string' ? v : String(v);
    const n = s.length;
    if (n <= 64) {
      // Short ASCII (codes, kinds) byte by byte: cheaper than two calls into the UTF-8 encoder.
      const at = w.field(n);
      const out = w.buf;
      let k = 0;
      for (; k < n; k++) {
        const c = s.charCodeAt(k);
        if (c >= 128) break;
        out[at + k] = c;
      }
      if (k === n) return undefined;
      w.at = at - 4; // not ASCII after all: take the field back and write it as UTF-8
    }
    const len = Buffer.byteLength(s, 'utf8');
    const at = w.field(len);
    w.buf.write(s, at, len, 'utf8');
    return undefined;
  };
}

/** A calendar date as YYYY-MM-DD, years 0001–9999. */
function date(): Encoder {
  let last: unknown;
  let days = 0;
  return (w, v) => {
    if (v !== last) {
      if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return 'is not a date (YYYY-MM-DD)';
      const e = epochDay(v);
      if (e === null) return 'is not a date of the calendar';
      days = e - POSTGRES_EPOCH_DAYS;
      last = v;
    }
    const at = w.field(4); // before reading w.buf: the field may start a new chunk
    putInt32(w.buf, at, days);
    return undefined;
  };
}

/**
 * A decimal number ([+-]digits[.digits]) as PostgreSQL's binary numeric: ndigits, weight, sign, dscale
 * (int16 each), then base-10000 digits, most significant first; weight is the power of 10000 of the
 * first digit. Read straight from the string, a million times in a load, without a regular expression
 * or a substring. For a column with a scale (numeric(20,2)), a value with a non-zero digit beyond it is
 * refused instead of rounded: a bulk load of money takes amounts as they are, or not at all.
 */
function numeric(typmod: number): Encoder {
  // The scale is the low 11 bits of typmod - 4, signed (PostgreSQL 15 allows a negative scale: then no check here).
  const s11 = typmod >= 4 ? (typmod - 4) & 0x7ff : -1;
  const scale = s11 >= 1024 ? -1 : s11;
  let groups = new Int16Array(64);
  /** The four decimal digits of s from position `from` (positions outside [lo, hi) count as 0). */
  const group = (s: string, from: number, lo: number, hi: number) => {
    let g = 0;
    for (let p = from; p < from + 4; p++) g = g * 10 + (p >= lo && p < hi ? s.charCodeAt(p) - 48 : 0);
    return g;
  };
  return (w, v) => {
    const s = typeof v === 'number' ? String(v) : v;
    if (typeof s !== 'string') return 'is not a decimal number';
    const len = s.length;
    let i = 0;
    const c0 = s.charCodeAt(0);
    const negative = c0 === 45;
    if (negative || c0 === 43) i = 1;
    const intStart = i;
    while (i < len && s.charCodeAt(i) - 48 >>> 0 < 10) i++;
    const intEnd = i;
    let fracEnd = i;
    if (i < len) {
      if (s.charCodeAt(i) !== 46) return 'is not a decimal number';
      i++;
      while (i < len && s.charCodeAt(i) - 48 >>> 0 < 10) i++;
      fracEnd = i;
      if (fracEnd === intEnd + 1) return 'is not a decimal number';
    }
    if (i !== len || intEnd === intStart) return 'is not a decimal number';
    let lead = intStart;
    while (lead < intEnd && s.charCodeAt(lead) === 48) lead++;
    const intGroups = Math.ceil((intEnd - lead) / 4);
    const fracLen = fracEnd > intEnd ? fracEnd - intEnd - 1 : 0;
    if (scale >= 0) for (let p = intEnd + 1 + scale; p < fracEnd; p++) if (s.charCodeAt(p) !== 48) return `has more than ${scale} decimals`;
    // PostgreSQL's limits: 131072 digits before the point, 16383 after.
    if (intGroups > 32_767 || fracLen > 16_383) return 'is out of range for numeric';
    const count = intGroups + Math.ceil(fracLen / 4);
    if (count > groups.length) groups = new Int16Array(count);
    // Integer groups end at intEnd; fraction groups start after the point.
    for (let g = 0; g < intGroups; g++) groups[g] = group(s, intEnd - 4 * (intGroups - g), lead, intEnd);
    for (let g = intGroups; g < count; g++) groups[g] = group(s, intEnd + 1 + 4 * (g - intGroups), intEnd + 1, fracEnd);
    let weight = intGroups - 1;
    let first = 0;
    while (first < count && groups[first] === 0) {
      first++;
      weight--;
    }
    let end = count;
    while (end > first && groups[end - 1] === 0) end--;
    const n = end - first;
    if (n === 0) weight = 0;
    let at = w.field(8 + 2 * n);
    const out = w.buf;
    // ndigits, weight, sign, dscale: int16 each.
    putInt16(out, at, n);
    putInt16(out, at + 2, weight);
    putInt16(out, at + 4, n > 0 && negative ? 0x4000 : 0);
    putInt16(out, at + 6, fracLen);
    at += 8;
    for (let g = first; g < end; g++) {
      const d = groups[g]!;
      out[at++] = d >> 8;
      out[at++] = d & 0xff;
    }
    return undefined;
  };
}

function bool(): Encoder {
  return (w, v) => {
    const b = v === true || v === 't' || v === 'true' ? 1 : v === false || v === 'f' || v === 'false' ? 0 : -1;
    if (b < 0) return 'is not a boolean';
    const at = w.field(1); // before reading w.buf: the field may start a new chunk
    w.buf[at] = b;
    return undefined;
  };
}

function integer(bytes: 2 | 4 | 8): Encoder {
  const [lo, hi] = bytes === 2 ? [-32768n, 32767n] : bytes === 4 ? [-2147483648n, 2147483647n] : [-(2n ** 63n), 2n ** 63n - 1n];
  return (w, v) => {
    if (typeof v === 'boolean' || !/^[+-]?\d+$/.test(String(v))) return 'is not an integer';
    const n = BigInt(v);
    if (n < lo || n > hi) return `is out of range for a ${bytes * 8}-bit integer`;
    const at = w.field(bytes);
    if (bytes === 2) w.buf.writeInt16BE(Number(n), at);
    else if (bytes === 4) w.buf.writeInt32BE(Number(n), at);
    else w.buf.writeBigInt64BE(n, at);
    return undefined;
  };
}

const ENCODERS: Record<string, EncoderFor> = {
  uuid,
  text,
  varchar: text,
  bpchar: text,
  date,
  numeric,
  bool,
  int2: () => integer(2),
  int4: () => integer(4),
  int8: () => integer(8),
};

/** Writes one row (rowNumber counts from 1, for errors). */
export type RowEncoder = (w: BinaryCopyWriter, row: readonly CopyValue[], rowNumber: number) => void;

/** The row encoder for the columns' types, or null when a type has none (the caller copies text then). */
export function rowEncoder(columns: readonly string[], types: readonly ColumnType[]): RowEncoder | null {
  const enc: Encoder[] = [];
  for (const t of types) {
    const make = ENCODERS[t.name];
    if (!make) return null;
    enc.push(make(t.typmod));
  }
  const n = columns.length;
  return (w, row, rowNumber) => {
    if (row.length !== n) throw new CopyValueError(rowNumber, '(all)', null, `has ${row.length} values for ${n} columns`);
    w.room(2);
    w.int16(n);
    for (let i = 0; i < n; i++) {
      const v = row[i]!;
      if (v === null || v === undefined) {
        w.room(4);
        w.int32(-1);
        continue;
      }
      const reason = enc[i]!(w, v);
      if (reason) throw new CopyValueError(rowNumber, columns[i]!, v, reason);
    }
  };
}
