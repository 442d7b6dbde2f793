import { beforeAll, describe, expect, it } from 'vitest';
import { generateDrop, type Drop } from './drop-reader.ts';

type Row = Record<string, string>;

let drop: Drop;
let users: Row[];
let byId: Map<string, Row>;
let opportunityOwners: Set<string>;
beforeAll(async () => {
  drop = await generateDrop({ asOf: '2026-01-31', seed: 11, scale: 1 });
  users = drop.records('crm/User.csv');
  byId = new Map(users.map((u) => [u.Id ?? '', u]));
  opportunityOwners = new Set(drop.records('crm/Opportunity.csv').map((o) => o.OwnerId ?? ''));
});

const THAI = /[\u0E00-\u0E7F]/;
const reportsOf = (id: string) => users.filter((u) => u.ManagerId === id);
const isAe = (u: Row) => reportsOf(u.Id ?? '').length === 0 && opportunityOwners.has(u.Id ?? '');

describe('the organisation', () => {
  it('has a VP with four managers of 4–6 AEs each and one AE reporting directly', () => {
    const vps = users.filter((u) => u.Title === 'VP Sales');
    expect(vps).toHaveLength(1);
    const vp = vps[0] as Row;
    expect(vp.ManagerId).toBe('');
    const managers = reportsOf(vp.Id ?? '').filter((u) => reportsOf(u.Id ?? '').some(isAe));
    expect(managers).toHaveLength(4);
    for (const m of managers) {
      const team = reportsOf(m.Id ?? '').filter(isAe);
      expect(team.length).toBeGreaterThanOrEqual(4);
      expect(team.length).toBeLessThanOrEqual(6);
    }
    expect(reportsOf(vp.Id ?? '').filter(isAe)).toHaveLength(1);
    const aes = users.filter(isAe);
    expect(aes.length).toBeGreaterThanOrEqual(19);
    expect(aes.length).toBeLessThanOrEqual(23);
  });

  it('has one AE who left during the history and still owns closed deals', () => {
    const left = users.filter((u) => u.IsActive === 'false');
    expect(left).toHaveLength(1);
    const owned = drop.records('crm/Opportunity.csv').filter((o) => o.OwnerId === left[0]?.Id);
    expect(owned.length).toBeGreaterThan(50);
    expect(owned.every((o) => o.IsClosed === 'true')).toBe(true);
  });

  it('gives everyone a unique name and e-mail', () => {
    expect(new Set(users.map((u) => u.Name)).size).toBe(users.length);
    expect(new Set(users.map((u) => u.Email?.toLowerCase())).size).toBe(users.length);
  });

  it('mixes English and Thai names and places', () => {
    expect(users.filter((u) => THAI.test(u.Name ?? '')).length).toBeGreaterThan(3);
    expect(users.filter((u) => /^[A-Za-z' .-]+$/.test(u.Name ?? '')).length).toBeGreaterThan(3);
    const accounts = drop.records('crm/Account.csv');
    expect(new Set(accounts.map((a) => a.BillingCountry))).toEqual(expect.objectContaining({}));
    const countries = new Set(accounts.map((a) => a.BillingCountry));
    for (const c of ['Thailand', 'United Kingdom', 'Germany', 'United States']) expect(countries.has(c), c).toBe(true);
    const thaiStates = accounts.filter((a) => a.BillingCountry === 'Thailand').map((a) => a.BillingState ?? '');
    expect(thaiStates.filter((s) => THAI.test(s)).length).toBeGreaterThan(thaiStates.length * 0.8);
    expect(accounts.some((a) => THAI.test(a.Name ?? ''))).toBe(true);
    expect(accounts.some((a) => a.BillingCountry && !a.BillingState)).toBe(true);
  });

  it('gives every account an owner who is a user', () => {
    for (const a of drop.records('crm/Account.csv')) expect(byId.has(a.OwnerId ?? '')).toBe(true);
  });
});

describe('activities', () => {
  it('links tasks and events to accounts and has visits and meetings', () => {
    const accounts = new Set(drop.records('crm/Account.csv').map((a) => a.Id));
    const tasks = drop.records('crm/Task.csv');
    const events = drop.records('crm/Event.csv');
    expect(tasks.length + events.length).toBeGreaterThan(50_000);
    for (const t of [...tasks, ...events]) if (t.AccountId) expect(accounts.has(t.AccountId)).toBe(true);
    expect(tasks.filter((t) => t.AccountId).length).toBeGreaterThan(tasks.length * 0.9);
    const types = new Set(events.map((e) => e.Type));
    expect(types.has('Visit') && types.has('Meeting')).toBe(true);
    for (const e of events) {
      expect(e.ActivityDate).toBe(e.StartDateTime?.slice(0, 10));
      expect((e.EndDateTime ?? '') > (e.StartDateTime ?? '')).toBe(true);
    }
    expect(tasks.some((t) => t.IsDeleted === 'true') && events.some((e) => e.IsDeleted === 'true')).toBe(true);
  });
});

describe('service', () => {
  it('opens cases on accounts, some owned by queues, and closes most of them', () => {
    const cases = drop.records('crm/Case.csv');
    const accounts = new Set(drop.records('crm/Account.csv').map((a) => a.Id));
    expect(cases.some((c) => c.OwnerId?.startsWith('00G'))).toBe(true);
    expect(cases.some((c) => c.OwnerId?.startsWith('005'))).toBe(true);
    for (const c of cases) {
      expect(accounts.has(c.AccountId)).toBe(true);
      if (c.IsClosed === 'true') expect((c.ClosedDate ?? '') >= (c.CreatedDate ?? '')).toBe(true);
      else expect(c.ClosedDate).toBe('');
    }
    expect(cases.filter((c) => c.IsClosed === 'true').length).toBeGreaterThan(cases.length * 0.8);
  });

  it('collects CSAT scores 1–5 on known accounts, with comments in several languages', () => {
    const accounts = new Set(drop.records('crm/Account.csv').map((a) => a.Id));
    const responses = drop.records('surveys/csat.csv');
    for (const r of responses) {
      expect(accounts.has(r.AccountId)).toBe(true);
      expect(['1', '2', '3', '4', '5']).toContain(r.Score);
    }
    expect(new Set(responses.map((r) => r.ResponseId)).size).toBe(responses.length);
    expect(responses.some((r) => THAI.test(r.Comment ?? ''))).toBe(true);
    expect(responses.some((r) => r.Comment?.includes('\n'))).toBe(true);
  });
});

describe('coaching', () => {
  it('has managers (and now and then the VP) rate-able feedback for their AEs', () => {
    const feedback = drop.records('coaching/feedback.csv');
    expect(feedback.length).toBeGreaterThan(1000);
    for (const f of feedback) {
      const receiver = byId.get(f.ReceiverId ?? '');
      const giver = byId.get(f.GiverId ?? '');
      expect(receiver && isAe(receiver)).toBe(true);
      expect(giver?.Id === receiver?.ManagerId || giver?.Title === 'VP Sales').toBe(true);
      expect(['1', '2', '3', '4', '5']).toContain(f.Rating);
    }
    expect(new Set(feedback.map((f) => f.FeedbackId)).size).toBe(feedback.length);
  });
});

describe('learning (xAPI)', () => {
  interface Statement {
    id: string;
    timestamp: string;
    actor: { mbox?: string; account?: { homePage: string; name: string } };
    verb: { id: string };
    object: { id: string; definition?: { name?: Record<string, string>; extensions?: Record<string, string> } };
    result?: { score?: { scaled?: number; raw?: number; min?: number; max?: number } };
    context?: { extensions?: Record<string, string> };
  }
  const verb = (s: Statement) => s.verb.id.replace('http://adlnet.gov/expapi/verbs/', '');

  it('writes one xAPI statement per line, for learners who are users', () => {
    const statements = drop
      .text('lms/statements.jsonl')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Statement);
    const emails = new Set(users.map((u) => u.Email?.toLowerCase()));
    const mapped = new Map(drop.records('lms/identity-map.csv').map((r) => [r.AccountName, r.UserEmail]));
    let accountActors = 0;
    for (const s of statements) {
      expect(s.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Number.isNaN(Date.parse(s.timestamp))).toBe(false);
      const name = s.actor.account?.name;
      if (name !== undefined) accountActors++;
      const email = s.actor.mbox ? s.actor.mbox.replace('mailto:', '') : name?.includes('@') ? name : mapped.get(name ?? '');
      expect(emails.has(email?.toLowerCase()), JSON.stringify(s.actor)).toBe(true);
    }
    expect(accountActors).toBeGreaterThan(0);
    expect(accountActors).toBeLessThan(statements.length / 2);
    expect(new Set(statements.map((s) => s.id)).size).toBe(statements.length);

    const verbs = new Set(statements.map(verb));
    for (const v of ['registered', 'completed', 'passed', 'failed', 'scored']) expect(verbs.has(v), v).toBe(true);
    for (const s of statements.filter((x) => verb(x) === 'registered')) {
      expect(s.context?.extensions?.['https://scorecard.dev/xapi/due-date']).toMatch(/^\d{4}-\d\d-\d\d$/);
    }
    for (const s of statements.filter((x) => ['passed', 'failed', 'scored'].includes(verb(x)))) {
      expect(s.object.definition?.extensions?.['https://scorecard.dev/xapi/skill']).toMatch(/^(negotiation|presentation|discovery|product)$/);
      const score = s.result?.score ?? {};
      if (score.scaled !== undefined) expect(score.scaled >= 0 && score.scaled <= 1).toBe(true);
      else expect((score.raw ?? -1) >= (score.min ?? 0) && (score.raw ?? -1) <= (score.max ?? -1)).toBe(true);
    }
  });
});
