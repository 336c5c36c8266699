import path from 'node:path';
import { ConfigError } from '../shared/errors.ts';
import { clockFromSettings, type Clock } from '../shared/clock.ts';

/**
 * Environment → typed, validated configuration. Every variable is listed in the README;
 * a wrong value stops start-up with a ConfigError naming the variable.
 */
export interface Config {
  /** DATA_DIR: SQLite database, generated keys and uploads. */
  dataDir: string;
  /** PORT / HOST: where the HTTP server listens. */
  port: number;
  host: string;
  /** DATABASE_URL: postgres://… switches from embedded SQLite to PostgreSQL. */
  databaseUrl: string | undefined;
  /** DATABASE_SCHEMA: PostgreSQL schema to use (default: public). */
  databaseSchema: string | undefined;
  production: boolean;
  logLevel: string;
  /** CHENGXIN_BLIND_INDEX_KEY (64 hex) and CHENGXIN_FIELD_KEY (64 hex); generated under DATA_DIR when absent. */
  blindIndexKeyHex: string | undefined;
  fieldKeyHex: string | undefined;
  /** CHENGXIN_FIELD_KEY_VERSION: the version CHENGXIN_FIELD_KEY encrypts under (default 1). */
  fieldKeyVersion: number;
  /** CHENGXIN_FIELD_KEY_PREVIOUS: older field keys still needed to decrypt, `1:hex,2:hex`. */
  previousFieldKeys: Record<number, string>;
  /** CHENGXIN_AUDIT_SIGNING_KEY: SM2 private key (64 hex) that signs audit tree heads; generated when absent. */
  signingKeyHex: string | undefined;
  /** CHENGXIN_AUDIT_HEAD_INTERVAL_SECONDS: how often new access-log entries are sequenced and a tree head signed. */
  auditHeadIntervalSeconds: number;
  /** CHENGXIN_ADMIN_PASSWORD: the first platform admin's password, used only when no admin exists. */
  adminPassword: string | undefined;
  /** CHENGXIN_DEMO: seed demo data into an empty database at start (default true, false in production). */
  seedDemoOnEmpty: boolean;
  /** CHENGXIN_DEMO_PERSONS: how many demo persons to make on first start. */
  demoPersons: number;
  /** CHENGXIN_LOGIN_RATE_LIMIT: login attempts per minute per client address. */
  loginRateLimitPerMinute: number;
  /** CHENGXIN_COOKIE_SECURE: mark the session cookie Secure (set true behind HTTPS). */
  cookieSecure: boolean;
  /** CHENGXIN_BODY_LIMIT_BYTES: the largest JSON request body accepted. */
  bodyLimitBytes: number;
  /** CHENGXIN_UPLOAD_LIMIT_BYTES: the largest file accepted by the ingestion upload (default 1 GiB). */
  uploadLimitBytes: number;
  /** CHENGXIN_NOW / CHENGXIN_CLOCK_OFFSET_DAYS (refused in production). */
  clock: Clock;
  /** CHENGXIN_OIDC_*: citizens' real-name login through the government identity provider; null = off. */
  oidc: OidcConfig | null;
}

/** Real-name login (OpenID Connect, authorization code flow with PKCE) for citizens (issue 6). */
export interface OidcConfig {
  /** CHENGXIN_OIDC_ISSUER: the identity provider's issuer URL (discovery at /.well-known/openid-configuration). */
  issuer: string;
  /** CHENGXIN_OIDC_CLIENT_ID / CHENGXIN_OIDC_CLIENT_SECRET: this platform's registration at the provider. */
  clientId: string;
  clientSecret: string;
  /** CHENGXIN_OIDC_REDIRECT_URI: `https://<host>/api/v1/auth/oidc/callback` as registered at the provider. */
  redirectUri: string;
  /** CHENGXIN_OIDC_SCOPE: scopes asked for (default `openid profile`). */
  scope: string;
  /** CHENGXIN_OIDC_CODE_CLAIM: the claim carrying the verified citizen code (default `id_card_number`). */
  codeClaim: string;
  /** CHENGXIN_OIDC_NAME_CLAIM: the claim carrying the person's name (default `name`). */
  nameClaim: string;
}

