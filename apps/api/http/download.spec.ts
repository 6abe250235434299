import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { streamDownload } from './download.js';

/** What the download logged, by level. */
const logged: Array<[string, string]> = [];
/** How each request's handler ended: 'done', or the error it was left with. */
const outcomes: string[] = [];
let write: (res: http.ServerResponse) => Promise<void>;
let server: http.Server;
let port: number;

beforeAll(async () => {
  Logger.overrideLogger({
    log: () => undefined,
    error: (m: unknown) => logged.push(['error', String(m)]),
    warn: (m: unknown) => logged.push(['warn', String(m)]),
  });
  server = http.createServer((req, res) => {
    res.setHeader('Content-Type', 'application/octet-stream');
    res.setHeader('Content-Disposition', 'attachment; filename="x.bin"');
    streamDownload(res as unknown as Response, 'test download', () => write(res), 60_000).then(
      () => outcomes.push('done'),
      (e: Error) => {
        outcomes.push(e.message);
        // As the controllers do: before the download began, answer; after, leave it to streamDownload.
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' }).end('refused');
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  Logger.overrideLogger(['error', 'warn']);
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  logged.length = 0;
  outcomes.length = 0;
});

/** GET the download: status, headers, body, or the error the client saw. */
function get(): Promise<{ status: number; disposition?: string; body: string; error?: string }> {
  return new Promise((resolve) => {
    http.get({ host: '127.0.0.1', port, path: '/' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, disposition: res.headers['content-disposition'], body }));
      res.on('error', (e) => resolve({ status: res.statusCode!, body, error: e.message }));
    }).on('error', (e) => resolve({ status: 0, body: '', error: e.message }));
  });
}
const settled = async () => {
  for (let i = 0; i < 100 && outcomes.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
};

describe('streamDownload', () => {
  it('a complete download ends the response and logs nothing', async () => {
    write = async (res) => void res.write('all of it');
    expect(await get()).toMatchObject({ status: 200, disposition: 'attachment; filename="x.bin"', body: 'all of it' });
    await settled();
    expect([outcomes, logged]).toEqual([['done'], []]);
  });

  it('an error before the first byte: rethrown with the download headers taken back, nothing logged', async () => {
    write = async () => {
      throw new Error('refused before writing');
    };
    const r = await get();
    expect(r).toMatchObject({ status: 500, body: 'refused' });
    expect(r.disposition).toBeUndefined();
    await settled();
    expect([outcomes, logged]).toEqual([['refused before writing'], []]);
  });

  it('an error after the first byte: the download is cut short and the error logged with its stack', async () => {
    write = async (res) => {
      res.write('the first part');
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('broke halfway');
    };
    const r = await get();
    expect(r.status).toBe(200);
    expect(r.error).toMatch(/aborted|socket hang up|ECONNRESET/);
    await settled();
    expect(outcomes).toEqual(['broke halfway']);
    expect(logged).toEqual([['error', expect.stringMatching(/^test download: failed after the download began, cut short: Error: broke halfway\n\s+at /)]]);
  });

  it('a client that leaves: a warning, no error', async () => {
    write = async (res) => {
      res.write('x'.repeat(1024));
      await new Promise((r) => setTimeout(r, 50));
      for (let i = 0; i < 1000 && !res.destroyed; i++) {
        res.write('y'.repeat(65536));
        await new Promise((r) => setTimeout(r, 1));
      }
      if (res.destroyed) throw new Error('write after the client left');
    };
    await new Promise<void>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/' }, (res) => res.once('data', () => (req.destroy(), resolve())));
    });
    await settled();
    expect(outcomes).toEqual(['write after the client left']);
    expect(logged).toEqual([['warn', 'test download: the client left before the download completed']]);
  });
});
