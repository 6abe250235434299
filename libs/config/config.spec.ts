import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

describe('config validated at boot', () => {
  it('defaults: port 3000, embedded PostgreSQL in .data/pg', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c).toMatchObject({ port: 3000, databaseUrl: null, embeddedPgDir: '/srv/app/.data/pg', embeddedPgPort: 54329, nodeEnv: 'development', exportConcurrency: 2 });
    expect(loadConfig({ EXPORT_CONCURRENCY: '4' }).exportConcurrency).toBe(4);
  });
  it('PORT and DATABASE_URL are read', () => {
    const c = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@h:5432/db' });
    expect(c.port).toBe(8080);
    expect(c.databaseUrl).toBe('postgres://u@h:5432/db');
  });
  it.each([
    [{ PORT: 'eighty' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be between/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV must be/],
    [{ NODE_ENV: 'production' }, /production needs DATABASE_URL/],
    [{ TOKEN_TTL_HOURS: '0' }, /TOKEN_TTL_HOURS must be between/],
    [{ EXPORT_CONCURRENCY: '0' }, /EXPORT_CONCURRENCY must be between/],
  ])('refuses %j', (env, msg) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(ConfigError);
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(msg);
  });
});
