import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, loadConfig, resolveConfig } from '../../../functions/config.ts';
import { ConfigError } from '../../../functions/errors.ts';

describe('config', () => {
  it('fills every default', () => {
    expect(resolveConfig({})).toEqual(DEFAULT_CONFIG);
  });

  it('merges nested keys over the defaults', () => {
    const config = resolveConfig({ locale: 'th', email: { aeEmails: true } });

    expect(config.locale).toBe('th');
    expect(config.email.aeEmails).toBe(true);
    expect(config.email.transport).toBe('outbox');
  });

  it.each([
    [{ locale: 'fr' }, /locale must be "en" or "th"/],
    [{ lokale: 'en' }, /unknown key "lokale"/],
    [{ email: { transprot: 'smtp' } }, /unknown key "email.transprot"/],
    [{ fiscalYearStartMonth: 13 }, /fiscalYearStartMonth must be a month number/],
    [{ closedStages: 'Closed Won' }, /closedStages must be a list/],
    [{ store: { kind: 's3' } }, /store.bucket is required/],
    [{ siteBaseUrl: 'reports.example.com' }, /siteBaseUrl must start with http/],
    [{ encoding: 'windows-8744' }, /encoding "windows-8744" is not an encoding/],
  ])('rejects %j with a message naming the key', (partial, message) => {
    expect(() => resolveConfig(partial)).toThrow(ConfigError);
    expect(() => resolveConfig(partial)).toThrow(message);
  });

  it('names the file when it is not JSON', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'config-')), 'scorecard.config.json');
    writeFileSync(file, '{ "locale": ');

    await expect(loadConfig(file)).rejects.toThrow(/scorecard.config.json is not valid JSON/);
  });

  it('names the file and key when a value is wrong', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'config-')), 'my.json');
    writeFileSync(file, JSON.stringify({ engine: 'postgres' }));

    await expect(loadConfig(file)).rejects.toThrow(/my.json: engine must be "duckdb" or "athena"/);
  });
});
