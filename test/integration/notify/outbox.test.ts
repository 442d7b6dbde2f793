import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../functions/config.ts';
import type { StageContext } from '../../../functions/context.ts';
import { memoryLog } from '../../../functions/log.ts';
import { VersionNotFoundError } from '../../../functions/notify/errors.ts';
import { notifyVersion } from '../../../functions/notify/notify.ts';
import { AS_OF, makeFixture, publishedPaths, publishPages, type Fixture } from './fixture.ts';

const BASE = 'https://reports.example.com/scorecard';

async function context(fixture: Fixture, email: Record<string, unknown> = {}): Promise<StageContext> {
  const config = resolveConfig({ workspace: fixture.root, siteBaseUrl: BASE, email });
  return { config, store: fixture.store, log: memoryLog(), scratch: await mkdtemp(join(tmpdir(), 'notify-scratch-')) };
}

describe('notify to the outbox (the default transport)', () => {
  it('writes one .eml per recipient, and every link in them opens a published page of the version', async () => {
    const fixture = await makeFixture();
    await publishPages(fixture.store, publishedPaths(fixture.entities));
    const ctx = await context(fixture, { aeEmails: true, extraRecipients: [{ email: 'ceo@salesco.example', page: 'org' }] });

    const result = await notifyVersion(ctx, AS_OF);

    const files = await fixture.store.list(`outbox/${AS_OF}/`);
    expect(files).toHaveLength(result.sent.length);
    expect(result.sent).toContain('ceo@salesco.example');
    let links = 0;
    for (const key of files) {
      const mail = await simpleParser(Buffer.from((await fixture.store.get(key)) ?? []));
      const hrefs = [...(mail.html || '').matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? '');
      const texts = mail.text?.match(/https?:\/\/\S+/g) ?? [];
      expect(hrefs.length).toBeGreaterThan(0);
      expect(new Set(texts)).toEqual(new Set(hrefs));
      for (const link of hrefs) {
        expect(link.startsWith(`${BASE}/v/${AS_OF}/`)).toBe(true);
        const page = `site/${link.slice(BASE.length + 1)}index.html`;
        expect(await fixture.store.get(page), `${key} links to ${link}`).toBeDefined();
        links += 1;
      }
    }
    expect(links).toBe(result.sent.length); // nobody here has two pages
  });

  it('says so in the first version, when there is nothing to compare with', async () => {
    const fixture = await makeFixture([], { previous: false });
    await publishPages(fixture.store, publishedPaths(fixture.entities));

    const result = await notifyVersion(await context(fixture), AS_OF);

    expect(result.previousAsOf).toBeUndefined();
    const mail = await simpleParser(Buffer.from((await fixture.store.get(`outbox/${AS_OF}/michael.kim@salesco.example.eml`)) ?? []));
    expect(mail.text).toContain('This is the first version');
  });

  it('fails clearly for a version that was never computed', async () => {
    const fixture = await makeFixture();

    const failure = await notifyVersion(await context(fixture), '2026-11-27').catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(VersionNotFoundError);
    expect((failure as VersionNotFoundError).hint).toMatch(/scorecard compute --as-of 2026-11-27\); versions present: 2026-11-25, 2026-11-26$/);
  });
});
