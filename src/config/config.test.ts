import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../shared/errors.ts';
import { loadConfig } from './index.ts';

describe('configuration', () => {
  it('has working defaults: ./data, port 8080, embedded SQLite', () => {
    const config = loadConfig({});
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.seedDemoOnEmpty).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ CHENGXIN_FIELD_KEY: 'abc' }, 'CHENGXIN_FIELD_KEY'],
    [{ CHENGXIN_BLIND_INDEX_KEY: 'z'.repeat(64) }, 'CHENGXIN_BLIND_INDEX_KEY'],
    [{ CHENGXIN_DEMO: 'maybe' }, 'CHENGXIN_DEMO'],
    [{ CHENGXIN_NOW: 'tomorrow' }, 'CHENGXIN_NOW'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ NODE_ENV: 'production', CHENGXIN_NOW: '2027-05-01T09:00:00+08:00' }, 'CHENGXIN_NOW'],
    [{ NODE_ENV: 'production', CHENGXIN_CLOCK_OFFSET_DAYS: '400' }, 'CHENGXIN_CLOCK_OFFSET_DAYS'],
  ])('stops on %j naming %s', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toContain(variable);
  });

  it('runs a whole process at another date with CHENGXIN_NOW or a moving offset', () => {
    expect(loadConfig({ CHENGXIN_NOW: '2027-05-01T09:00:00+08:00' }).clock.now().toISOString()).toBe('2027-05-01T01:00:00.000Z');
    const shifted = loadConfig({ CHENGXIN_CLOCK_OFFSET_DAYS: '400' }).clock.now().getTime();
    expect(shifted - Date.now()).toBeGreaterThan(399 * 86_400_000);
  });
});
