import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type EmailConfig } from '../../../functions/config.ts';
import { planRecipients } from '../../../functions/notify/recipients.ts';
import type { Entity } from '../../../functions/notify/version-data.ts';

const AS_OF = '2026-11-26';

const entity = (level: Entity['level'], entityId: string, name: string | null, email: string | null, isActive = true): Entity => ({
  level,
  entityId,
  name,
  email,
  managerId: null,
  isActive,
  teamId: null,
});

const ENTITIES: Entity[] = [
  entity('org', 'org', 'Organisation', null),
  entity('team', 'M1', 'Michael Kim', 'michael.kim@x.example'),
  entity('team', 'M2', 'Lucas Martin', 'Lucas.Martin@x.example'),
  entity('team', 'VP', 'Siriporn', 'vp@x.example'),
  entity('ae', 'A1', 'Noah Nguyen', 'noah@x.example'),
  entity('ae', 'A2', 'Raj Nguyen', 'raj@x.example', false),
];

const email = (overrides: Partial<EmailConfig> = {}): EmailConfig => ({ ...DEFAULT_CONFIG.email, ...overrides });

describe('planRecipients', () => {
  it('gives every team manager the team page of the version', () => {
    const { recipients, skipped } = planRecipients(ENTITIES, email(), AS_OF);

    expect(recipients.map((r) => [r.email, r.pages.map((p) => p.path)])).toEqual([
      ['Lucas.Martin@x.example', ['v/2026-11-26/team/M2/']],
      ['michael.kim@x.example', ['v/2026-11-26/team/M1/']],
      ['vp@x.example', ['v/2026-11-26/team/VP/']],
    ]);
    expect(skipped).toEqual([]);
  });

  it.each([
    [false, []],
    [true, ['noah@x.example']],
  ])('with aeEmails %s e-mails active AEs only: %j', (aeEmails, expected) => {
    const { recipients } = planRecipients(ENTITIES, email({ aeEmails }), AS_OF);

    expect(recipients.filter((r) => r.pages.some((p) => p.level === 'ae')).map((r) => r.email)).toEqual(expected);
  });

  it('merges an extra org recipient with the same person as manager, ignoring case, into one e-mail', () => {
    const { recipients } = planRecipients(
      ENTITIES,
      email({ extraRecipients: [{ email: 'VP@x.example', name: 'The VP', page: 'org' }] }),
      AS_OF,
    );

    const vp = recipients.filter((r) => r.email.toLowerCase() === 'vp@x.example');
    expect(vp).toHaveLength(1);
    expect(vp[0]?.pages.map((p) => p.path)).toEqual(['v/2026-11-26/', 'v/2026-11-26/team/VP/']);
  });

  it('leaves out excluded addresses, ignoring case, and says so', () => {
    const { recipients, skipped } = planRecipients(ENTITIES, email({ exclude: ['MICHAEL.KIM@x.example'] }), AS_OF);

    expect(recipients.map((r) => r.email)).not.toContain('michael.kim@x.example');
    expect(skipped).toEqual([{ who: 'team Michael Kim <michael.kim@x.example>', reason: 'excluded by email.exclude' }]);
  });

  it.each([
    [null, /no e-mail address/],
    ['  ', /no e-mail address/],
    ['not an address', /not an e-mail address/],
    ['a@x.example, b@y.example', /not an e-mail address/],
  ])('reports a manager whose address is %j instead of e-mailing it', (address, reason) => {
    const { recipients, skipped } = planRecipients([entity('team', 'M9', 'Bad', address)], email(), AS_OF);

    expect(recipients).toEqual([]);
    expect(skipped[0]?.reason).toMatch(reason);
  });

  it('keeps line breaks of exported names out of the name used in headers', () => {
    const { recipients } = planRecipients([entity('team', 'M3', 'Eve\r\nBcc: x@evil.example', 'eve@x.example')], email(), AS_OF);

    expect(recipients[0]?.name).toBe('Eve Bcc: x@evil.example');
  });
});
