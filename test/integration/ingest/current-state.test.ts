import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../functions/config.ts';
import type { StageContext } from '../../../functions/context.ts';
import { openLake } from '../../../functions/lake/open.ts';
import { ingestDrop, landDrop } from '../../../functions/ingest/ingest.ts';
import { memoryLog } from '../../../functions/log.ts';
import { FsStore } from '../../../functions/store/fs.ts';

const USERS = 'Id,Name,Email,IsActive,IsDeleted,SystemModstamp';
const OPPS = 'Id,AccountId,OwnerId,Amount,StageName,IsClosed,IsWon,CloseDate,CreatedDate,SystemModstamp';
const opp = (id: string, amount: string, stamp: string) =>
  `${id},A1,U1,${amount},Prospecting,false,false,2026-12-01,2026-10-01T00:00:00Z,${stamp}`;
const xapi = (id: string, verb: string, objectId: string, actor: object = { mbox: 'mailto:U1@Example.com' }) =>
  JSON.stringify({
    id,
    timestamp: '2026-10-05T10:00:00Z',
    actor,
    verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` },
    object: { id: objectId },
  });

/** Two drops that re-export, update, delete and void each other's records. */
const DROPS: Record<string, Record<string, string>> = {
  '2026-11-01': {
    'crm/User.csv': [
      USERS,
      'U1,Ann,u1@example.com,true,false,2026-10-01T00:00:00Z',
      'U2,Bob,u2@example.com,true,false,2026-10-01T00:00:00Z',
      'U3,Cy,u3@example.com,true,,',
      'U4,Di (first),u4@example.com,true,false,2026-10-01T00:00:00Z',
      'U4,Di (second line wins the tie),u4@example.com,true,false,2026-10-01T00:00:00Z',
    ].join('\n'),
    'crm/Opportunity.csv': [
      OPPS,
      opp('O1', '100', '2026-10-02T00:00:00Z'),
      opp('O2', '200', '2026-10-02T00:00:00Z'),
      opp('O3', '300', '2026-10-02T00:00:00Z'),
    ].join('\n'),
    'lms/statements.jsonl': [
      xapi('s1', 'completed', 'https://lms/c1'),
      xapi('s2', 'registered', 'https://lms/c1'),
      xapi('s3', 'completed', 'https://lms/c2', { account: { homePage: 'https://lms', name: 'learner-42' } }),
    ].join('\n'),
    'lms/identity-map.csv': 'AccountName,UserEmail\nlearner-42,U2@Example.com\n',
    'surveys/csat.csv': 'ResponseId,SubmittedAt,AccountId,Score\nR1,2026-10-01,A1,3\nR2,2026-10-01,A1,4\n',
  },
  '2026-11-02': {
    'crm/User.csv': [
      USERS,
      'U1,Ann Newer,u1@example.com,true,false,2026-10-10T00:00:00Z',
      'U2,Bob,u2@example.com,true,true,2026-10-10T00:00:00Z',
      'U3,Cy (later drop wins without a stamp),u3@example.com,true,,',
    ].join('\n'),
    'crm/Opportunity.csv': [
      OPPS,
      opp('O1', '999', '2026-09-01T00:00:00Z'), // an older version re-sent: loses
      opp('O2', '222', '2026-10-02T00:00:00Z'), // same stamp: the later drop wins
      opp('O3', 'lots', '2026-10-20T00:00:00Z'), // a newer version quarantined: the older stays
    ].join('\n'),
    'lms/statements.jsonl': xapi('v1', 'voided', 's1'),
    'surveys/csat.csv': 'ResponseId,SubmittedAt,AccountId,Score\nR1,2026-10-02,A1,5\n',
  },
};

const STATE_QUERIES = {
  users: 'SELECT id, name FROM users ORDER BY id',
  opportunities: 'SELECT id, amount FROM opportunities ORDER BY id',
  lms: 'SELECT id, actor_email, verb, object_id FROM lms_statements ORDER BY id',
  csat: 'SELECT response_id, score FROM csat_responses ORDER BY response_id',
};

type State = Record<keyof typeof STATE_QUERIES, Record<string, unknown>[]>;

let root: string;
let inputs: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ingest-state-'));
  inputs = join(root, 'inputs');
  for (const [drop, files] of Object.entries(DROPS)) {
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(inputs, drop, path)), { recursive: true });
      await writeFile(join(inputs, drop, path), text);
    }
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function workspace(): Promise<StageContext> {
  const dir = await mkdtemp(join(root, 'ws-'));
  return { config: resolveConfig({ workspace: dir }), store: new FsStore(dir), log: memoryLog(), scratch: join(dir, 'tmp') };
}

async function ingestInOrder(ctx: StageContext, order: string[]): Promise<void> {
  for (const drop of order) {
    await landDrop(ctx, join(inputs, drop), drop);
    await ingestDrop(ctx, drop);
  }
}

async function state(ctx: StageContext): Promise<State> {
  const lake = await openLake(ctx);
  try {
    const out = {} as State;
    for (const [name, sql] of Object.entries(STATE_QUERIES)) out[name as keyof State] = await lake.query(sql);
    return out;
  } finally {
    await lake.close();
  }
}

describe('current state over several drops', () => {
  it('keeps the latest version, applies deletes and voids, and resolves account actors', async () => {
    const ctx = await workspace();

    await ingestInOrder(ctx, ['2026-11-01', '2026-11-02']);
    const current = await state(ctx);

    expect(current.users).toEqual([
      { id: 'U1', name: 'Ann Newer' },
      { id: 'U3', name: 'Cy (later drop wins without a stamp)' },
      { id: 'U4', name: 'Di (second line wins the tie)' },
    ]);
    expect(current.opportunities).toEqual([
      { id: 'O1', amount: 100 },
      { id: 'O2', amount: 222 },
      { id: 'O3', amount: 300 },
    ]);
    expect(current.lms).toEqual([
      { id: 's2', actor_email: 'u1@example.com', verb: 'registered', object_id: 'https://lms/c1' },
      { id: 's3', actor_email: 'u2@example.com', verb: 'completed', object_id: 'https://lms/c2' },
    ]);
    expect(current.csat).toEqual([
      { response_id: 'R1', score: 5 },
      { response_id: 'R2', score: 4 },
    ]);
  });

  it('gives the same current state whatever order the drops are ingested in', async () => {
    const forward = await workspace();
    const backward = await workspace();

    await ingestInOrder(forward, ['2026-11-01', '2026-11-02']);
    await ingestInOrder(backward, ['2026-11-02', '2026-11-01']);

    expect(await state(backward)).toEqual(await state(forward));
  });

  it('changes nothing when a drop is ingested again', async () => {
    const ctx = await workspace();
    await ingestInOrder(ctx, ['2026-11-01', '2026-11-02']);
    const before = await state(ctx);
    const report = await readFile(join(ctx.config.workspace, 'reports/ingest/2026-11-02.json'), 'utf8');
    const raw = await ctx.store.list('raw/');

    await landDrop(ctx, join(inputs, '2026-11-02'), '2026-11-02');
    await ingestDrop(ctx, '2026-11-02');
    await ingestDrop(ctx, '2026-11-01');

    expect(await state(ctx)).toEqual(before);
    expect(await readFile(join(ctx.config.workspace, 'reports/ingest/2026-11-02.json'), 'utf8')).toBe(report);
    expect(await ctx.store.list('raw/')).toEqual(raw);
  });

  it('refuses to land other files under a drop id already used', async () => {
    const ctx = await workspace();
    await landDrop(ctx, join(inputs, '2026-11-01'), '2026-11-01');

    await expect(landDrop(ctx, join(inputs, '2026-11-02'), '2026-11-01')).rejects.toThrow(/already landed/);
  });
});
