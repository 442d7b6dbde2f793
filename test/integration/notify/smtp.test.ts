import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../functions/config.ts';
import type { StageContext } from '../../../functions/context.ts';
import { memoryLog } from '../../../functions/log.ts';
import { MissingPagesError, SendFailedError } from '../../../functions/notify/errors.ts';
import { notifyVersion } from '../../../functions/notify/notify.ts';
import { readSendLog } from '../../../functions/notify/send-log.ts';
import { aePath, orgPath, teamPath } from '../../../functions/report/routes.ts';
import { AS_OF, goldenQuarterValue, makeFixture, publishedPaths, publishPages, type Change, type Fixture } from './fixture.ts';
import { startSmtp, type TestSmtp } from './smtp-server.ts';

const BASE = 'https://reports.example.com';
const MIKE = '005Hs0000000007AAA'; // Michael Kim's team
const VP = 'siriporn.srisuk@salesco.example';

// team Michael Kim moved on bookings (0.40 of the larger value), win rate (0.55) and deals won (0.25)
const CHANGES: Change[] = [
  { kpi: 'bookings', level: 'team', entityId: MIKE, previous: 30000 },
  { kpi: 'win_rate_pct', level: 'team', entityId: MIKE, previous: 20 },
  { kpi: 'deals_won', level: 'team', entityId: MIKE, previous: 3 },
];

let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.close();
});

