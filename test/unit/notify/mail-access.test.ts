import { describe, expect, it } from 'vitest';
import { buildAccessList } from '../../../functions/access/access-list.ts';
import { applyMailAccess, onlyPagesTheyMayOpen } from '../../../functions/notify/mail-access.ts';
import { memoryLog } from '../../../functions/log.ts';
import type { Recipient } from '../../../functions/notify/recipients.ts';
import { aePath, orgPath, teamPath } from '../../../functions/report/routes.ts';
import { FsStore } from '../../../functions/store/fs.ts';
import { ORG } from '../access/org-fixture.ts';

const D = '2026-11-26';
const list = buildAccessList(D, ORG, { orgViewers: ['cfo@example.com'], aeSeesTeam: false });
const page = (level: 'org' | 'team' | 'ae', id: string, path: string) => ({ level, entityId: id, name: id, path });

const PLANNED: Recipient[] = [
  { email: 'M1@example.com', name: 'M1', pages: [page('team', 'M1', teamPath(D, 'M1'))] },
  { email: 'a1@example.com', name: 'A1', pages: [page('ae', 'A1', aePath(D, 'A1'))] },
  { email: 'cfo@example.com', name: 'CFO', pages: [page('org', 'org', orgPath(D))] },
  // an extra recipient given the org page, who is not an org viewer: a manager
  { email: 'm2@example.com', name: 'M2', pages: [page('org', 'org', orgPath(D)), page('team', 'M2', teamPath(D, 'M2'))] },
  { email: 'someone@example.com', name: 'Someone', pages: [page('org', 'org', orgPath(D))] },
];

describe('e-mails link only pages their recipient may open', () => {
  it('keeps the pages the rule allows and skips the rest, naming why', () => {
    const { recipients, skipped } = onlyPagesTheyMayOpen(PLANNED, list);

    expect(recipients.map((r) => [r.email, r.pages.map((p) => p.path)])).toEqual([
      ['M1@example.com', [teamPath(D, 'M1')]],
      ['a1@example.com', [aePath(D, 'A1')]],
      ['cfo@example.com', [orgPath(D)]],
      ['m2@example.com', [teamPath(D, 'M2')]],
    ]);
    expect(skipped.map((s) => s.who)).toEqual(['org org for <m2@example.com>', 'org org for <someone@example.com>']);
    expect(skipped[0]?.reason).toMatch(/access rule/);
  });

  it('leaves a version without an access list as planned, with a warning', async () => {
    const log = memoryLog();
    const store = new FsStore('/nonexistent-scorecard-workspace');
    const planned = { recipients: PLANNED, skipped: [] };

    expect(await applyMailAccess({ store, log }, D, planned)).toBe(planned);
    expect(log.lines.join('\n')).toMatch(/no access list/);
  });
});
