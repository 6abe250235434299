import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A value of one COPY text-format field; null is SQL NULL. */
export type CopyValue = string | number | boolean | null;

function field(v: CopyValue): string {
  if (v === null) return '\\N';
  const s = String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}

/**
 * The bulk path into PostgreSQL: COPY … FROM STDIN in text format, streamed with backpressure, so a
 * million rows load without a per-row statement or a million-row buffer. Returns the rows copied.
 */
export async function copyRows(client: pg.ClientBase, table: string, columns: readonly string[], rows: Iterable<CopyValue[]> | AsyncIterable<CopyValue[]>): Promise<number> {
  const stream = client.query(copyFrom(`COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  let n = 0;
  let chunk = '';
  for await (const row of rows as AsyncIterable<CopyValue[]>) {
    chunk += `${row.map(field).join('\t')}\n`;
    n++;
    if (chunk.length >= 1 << 16) {
      if (!stream.write(chunk)) await once(stream, 'drain');
      chunk = '';
    }
  }
  if (chunk) stream.write(chunk);
  stream.end();
  await done;
  return n;
}
