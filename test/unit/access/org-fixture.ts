import type { Entity } from '../../../functions/report/site-data.ts';

const person = (level: 'ae' | 'team', id: string, managerId: string | null, teamId: string | null): Entity => ({
  level,
  id,
  name: id,
  email: `${id.toLowerCase()}@example.com`,
  managerId,
  isActive: true,
  teamId,
});

/**
 * A small org: VP (the top; leads one strategic AE) → managers M1, M2 and
 * a manager of managers MM (who leads AE MM1 and the manager M3), plus an
 * AE whose manager is not a user (in the org only).
 */
export const ORG: Entity[] = [
  { level: 'org', id: 'org', name: 'Organisation', email: null, managerId: null, isActive: true, teamId: null },
  person('team', 'VP', null, 'VP'),
  person('team', 'M1', 'VP', 'M1'),
  person('team', 'M2', 'VP', 'M2'),
  person('team', 'MM', 'VP', 'MM'),
  person('team', 'M3', 'MM', 'M3'),
  person('ae', 'S1', 'VP', 'VP'),
  person('ae', 'A1', 'M1', 'M1'),
  person('ae', 'A2', 'M1', 'M1'),
  person('ae', 'B1', 'M2', 'M2'),
  person('ae', 'MM1', 'MM', 'MM'),
  person('ae', 'C1', 'M3', 'M3'),
  person('ae', 'Z1', 'GONE', null),
];
