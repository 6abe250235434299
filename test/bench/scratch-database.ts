import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type RunningDatabase } from '../../libs/persistence/embedded-postgres.js';
import { freePort } from '../support/free-port.js';

/** A database of its own for a script (the bench, the workbook check), dropped or deleted by `cleanup`. */
export type ScratchDatabase = RunningDatabase & { cleanup: () => Promise<void> };

/**
 * A fresh database named `<prefix>_<time>`: created on the server of DATABASE_URL when it is set
 * (and dropped by `cleanup`), otherwise an embedded PostgreSQL in a temporary directory.
 */
export async function openScratchDatabase(prefix: string, log: (m: string) => void): Promise<ScratchDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}`;
  if (process.env.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${name}`;
    return {
      url: u.toString(),
      stop: async () => undefined,
      cleanup: async () => {
        const a = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix.replace(/_/g, '-')}-`));
  fs.chmodSync(dir, 0o755);
  const db = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: await freePort(), database: name, persistent: false, log });
  return { ...db, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}