/** 1 GiB: a year of a large department's 双公示 data fits; a 2 GB upload is refused (issue 4). */
export const DEFAULT_UPLOAD_LIMIT_BYTES = 1024 ** 3;

type Env = Record<string, string | undefined>;

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(name, `expected a whole number, got "${raw}" / 应为整数`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value} / 超出范围`);
  return value;
}

function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `expected true or false, got "${env[name]}" / 应为 true 或 false`);
}

function readHexKey(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!/^[0-9a-fA-F]{64}$/.test(raw)) throw new ConfigError(name, 'expected 64 hexadecimal characters (32 bytes) / 应为 64 位十六进制');
  return raw.toLowerCase();
}

function readPreviousKeys(env: Env): Record<number, string> {
  const raw = env.CHENGXIN_FIELD_KEY_PREVIOUS?.trim();
  const keys: Record<number, string> = {};
  if (!raw) return keys;
  for (const part of raw.split(',')) {
    const match = /^(\d+):([0-9a-fA-F]{64})$/.exec(part.trim());
    if (!match) throw new ConfigError('CHENGXIN_FIELD_KEY_PREVIOUS', 'expected version:hex pairs separated by commas, e.g. 1:<64 hex> / 格式应为 版本:密钥');
    keys[Number(match[1])] = match[2]!.toLowerCase();
  }
  return keys;
}

function readDatabaseUrl(env: Env): string | undefined {
  const raw = env.DATABASE_URL?.trim();
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL', 'not a URL; expected postgres://user@host:port/database / 不是有效的连接地址');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', `unsupported scheme "${url.protocol}"; only postgres:// is supported / 仅支持 PostgreSQL`);
  }
  return raw;
}

export function loadConfig(env: Env = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const offsetRaw = env.CHENGXIN_CLOCK_OFFSET_DAYS?.trim();
  let offsetDays: number | undefined;
  if (offsetRaw) {
    offsetDays = Number(offsetRaw);
    if (!Number.isFinite(offsetDays)) throw new ConfigError('CHENGXIN_CLOCK_OFFSET_DAYS', `expected a number of days, got "${offsetRaw}" / 应为天数`);
  }
  const fixedAt = env.CHENGXIN_NOW?.trim() || undefined;
  if (fixedAt !== undefined && Number.isNaN(new Date(fixedAt).getTime())) {
    throw new ConfigError('CHENGXIN_NOW', `not an ISO 8601 instant: "${fixedAt}" / 不是有效时间`);
  }
  const schema = env.DATABASE_SCHEMA?.trim() || undefined;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new ConfigError('DATABASE_SCHEMA', 'expected a lower-case SQL identifier / 应为小写标识符');
  }
  const adminPassword = env.CHENGXIN_ADMIN_PASSWORD || undefined;
  return {
    dataDir: path.resolve(env.DATA_DIR?.trim() || './data'),
    port: readInt(env, 'PORT', 8080, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl: readDatabaseUrl(env),
    databaseSchema: schema,
    production,
    logLevel: readLogLevel(env),
    blindIndexKeyHex: readHexKey(env, 'CHENGXIN_BLIND_INDEX_KEY'),
    fieldKeyHex: readHexKey(env, 'CHENGXIN_FIELD_KEY'),
    fieldKeyVersion: readInt(env, 'CHENGXIN_FIELD_KEY_VERSION', 1, 1, 1_000_000),
    previousFieldKeys: readPreviousKeys(env),
    signingKeyHex: readHexKey(env, 'CHENGXIN_AUDIT_SIGNING_KEY'),
    auditHeadIntervalSeconds: readInt(env, 'CHENGXIN_AUDIT_HEAD_INTERVAL_SECONDS', 10, 1, 86_400),
    adminPassword,
    seedDemoOnEmpty: readBool(env, 'CHENGXIN_DEMO', !production),
    demoPersons: readInt(env, 'CHENGXIN_DEMO_PERSONS', 300, 0, 10_000_000),
    loginRateLimitPerMinute: readInt(env, 'CHENGXIN_LOGIN_RATE_LIMIT', 30, 1, 100_000),
    cookieSecure: readBool(env, 'CHENGXIN_COOKIE_SECURE', production),
    bodyLimitBytes: readInt(env, 'CHENGXIN_BODY_LIMIT_BYTES', 1_048_576, 1024, 64 * 1_048_576),
    uploadLimitBytes: readInt(env, 'CHENGXIN_UPLOAD_LIMIT_BYTES', DEFAULT_UPLOAD_LIMIT_BYTES, 1024, 64 * 1024 ** 3),
    clock: clockFromSettings({ fixedAt, offsetDays, production }),
    oidc: readOidc(env, production),
  };
}

