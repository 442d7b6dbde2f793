import { describe, expect, it } from 'vitest';
import { composeMessage, type MessageInput } from '../../../functions/notify/message.ts';
import type { Page } from '../../../functions/notify/recipients.ts';
import type { PageSummary } from '../../../functions/notify/summary.ts';

const team: Page = { level: 'team', entityId: 'M1', name: '<script>alert("x")</script> & Co', path: 'v/2026-11-26/team/M1/' };
const org: Page = { level: 'org', entityId: 'org', name: '', path: 'v/2026-11-26/' };

const summary = (page: Page): PageSummary => ({
  page,
  period: { start: '2026-10-01', end: '2026-11-26' },
  headline: [
    { kpi: 'quota_attainment_pct', value: 13.097, previous: 13.097 },
    { kpi: 'bookings', value: 49900, previous: 30000 },
    { kpi: 'forecast', value: 53810.05, previous: 53810.05 },
  ],
  changes: [
    { kpi: 'win_rate_pct', value: 44.44, previous: 20 },
    { kpi: 'bookings', value: 49900, previous: 30000 },
  ],
});

const input = (overrides: Partial<MessageInput> = {}): MessageInput => ({
  asOf: '2026-11-26',
  previousAsOf: '2026-11-25',
  recipient: { email: 'm@x.example', name: 'Michael "Mike" Kim', pages: [team] },
  summaries: [summary(team)],
  locale: 'en',
  currency: 'USD',
  siteBaseUrl: 'https://reports.example.com/',
  ...overrides,
});

describe('composeMessage', () => {
  it('names the team and the as-of date in the subject', () => {
    expect(composeMessage(input()).subject).toBe('Sales scorecard for team <script>alert("x")</script> & Co, as of 2026-11-26');
  });

  it('links to the page of this version, never to /latest/', () => {
    const message = composeMessage(input());

    expect(message.links).toEqual(['https://reports.example.com/v/2026-11-26/team/M1/']);
    expect(message.text).toContain('https://reports.example.com/v/2026-11-26/team/M1/');
    expect(message.html).toContain('href="https://reports.example.com/v/2026-11-26/team/M1/"');
    expect(message.text + message.html).not.toContain('latest');
  });

  it('escapes exported names in HTML and keeps them as they are in the text', () => {
    const message = composeMessage(input());

    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(message.html).toContain('Hello Michael &quot;Mike&quot; Kim,');
    expect(message.text).toContain('Team <script>alert("x")</script> & Co');
  });

  it('shows the headline figures and the two biggest changes in both parts', () => {
    const { text, html } = composeMessage(input());

    for (const part of [text, html]) {
      expect(part).toContain('Quota attainment');
      expect(part).toContain('13.1%');
      expect(part).toContain('$49,900');
      expect(part).toContain('$53,810');
      expect(part).toContain('Biggest changes since the version of 2026-11-25');
      expect(part).toContain('Win rate: 20% → 44.4% (+24.4 pts)');
      expect(part).toContain('Bookings: $30,000 → $49,900 (+$19,900)');
    }
  });

  it('says there is nothing to compare with in the first version', () => {
    const first = input({ previousAsOf: undefined, summaries: [{ ...summary(team), changes: [] }] });

    expect(composeMessage(first).text).toContain('This is the first version');
  });

  it('gives a person with two pages one message with a section and a link for each, subject from the org page', () => {
    const message = composeMessage(input({ summaries: [summary(org), summary(team)] }));

    expect(message.subject).toBe('Sales scorecard for the organisation, as of 2026-11-26');
    expect(message.links).toEqual(['https://reports.example.com/v/2026-11-26/', 'https://reports.example.com/v/2026-11-26/team/M1/']);
    expect(message.text).toContain('Organisation\n');
  });

  it('writes Thai for the th locale', () => {
    const ae: Page = { level: 'ae', entityId: 'A1', name: 'สมชาย แซ่ตั้ง', path: 'v/2026-11-26/ae/A1/' };
    const message = composeMessage(input({ locale: 'th', currency: 'THB', summaries: [summary(ae)] }));

    expect(message.subject).toBe('สกอร์การ์ดการขายของ สมชาย แซ่ตั้ง ณ วันที่ 2026-11-26');
    expect(message.text).toContain('ยอดขายที่ปิดได้: ฿49,900');
    expect(message.html).toContain('<html lang="th">');
  });
});