async function context(fixture: Fixture, email: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Promise<StageContext> {
  const config = resolveConfig({
    workspace: fixture.root,
    siteBaseUrl: BASE,
    email: { transport: 'smtp', smtp: { host: '127.0.0.1', port: smtp.port, secure: false }, ...email },
    ...extra,
  });
  return { config, store: fixture.store, log: memoryLog(), scratch: await mkdtemp(join(tmpdir(), 'notify-scratch-')) };
}

/** Messages received since `from`, parsed, by recipient. */
async function parsedSince(from: number): Promise<Map<string, ParsedMail[]>> {
  const byRecipient = new Map<string, ParsedMail[]>();
  for (const message of smtp.received.slice(from)) {
    const parsed = await simpleParser(message.raw);
    for (const to of message.to) byRecipient.set(to.toLowerCase(), [...(byRecipient.get(to.toLowerCase()) ?? []), parsed]);
  }
  return byRecipient;
}

const textLinks = (mail: ParsedMail): string[] => [...new Set(mail.text?.match(/https?:\/\/\S+/g) ?? [])].sort();
const htmlLinks = (mail: ParsedMail): string[] =>
  [...new Set([...(mail.html || '').matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? ''))].sort();

const managers = (fixture: Fixture) => fixture.entities.filter((e) => e.level === 'team' && e.isActive && e.email);

describe('notify over a real SMTP server', () => {
  let fixture: Fixture;
  let ctx: StageContext;
  let start: number;

  beforeAll(async () => {
    fixture = await makeFixture(CHANGES);
    await publishPages(fixture.store, publishedPaths(fixture.entities));
    ctx = await context(fixture, { extraRecipients: [{ email: VP.toUpperCase(), name: 'VP Sales', page: 'org' }] });
    start = smtp.received.length;
    await notifyVersion(ctx, AS_OF);
  });

  it('e-mails each manager exactly once, the VP once with the org page and her team page', async () => {
    const mails = await parsedSince(start);

    expect([...mails.keys()].sort()).toEqual(managers(fixture).map((m) => m.email?.toLowerCase()).sort());
    for (const list of mails.values()) expect(list).toHaveLength(1);
    const vp = mails.get(VP)?.[0];
    const vpTeam = managers(fixture).find((m) => m.email === VP)?.entityId ?? '';
    expect(vp && textLinks(vp)).toEqual([`${BASE}/${orgPath(AS_OF)}`, `${BASE}/${teamPath(AS_OF, vpTeam)}`]);
  });

  it('links each manager to their team page of this version in both parts, never to /latest/', async () => {
    const mails = await parsedSince(start);

    for (const manager of managers(fixture).filter((m) => m.email !== VP)) {
      const mail = mails.get(manager.email?.toLowerCase() ?? '')?.[0];
      if (!mail) throw new Error(`no mail for ${manager.email}`);
      const expected = [`${BASE}/${teamPath(AS_OF, manager.entityId)}`];
      expect(textLinks(mail)).toEqual(expected);
      expect(htmlLinks(mail)).toEqual(expected);
      expect(`${mail.text}${mail.html}`).not.toMatch(/latest/);
      expect(mail.subject).toBe(`Sales scorecard for team ${manager.name}, as of ${AS_OF}`);
    }
  });

  it('summarises the quarter with the golden figures and the two biggest changes', async () => {
    const mail = (await parsedSince(start)).get('michael.kim@salesco.example')?.[0];
    const bookings = await goldenQuarterValue('bookings', 'team', MIKE);
    const forecast = await goldenQuarterValue('forecast', 'team', MIKE);
    const money = (v: number | null) => `$${Math.round(v ?? NaN).toLocaleString('en-US')}`;

    for (const part of [mail?.text ?? '', mail?.html || '']) {
      expect(part).toContain(`Bookings: ${money(30000)} → ${money(bookings)}`);
      expect(part).toContain('Win rate: 20% →');
      expect(part).toContain(money(forecast));
      expect(part).not.toContain('Deals won');
    }
  });

  it('logs every recipient and sends nothing on a re-run', async () => {
    const before = smtp.received.length;

    const again = await notifyVersion(ctx, AS_OF);

    expect(smtp.received.length).toBe(before);
    expect(again.sent).toEqual([]);
    expect(again.alreadySent.map((e) => e.toLowerCase()).sort()).toEqual(managers(fixture).map((m) => m.email?.toLowerCase()).sort());
    expect((await readSendLog(fixture.store, AS_OF)).length).toBe(managers(fixture).length);
  });
});

describe('notify after a failure part way through', () => {
  it('reports the failed recipient, sends the others, and a re-run sends only the missing one', async () => {
    const fixture = await makeFixture(CHANGES);
    await publishPages(fixture.store, publishedPaths(fixture.entities));
    const ctx = await context(fixture, { aeEmails: true });
    const everyone = fixture.entities.filter((e) => e.level !== 'org' && e.isActive).map((e) => e.email?.toLowerCase() ?? '').sort();
    const halfway = everyone[Math.floor(everyone.length / 2)] ?? '';
    smtp.failOnce.add(halfway);
    const start = smtp.received.length;

    const failure = await notifyVersion(ctx, AS_OF).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(SendFailedError);
    expect((failure as SendFailedError).failed.map((f) => f.email)).toEqual([halfway]);
    expect([...(await parsedSince(start)).keys()].sort()).toEqual(everyone.filter((e) => e !== halfway));

    const resumed = await notifyVersion(ctx, AS_OF);

    expect(resumed.sent).toEqual([halfway]);
    const all = await parsedSince(start);
    expect([...all.keys()].sort()).toEqual(everyone);
    for (const list of all.values()) expect(list).toHaveLength(1);
  });
});

describe('notify in Thai', () => {
  it('e-mails AEs their own page with a correctly encoded Thai subject', async () => {
    const fixture = await makeFixture();
    await publishPages(fixture.store, publishedPaths(fixture.entities));
    const ctx = await context(fixture, { aeEmails: true }, { locale: 'th', currency: 'THB' });
    const start = smtp.received.length;

    await notifyVersion(ctx, AS_OF);

    const raw = smtp.received.slice(start).find((m) => m.to.includes('somchai.saetang@salesco.example'))?.raw ?? Buffer.alloc(0);
    const headers = raw.toString('latin1').split('\r\n\r\n')[0] ?? '';
    expect(headers).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m);
    expect(/[^\t\r\n -~]/.test(headers)).toBe(false);
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe('สกอร์การ์ดการขายของ สมชาย แซ่ตั้ง ณ วันที่ 2026-11-26');
    expect(textLinks(mail)).toEqual([`${BASE}/${aePath(AS_OF, '005Hs0000000003AAA')}`]);
    expect(mail.text).toContain('ยอดขายที่ปิดได้');
    expect(mail.html).toContain('<html lang="th">');
  });
});

describe('notify before the version is published', () => {
  it('sends nothing when a linked page is missing, and says which', async () => {
    const fixture = await makeFixture();
    const missing = teamPath(AS_OF, MIKE);
    await publishPages(fixture.store, publishedPaths(fixture.entities), [missing]);
    const ctx = await context(fixture);
    const start = smtp.received.length;

    const failure = notifyVersion(ctx, AS_OF);

    await expect(failure).rejects.toThrow(MissingPagesError);
    await expect(failure).rejects.toThrow(missing);
    expect(smtp.received.length).toBe(start);
    expect(await readSendLog(fixture.store, AS_OF)).toEqual([]);
  });
});
