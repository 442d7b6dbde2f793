import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { checkCoaching, DEFAULT_COACHING, type CoachingConfig } from './coaching-config.ts';
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

/** The AWS deployment (`infra/`, `npx cdk deploy --all`); ignored by the CLI. */
export interface AwsConfig {
  /** names the stacks (`<prefix>-lake`, `-pipeline`, `-site`) and resources: lower case, digits, `-` */
  prefix: string;
  /** target account; empty: the account of the CLI's credentials */
  account: string;
  /** target region; empty: the CLI profile's region, else `us-east-1` */
  region: string;
  /** receives an e-mail when a night or an ingest fails (SNS subscription, confirm it once); empty: none */
  alarmEmail: string;
  /** CPU of the Lambda functions: `x86_64`, or `arm64` (Graviton, about 20 % cheaper) */
  lambdaArchitecture: 'arm64' | 'x86_64';
  /** memory of each function in MB; DuckDB may use 60 % of it */
  memoryMb: { ingest: number; compute: number; notify: number };
  /** `/tmp` of each DuckDB function in MB: the staged lake and DuckDB's spill files */
  tmpMb: number;
  /** days CloudWatch and the access-log bucket keep logs (a CloudWatch value: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, …) */
  logRetentionDays: number;
  /** days a delivered drop stays in the landing bucket */
  landingRetentionDays: number;
  /** days Athena keeps query results */
  queryResultRetentionDays: number;
  /** Athena cancels a query of the workgroup that scans more than this (MB) */
  athenaScanLimitMb: number;
  /** e-mail addresses invited to sign in to the site (Cognito sends each a temporary password) */
  siteViewers: string[];
  /** optional own domain for the site, e.g. `reports.example.com`, with its ACM certificate in us-east-1 */
  siteDomain: string;
  siteCertificateArn: string;
  /** requests per 5 minutes from one IP address before CloudFront's WAF blocks it; 0: no WAF */
  siteRateLimit: number;
}

/** Who may open which pages of the site (functions/access/). */
export interface AccessConfig {
  /** e-mail addresses that may open every page, like the top of the CRM hierarchy (compared ignoring case) */
  orgViewers: string[];
  /** AEs may also open their team's page */
  aeSeesTeam: boolean;
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
  /** DuckDB's memory limit on this machine, e.g. `6GB`; empty: a quarter of the memory, at most 2 GB (it spills the rest to disk) */
  duckdbMemoryLimit: string;
  email: EmailConfig;
  /** cron and time zone of the nightly run on AWS */
  schedule: { cron: string; timeZone: string };
  aws: AwsConfig;
  /** thresholds of the coaching signals (functions/coaching-config.ts) */
  coaching: CoachingConfig;
  access: AccessConfig;
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
  duckdbMemoryLimit: '',
  email: {
    transport: 'outbox',
    from: 'Scorecard <scorecard@localhost>',
    smtp: { host: '127.0.0.1', port: 25, secure: false },
    aeEmails: false,
    extraRecipients: [],
    exclude: [],
  },
  schedule: { cron: '0 2 * * ? *', timeZone: 'UTC' },
  aws: {
    prefix: 'scorecard',
    account: '',
    region: '',
    alarmEmail: '',
    // x86_64 by default: its DuckDB binding is the one `npm ci` installs on a
    // usual Linux machine, so `cdk synth` needs no network (see "Deploy to AWS" in README.md)
    lambdaArchitecture: 'x86_64',
    memoryMb: { ingest: 2048, compute: 4096, notify: 1024 },
    tmpMb: 4096,
    logRetentionDays: 90,
    landingRetentionDays: 400,
    queryResultRetentionDays: 30,
    athenaScanLimitMb: 10_240,
    siteViewers: [],
    siteDomain: '',
    siteCertificateArn: '',
    siteRateLimit: 0,
  },
  coaching: DEFAULT_COACHING,
  access: { orgViewers: [], aeSeesTeam: false },
};

/** The retention periods CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const CONFIG_FILE = 'scorecard.config.json';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys with no default that a config may still give, by the path of their object. */
const OPTIONAL_KEYS: Record<string, string[]> = { store: ['bucket', 'endpoint', 'region'] };

