import path from 'node:path';

/** The one typed configuration of the product, validated at boot. Nobody else reads process.env. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  /** A PostgreSQL server to use; when absent, an embedded PostgreSQL is started. */
  databaseUrl: string | null;
  embeddedPgDir: string;
  embeddedPgPort: number;
  /** Where uploaded evidence files are kept. */
  storageDir: string;
  tokenTtlHours: number;
  /** Workbook exports served at once (EXPORT_CONCURRENCY); more wait their turn. */
  exportConcurrency: number;
  logRequests: boolean;
  /** The policy packs shipped with the product, loaded into the database at start. */
  policyPacksDir: string;
  /** Strict mode serializes writes per FoF; STRICT_GUARD=off removes that lock (to demonstrate the race only). */
  strictGuardSerialize: boolean;
}

export class ConfigError extends Error {}

function intInRange(name: string, raw: string | undefined, dflt: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return dflt;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got ${JSON.stringify(raw)}`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const nodeEnv = (env.NODE_ENV ?? 'development') as AppConfig['nodeEnv'];
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be development, production or test, got ${JSON.stringify(env.NODE_ENV)}`);
  }
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL.trim() : null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  if (nodeEnv === 'production' && !databaseUrl) {
    throw new ConfigError('NODE_ENV=production needs DATABASE_URL: the embedded PostgreSQL is for development and tests');
  }
  return {
    nodeEnv,
    port: intInRange('PORT', env.PORT, 3000, 0, 65535),
    databaseUrl,
    embeddedPgDir: path.resolve(cwd, env.EMBEDDED_PG_DIR ?? '.data/pg'),
    embeddedPgPort: intInRange('EMBEDDED_PG_PORT', env.EMBEDDED_PG_PORT, 54329, 1024, 65535),
    storageDir: path.resolve(cwd, env.STORAGE_DIR ?? '.data/files'),
    tokenTtlHours: intInRange('TOKEN_TTL_HOURS', env.TOKEN_TTL_HOURS, 12, 1, 24 * 365),
    exportConcurrency: intInRange('EXPORT_CONCURRENCY', env.EXPORT_CONCURRENCY, 2, 1, 64),
    logRequests: env.LOG_REQUESTS !== '0',
    policyPacksDir: path.resolve(cwd, env.POLICY_PACKS_DIR ?? 'policy-packs'),
    strictGuardSerialize: env.STRICT_GUARD !== 'off',
  };
}
