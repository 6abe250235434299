import { once } from 'node:events';
import type { EventEmitter } from 'node:events';
import type { Workbook } from './table-sheet.js';
import type ExcelJS from 'exceljs';

/**
 * Backpressure for exceljs' streaming writer (exceljs 4.4, archiver 5).
 *
 * Writing rows is synchronous and never says "stop" (exceljs' row.commit(), and RowXmlWriter's
 * batches alike): the rows' XML goes into the worksheet's StreamBuf, which hands 64 KiB chunks to a PassThrough that archiver reads only when it gets
 * to compress that entry. Committing a million rows in one loop therefore piles the sheet up in
 * that PassThrough before zlib and `out` see a byte (measured here: ~0.23 KiB of buffers a row,
 * 406 MiB peak RSS at 1,000,000 rows). So every few thousand rows we:
 *   1. yield to the event loop, so archiver, zlib and `out` can move data;
 *   2. wait while the sheet's pending, uncompressed bytes exceed a limit ('drain' on the
 *      PassThrough; it fires when archiver has consumed what was written);
 *   3. wait for 'drain' on `out` when its own buffer is full (a slow HTTP client, a slow disk).
 * Step 2 reads exceljs internals (worksheet.stream.pipes); if their shape changes, it finds
 * nothing to watch and steps 1 and 3 still hold memory down as far as they can.
 */

/** Uncompressed bytes allowed to wait between exceljs and the zip (a few StreamBuf chunks). */
const PENDING_LIMIT = 1024 * 1024;

interface LegacyWritable extends EventEmitter {
  _writableState?: { length?: number };
  writableLength?: number;
}

interface InternalWorksheetWriter {
  stream?: { pipes?: LegacyWritable[] };
}

interface InternalWorkbookWriter {
  zip?: EventEmitter;
}

interface NodeWritableState {
  writableNeedDrain?: boolean;
  writableLength?: number;
  writableHighWaterMark?: number;
  destroyed?: boolean;
}

function pendingBytes(pipe: LegacyWritable): number {
  return pipe._writableState?.length ?? pipe.writableLength ?? 0;
}

function needsDrain(out: NodeWritableState): boolean {
  if (typeof out.writableNeedDrain === 'boolean') return out.writableNeedDrain;
  if (typeof out.writableLength === 'number' && typeof out.writableHighWaterMark === 'number') return out.writableLength >= out.writableHighWaterMark;
  return false;
}

export class Backpressure {
  private failure: Error | null = null;
  private readonly failed: Promise<never>;

  constructor(
    wb: Workbook,
    private readonly out: NodeJS.WritableStream,
  ) {
    // An archiver error has no listener until exceljs' commit(); without one it would crash
    // the process instead of rejecting the export.
    this.failed = new Promise<never>((_, reject) => {
      const fail = (err: Error) => {
        this.failure ??= err;
        reject(err);
      };
      (wb as unknown as InternalWorkbookWriter).zip?.on('error', fail);
      out.on('error', fail);
      // A client that goes away closes the response without an error; the zip would wait forever.
      out.on('close', () => {
        if ((out as unknown as { writableFinished?: boolean }).writableFinished === false) fail(new Error('review workbook: the output stream closed before the workbook was complete'));
      });
    });
    this.failed.catch(() => undefined); // observed through relieve() and check()
  }

  /** Throws the first error seen on the zip or on `out`. */
  check(): void {
    if (this.failure) throw this.failure;
  }

  /** Waits for p, or rejects with the first error seen on the zip or on `out`. */
  guard<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.failed]);
  }

  /** Lets the zip and `out` catch up with the rows committed so far on `sheet`. */
  async relieve(sheet: ExcelJS.Worksheet): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.check();
    const pipes = (sheet as unknown as InternalWorksheetWriter).stream?.pipes ?? [];
    for (const pipe of pipes) {
      while (pendingBytes(pipe) > PENDING_LIMIT) await Promise.race([once(pipe, 'drain'), this.failed]);
    }
    const out = this.out as unknown as NodeWritableState;
    if (out.destroyed) throw this.failure ?? new Error('review workbook: the output stream was destroyed');
    if (needsDrain(out)) await Promise.race([once(this.out as unknown as EventEmitter, 'drain'), this.failed]);
  }
}