/** Deep-merges `override` onto `base`, checking that every key exists and has the base's type. */
function merge(base: unknown, override: unknown, path: string): unknown {
  if (override === undefined) return base;
  if (isObject(base)) {
    if (!isObject(override)) throw new ConfigError(`${path} must be an object`);
    const out: Json = { ...base };
    for (const [key, value] of Object.entries(override)) {
      const where = path ? `${path}.${key}` : key;
      if (!(key in base) && !OPTIONAL_KEYS[path]?.includes(key)) {
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
  check(
    iconv.encodingExists(config.encoding),
    `encoding "${config.encoding}" is not an encoding Scorecard can read`,
    'use a name such as utf-8, windows-874, tis-620 or utf-16le',
  );
  check(
    config.duckdbMemoryLimit === '' || /^\d+(\.\d+)?\s*(MB|GB|TB|MiB|GiB|TiB)$/i.test(config.duckdbMemoryLimit),
    `duckdbMemoryLimit must be a size such as 2GB or 512MB, or empty for automatic, not "${config.duckdbMemoryLimit}"`,
  );
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
  checkAws(config.aws);
  checkCoaching(config.coaching);
  checkAccess(config.access);
  return config;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

function checkAccess(access: AccessConfig): void {
  for (const viewer of access.orgViewers) {
    check(
      typeof viewer === 'string' && EMAIL.test(viewer),
      `access.orgViewers must be e-mail addresses, not ${JSON.stringify(viewer)}`,
      'list the people who may open every page (the org page, every team and AE), e.g. ["cfo@example.com"]',
    );
  }
}

function checkAws(aws: AwsConfig): void {
  check(
    /^[a-z][a-z0-9-]{1,19}$/.test(aws.prefix) && !/aws|amazon|cognito/.test(aws.prefix),
    `aws.prefix must be 2-20 lower-case letters, digits or "-", starting with a letter, not "${aws.prefix}"`,
    'it names stacks, functions and the sign-in domain, which cannot contain "aws", "amazon" or "cognito"',
  );
  check(aws.account === '' || /^\d{12}$/.test(aws.account), `aws.account must be a 12-digit account id, not "${aws.account}"`);
  check(aws.region === '' || /^[a-z]{2}(-[a-z]+)+-\d$/.test(aws.region), `aws.region must be a region such as eu-west-1, not "${aws.region}"`);
  check(aws.alarmEmail === '' || EMAIL.test(aws.alarmEmail), `aws.alarmEmail must be an e-mail address, not "${aws.alarmEmail}"`);
  check(
    ['arm64', 'x86_64'].includes(aws.lambdaArchitecture),
    `aws.lambdaArchitecture must be "arm64" or "x86_64", not "${aws.lambdaArchitecture}"`,
  );
  for (const [name, mb] of Object.entries(aws.memoryMb)) {
    check(Number.isInteger(mb) && mb >= 256 && mb <= 10_240, `aws.memoryMb.${name} must be a whole number of MB from 256 to 10240, not ${mb}`);
  }
  check(Number.isInteger(aws.tmpMb) && aws.tmpMb >= 512 && aws.tmpMb <= 10_240, `aws.tmpMb must be a whole number of MB from 512 to 10240, not ${aws.tmpMb}`);
  check(
    (LOG_RETENTION_DAYS as readonly number[]).includes(aws.logRetentionDays),
    `aws.logRetentionDays must be one of ${LOG_RETENTION_DAYS.join(', ')}, not ${aws.logRetentionDays}`,
  );
  for (const key of ['landingRetentionDays', 'queryResultRetentionDays', 'athenaScanLimitMb'] as const) {
    check(Number.isInteger(aws[key]) && aws[key] >= 1, `aws.${key} must be a whole number of at least 1, not ${aws[key]}`);
  }
  check(aws.athenaScanLimitMb >= 10, `aws.athenaScanLimitMb must be at least 10 (Athena's minimum), not ${aws.athenaScanLimitMb}`);
  for (const viewer of aws.siteViewers) {
    check(typeof viewer === 'string' && EMAIL.test(viewer), `aws.siteViewers must be e-mail addresses, not ${JSON.stringify(viewer)}`);
  }
  check(
    aws.siteRateLimit === 0 || (Number.isInteger(aws.siteRateLimit) && aws.siteRateLimit >= 10 && aws.siteRateLimit <= 2_000_000_000),
    `aws.siteRateLimit must be 0 (no limit) or a whole number of requests per 5 minutes of at least 10 (WAF's minimum), not ${aws.siteRateLimit}`,
  );
  check(
    (aws.siteDomain === '') === (aws.siteCertificateArn === ''),
    'aws.siteDomain and aws.siteCertificateArn go together',
    'give both (the certificate must be in us-east-1 and cover the domain), or neither to use the CloudFront address',
  );
  check(
    aws.siteCertificateArn === '' || aws.siteCertificateArn.startsWith('arn:aws:acm:us-east-1:'),
    `aws.siteCertificateArn must be an ACM certificate in us-east-1, not "${aws.siteCertificateArn}"`,
    'CloudFront only uses certificates from us-east-1',
  );
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
