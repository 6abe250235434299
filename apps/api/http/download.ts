import { Logger } from '@nestjs/common';
import type { Response } from 'express';

const logger = new Logger('Downloads');

/** A client that reads nothing for this long ends its download (it would hold the export, and its connection, forever). */
export const DOWNLOAD_STALL_MS = 120_000;

/**
 * Streams a file download whose headers leave with its first bytes (a workbook). An error before then
 * is rethrown with the download's headers taken back, so the error filter answers it. After, the client
 * can no longer be told: the stream is cut short so the file is not taken for complete, the error is
 * logged (a warning when the client left or stopped reading for `stallMs`, an error with its stack
 * otherwise), and rethrown so a caller's transaction ends; the caller then drops it (`res.headersSent`).
 */
export async function streamDownload(res: Response, what: string, write: () => Promise<void>, stallMs = DOWNLOAD_STALL_MS): Promise<void> {
  let clientLeft = false;
  let ending = false;
  res.on('close', () => {
    if (!res.writableFinished && !ending) clientLeft = true;
  });
  res.setTimeout(stallMs, () => {
    clientLeft = true;
    res.destroy(new Error(`${what}: the client stopped reading for ${stallMs / 1000} s`));
  });
  try {
    await write();
    ending = true;
    res.end();
  } catch (e) {
    if (!res.headersSent) {
      res.removeHeader('Content-Disposition');
      res.removeHeader('Content-Type');
      throw e;
    }
    ending = true;
    res.destroy();
    if (clientLeft) logger.warn(`${what}: the client left before the download completed`);
    else logger.error(`${what}: failed after the download began, cut short: ${(e as Error)?.stack ?? String(e)}`);
    throw e;
  }
}