function readUrl(env: Env, name: string, production: boolean): string {
  const raw = env[name]?.trim();
  if (!raw) throw new ConfigError(name, 'required when CHENGXIN_OIDC_ISSUER is set / 配置实名登录时必填');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `not a URL: "${raw}" / 不是有效的地址`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  // An identity provider reached over plain HTTP could be impersonated; only tests run one on loopback.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback && !production)) {
    throw new ConfigError(name, `must be https:// (http:// only on loopback outside production), got "${raw}" / 必须使用 https`);
  }
  return raw;
}

const CLAIM_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;

function readClaim(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim() || fallback;
  if (!CLAIM_NAME.test(raw)) throw new ConfigError(name, `not a claim name: "${raw}" / 不是有效的声明名称`);
  return raw;
}

/** All of CHENGXIN_OIDC_* or none: a half-configured login fails at start, not at a citizen's first attempt. */
function readOidc(env: Env, production: boolean): OidcConfig | null {
  const names = ['CHENGXIN_OIDC_ISSUER', 'CHENGXIN_OIDC_CLIENT_ID', 'CHENGXIN_OIDC_CLIENT_SECRET', 'CHENGXIN_OIDC_REDIRECT_URI'];
  if (!env.CHENGXIN_OIDC_ISSUER?.trim()) {
    const stray = names.find((n) => env[n]?.trim());
    if (stray) throw new ConfigError('CHENGXIN_OIDC_ISSUER', `required because ${stray} is set / 已设置 ${stray}，须同时设置签发者地址`);
    return null;
  }
  const clientId = env.CHENGXIN_OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new ConfigError('CHENGXIN_OIDC_CLIENT_ID', 'required when CHENGXIN_OIDC_ISSUER is set / 配置实名登录时必填');
  const clientSecret = env.CHENGXIN_OIDC_CLIENT_SECRET;
  if (!clientSecret) throw new ConfigError('CHENGXIN_OIDC_CLIENT_SECRET', 'required when CHENGXIN_OIDC_ISSUER is set / 配置实名登录时必填');
  const scope = env.CHENGXIN_OIDC_SCOPE?.trim() || 'openid profile';
  if (!scope.split(/\s+/).includes('openid')) throw new ConfigError('CHENGXIN_OIDC_SCOPE', `must include "openid", got "${scope}" / 必须包含 openid`);
  return {
    issuer: readUrl(env, 'CHENGXIN_OIDC_ISSUER', production),
    clientId,
    clientSecret,
    redirectUri: readUrl(env, 'CHENGXIN_OIDC_REDIRECT_URI', production),
    scope,
    codeClaim: readClaim(env, 'CHENGXIN_OIDC_CODE_CLAIM', 'id_card_number'),
    nameClaim: readClaim(env, 'CHENGXIN_OIDC_NAME_CLAIM', 'name'),
  };
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function readLogLevel(env: Env): string {
  const level = env.LOG_LEVEL?.trim() || 'info';
  if (!LOG_LEVELS.includes(level)) throw new ConfigError('LOG_LEVEL', `expected one of ${LOG_LEVELS.join(', ')} / 日志级别无效`);
  return level;
}
