import { readFile } from 'node:fs/promises';
import { ConfigError } from './errors.ts';

export type Locale = 'en' | 'th';
export type TransportKind = 'outbox' | 'smtp' | 'ses';

export interface StoreConfig {
  /** `fs`: a local folder (the workspace); `s3`: a bucket */
  kind: 'fs' | 's3';
  bucket?: string;
  /** S3-compatible endpoint, e.g. `http://127.0.0.1:4568` for s3rver */
  endpoint?: string;
  region?: string;
}

export interface EmailConfig {
  transport: TransportKind;
  from: string;
  smtp: { host: string; port: number; secure: boolean };
  /** also e-mail every active AE a link to their own page */
  aeEmails: boolean;
  /** extra recipients, e.g. a VP who gets the org page */
  extraRecipients: { email: string; name?: string; page: 'org' }[];
  /** addresses never e-mailed (compared ignoring case) */
  exclude: string[];
}

export interface Config {
  /** local workspace folder: the lake on a laptop, and the outbox */
  workspace: string;
  store: StoreConfig;
  engine: 'duckdb' | 'athena';
  /** where the published site is served; e-mailed links start with it */
  siteBaseUrl: string;
  locale: Locale;
  currency: string;
  /** 1 = January; moves quarters only, months stay calendar months */
  fiscalYearStartMonth: number;
  qualifiedLeadStatuses: string[];
  visitEventTypes: string[];
  closedStages: string[];
  /** encoding of CSV exports, e.g. `utf-8` or `windows-874` */
  encoding: string;
  email: EmailConfig;
  /** cron and time zone of the nightly run on AWS */
  schedule: { cron: string; timeZone: string };
}

export const DEFAULT_CONFIG: Config = {
  workspace: '.scorecard',
  store: { kind: 'fs' },
  engine: 'duckdb',
  siteBaseUrl: 'http://localhost:4321',
  locale: 'en',
  currency: 'USD',
  fiscalYearStartMonth: 1,
  qualifiedLeadStatuses: ['Qualified'],
  visitEventTypes: ['Visit', 'Meeting'],
  closedStages: ['Closed Won', 'Closed Lost'],
  encoding: 'utf-8',
  email: {
    transport: 'outbox',
    from: 'Scorecard <scorecard@localhost>',
    smtp: { host: '127.0.0.1', port: 25, secure: false },
    aeEmails: false,
    extraRecipients: [],
    exclude: [],
  },
  schedule: { cron: '0 2 * * ? *', timeZone: 'UTC' },
};

export const CONFIG_FILE = 'scorecard.config.json';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep-merges `override` onto `base`, checking that every key exists and has the base's type. */
function merge(base: unknown, override: unknown, path: string): unknown {
  if (override === undefined) return base;
  if (isObject(base)) {
    if (!isObject(override)) throw new ConfigError(`${path} must be an object`);
    const out: Json = { ...base };
    for (const [key, value] of Object.entries(override)) {
      const where = path ? `${path}.${key}` : key;
      if (!(key in base)) {
        throw new ConfigError(`unknown key "${where}"`, `known keys here: ${Object.keys(base).join(', ')}`);
      }
      out[key] = merge(base[key], value, where);
    }
    return out;
  }
  if (Array.isArray(base)) {
    if (!Array.isArray(override)) throw new ConfigError(`${path} must be a list`);
    return override;
  }
  if (base !== undefined && typeof override !== typeof base) {
    throw new ConfigError(`${path} must be a ${typeof base}, not ${JSON.stringify(override)}`);
  }
  return override;
}

function check(condition: boolean, message: string, hint?: string): void {
  if (!condition) throw new ConfigError(message, hint);
}

/** Validates a partial config and fills in every default. */
export function resolveConfig(partial: unknown = {}): Config {
  const config = merge(DEFAULT_CONFIG, partial, '') as Config;
  check(['fs', 's3'].includes(config.store.kind), `store.kind must be "fs" or "s3", not "${config.store.kind}"`);
  check(
    config.store.kind !== 's3' || Boolean(config.store.bucket),
    'store.bucket is required when store.kind is "s3"',
  );
  check(['duckdb', 'athena'].includes(config.engine), `engine must be "duckdb" or "athena", not "${config.engine}"`);
  check(['en', 'th'].includes(config.locale), `locale must be "en" or "th", not "${config.locale}"`);
  check(
    Number.isInteger(config.fiscalYearStartMonth) && config.fiscalYearStartMonth >= 1 && config.fiscalYearStartMonth <= 12,
    `fiscalYearStartMonth must be a month number 1..12, not ${config.fiscalYearStartMonth}`,
  );
  check(
    ['outbox', 'smtp', 'ses'].includes(config.email.transport),
    `email.transport must be "outbox", "smtp" or "ses", not "${config.email.transport}"`,
  );
  check(/^https?:\/\//.test(config.siteBaseUrl), `siteBaseUrl must start with http:// or https://`);
  for (const key of ['qualifiedLeadStatuses', 'visitEventTypes', 'closedStages'] as const) {
    check(
      config[key].every((v) => typeof v === 'string'),
      `${key} must be a list of strings`,
    );
  }
  return config;
}

/**
 * Reads `scorecard.config.json` (or `path`) once; a missing default file
 * means all defaults, a missing named file is an error.
 *
 * @example
 * const config = await loadConfig(); // config.workspace === '.scorecard'
 */
export async function loadConfig(path?: string): Promise<Config> {
  const file = path ?? process.env.SCORECARD_CONFIG ?? CONFIG_FILE;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (!path && !process.env.SCORECARD_CONFIG) return resolveConfig({});
    throw new ConfigError(`cannot read config file ${file}`, 'check the path given with --config', { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file} is not valid JSON: ${(error as Error).message}`, 'fix the JSON syntax');
  }
  try {
    return resolveConfig(parsed);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`${file}: ${error.message}`, error.hint);
    throw error;
  }
}
