import { StringDecoder } from 'node:string_decoder';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/**
 * COPY (query) TO STDOUT (FORMAT binary), decoded as it streams: the fastest way PostgreSQL hands a
 * million rows to Node (no per-row protocol message, no text conversion on either side, no row
 * objects). The caller's onRow reads the fields of one tuple from `buf` starting at `at`
 * (each field: int32 length, −1 for NULL, then the bytes in PostgreSQL's binary send format).
 */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

export type TupleHandler = (buf: Buffer, at: number, fields: number) => void;

/**
 * Splits a binary COPY stream into tuples, across chunk boundaries. An incomplete tuple's chunks wait
 * in a list until enough bytes have come to finish it, so a tuple of many megabytes (a position with
 * a great many flows, sent as one array) is put together once, not again with every chunk.
 */
export class BinaryCopyDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes the pending data must reach before parsing can move on. */
  private need = 0;
  private header = false;
  private ended = false;
  tuples = 0;

  constructor(private readonly onTuple: TupleHandler) {}

  push(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes < this.need) return;
    const b = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    let p = 0;
    this.need = 0;
    if (!this.header) {
      if (b.length < 19) return this.keep(b, 0, 19);
      if (!b.subarray(0, 11).equals(SIGNATURE)) throw new Error('binary COPY: bad signature');
      const ext = b.readInt32BE(15);
      if (b.length < 19 + ext) return this.keep(b, 0, 19 + ext);
      p = 19 + ext;
      this.header = true;
    }
    while (!this.ended) {
      if (p + 2 > b.length) return this.keep(b, p, 2);
      const n = b.readInt16BE(p);
      if (n === -1) {
        this.ended = true;
        p += 2;
        break;
      }
      let q = p + 2;
      let short = 0;
      for (let f = 0; f < n; f++) {
        if (q + 4 > b.length) {
          short = q + 4;
          break;
        }
        const len = b.readInt32BE(q);
        q += 4 + (len > 0 ? len : 0);
        if (q > b.length) {
          short = q;
          break;
        }
      }
      if (short) return this.keep(b, p, short - p);
      this.onTuple(b, p + 2, n);
      this.tuples++;
      p = q;
    }
    this.keep(b, p, 0);
  }

  /** Keeps b from `from` on (a copy: a view would hold the whole chunk) until `need` bytes are there. */
  private keep(b: Buffer, from: number, need: number): void {
    const rest = from < b.length ? Buffer.from(b.subarray(from)) : null;
    this.pending = rest ? [rest] : [];
    this.pendingBytes = rest?.length ?? 0;
    this.need = need;
  }

  end(): void {
    if (!this.ended || this.pendingBytes > 0) throw new Error('binary COPY: the stream ended inside a tuple or without its trailer');
  }
}

/**
 * Closes a connection that was left inside a COPY (an error of ours, a reader that stopped early): it
 * cannot carry another query, and a closed client is dropped by the pool instead of handed out again.
 * Inside a transaction this ends the transaction too, which the half-read COPY has spoilt anyway.
 */
export async function discardConnection(client: pg.ClientBase): Promise<void> {
  await (client as pg.Client).end().catch(() => undefined);
}

/** Runs COPY (sql) TO STDOUT (FORMAT binary) on `client` and hands each tuple to onTuple; resolves with the tuple count. */
export async function copyOutBinary(client: pg.ClientBase, query: string, onTuple: TupleHandler): Promise<number> {
  const decoder = new BinaryCopyDecoder(onTuple);
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT (FORMAT binary)`));
  let settled = false; // the server finished the COPY, or failed it
  stream.on('end', () => (settled = true));
  stream.on('error', () => (settled = true));
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) decoder.push(chunk);
    decoder.end();
  } catch (e) {
    // An error of ours (a bad tuple) leaves the server still sending; an error of the server's ends the COPY itself.
    if (!settled) await discardConnection(client);
    throw e;
  }
  return decoder.tuples;
}

/**
 * A one-dimensional array field in binary format at `at` (its int32 length first): where its elements
 * start (each: int32 length, −1 for NULL, then the value), how many, and where the next field starts.
 * A NULL field is an array of no elements.
 */
export function arrayField(b: Buffer, at: number): { elements: number; count: number; next: number } {
  const len = b.readInt32BE(at);
  if (len < 0) return { elements: at + 4, count: 0, next: at + 4 };
  const ndim = b.readInt32BE(at + 4);
  if (ndim > 1) throw new RangeError('binary COPY: a multi-dimensional array');
  const count = ndim === 0 ? 0 : b.readInt32BE(at + 16);
  return { elements: at + 16 + 8 * ndim, count, next: at + 4 + len };
}

/**
 * COPY (query) TO STDOUT in text format, as batches of rows split into fields, streamed: the consumer's
 * pace holds the server back (the stream stops reading the socket when its buffer is full). For
 * fields without tabs, newlines or backslashes (numbers, dates, codes): no unescaping is done.
 */
export async function* copyOutRows(client: pg.ClientBase, query: string): AsyncGenerator<string[][]> {
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT`));
  const utf8 = new StringDecoder('utf8'); // a character split between two chunks stays whole
  let rest = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = rest + utf8.write(chunk);
    const end = text.lastIndexOf('\n');
    if (end < 0) {
      rest = text;
      continue;
    }
    rest = text.slice(end + 1);
    const rows = text.slice(0, end).split('\n').map((line) => line.split('\t'));
    if (rows.length) yield rows;
  }
  if (rest) throw new Error('text COPY: the stream ended inside a row');
}

/** 10000^e · 100 for e = 0, 1, 2: fen per unit of a base-10000 digit of weight e. */
const FEN_PER_DIGIT = [100, 1_000_000, 10_000_000_000];

/**
 * A numeric with at most two decimals (PostgreSQL's binary numeric: ndigits, weight, sign, dscale,
 * then base-10000 digits) as whole fen: a number when below 10^12 yuan (so every sum of a position's
 * amounts stays far inside float64's exact integers), else a bigint. Throws on NaN, infinities and
 * on more than two decimals, which a numeric(20,2) column cannot hold.
 */
export function numericFen(b: Buffer, at: number): number | bigint {
  // Plain byte reads: this runs once per flow, a million times in a review.
  const nd = (b[at]! << 8) | b[at + 1]!;
  const weight = ((b[at + 2]! << 24) >> 16) | b[at + 3]!; // int16, signed
  const sign = (b[at + 4]! << 8) | b[at + 5]!;
  if (sign !== 0 && sign !== 0x4000) throw new RangeError('numeric: not a finite number');
  if (weight <= 2) {
    let v = 0;
    for (let i = 0; i < nd; i++) {
      const e = weight - i;
      const d = (b[at + 8 + 2 * i]! << 8) | b[at + 9 + 2 * i]!;
      if (e >= 0) v += d * FEN_PER_DIGIT[e]!;
      else if (e === -1 && d % 100 === 0) v += d / 100;
      else if (d !== 0) throw new RangeError('numeric: more than two decimals');
    }
    return sign === 0x4000 ? -v : v;
  }
  let v = 0n;
  for (let i = 0; i < nd; i++) {
    const e = weight - i;
    const d = BigInt(b.readInt16BE(at + 8 + 2 * i));
    if (e >= 0) v += d * 100n * 10_000n ** BigInt(e);
    else if (e === -1 && d % 100n === 0n) v += d / 100n;
    else if (d !== 0n) throw new RangeError('numeric: more than two decimals');
  }
  return sign === 0x4000 ? -v : v;
}
