import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessList } from '../../../functions/access/rule.ts';
import { resolveConfig } from '../../../functions/config.ts';
import { memoryLog } from '../../../functions/log.ts';
import { runNightly } from '../../../functions/nightly.ts';
import { FsStore } from '../../../functions/store/fs.ts';

const AS_OF = '2026-11-26';
let workspace: string;
let scratch: string;
let configFile: string;
let list: AccessList;
const running: ChildProcess[] = [];

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'preview-as-'));
  scratch = await mkdtemp(join(tmpdir(), 'preview-scratch-'));
  const partial = { workspace, access: { orgViewers: ['cfo@example.com'] } };
  configFile = join(workspace, 'scorecard.config.json');
  await writeFile(configFile, JSON.stringify(partial));
  await runNightly({ config: resolveConfig(partial), store: new FsStore(workspace), log: memoryLog(), scratch }, { asOf: AS_OF });
  list = JSON.parse(await readFile(join(workspace, 'access', 'v', `${AS_OF}.json`), 'utf8')) as AccessList;
}, 600_000);

afterAll(async () => {
  for (const child of running) child.kill();
  await rm(workspace, { recursive: true, force: true });
  await rm(scratch, { recursive: true, force: true });
});

/** Starts the real `scorecard preview --as EMAIL --port 0` and returns its address. */
async function preview(email: string): Promise<string> {
  const child = spawn('node', ['bin/scorecard.js', 'preview', '--config', configFile, '--as', email, '--port', '0'], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.push(child);
  let output = '';
  return new Promise((done, fail) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /on (http:\/\/\S+?)\/? as /.exec(output)?.[1];
      if (url) done(url);
    });
    child.once('exit', (code) => fail(new Error(`preview exited with ${code}: ${output}`)));
  });
}

const status = async (base: string, path: string): Promise<number> => (await fetch(`${base}/${path}`, { redirect: 'manual' })).status;

/** The demo org, from the version's access list: a team with two AEs, and another team with an AE. */
function org() {
  const emailOf = (id: string) => Object.entries(list.emails).find(([, user]) => user === id)![0];
  const aesOf = (team: string) =>
    list.areas.flatMap((a) => (a.audience.kind === 'entity' && a.audience.entity.startsWith('ae:') ? [a.audience.entity.slice(3)] : []))
      .filter((ae) => list.people[team]!.entities.includes(`ae:${ae}`));
  const managers = Object.entries(list.people)
    .filter(([, p]) => p.manager && !p.org && p.entities.filter((e) => e.startsWith('team:')).length === 1)
    .map(([id]) => id)
    .filter((id) => aesOf(id).length >= 2);
  const [manager, otherManager] = managers;
  const [ae, peer] = aesOf(manager!);
  return { manager: manager!, otherManager: otherManager!, ae: ae!, peer: peer!, otherAe: aesOf(otherManager!)[0]!, emailOf };
}

describe('scorecard preview --as, after a demo night', () => {
  it('serves an AE their own pages and refuses a peer, another team and the org', async () => {
    const o = org();
    const base = await preview(o.emailOf(o.ae));

    expect(await status(base, `v/${AS_OF}/ae/${o.ae}/`)).toBe(200);
    expect(await status(base, `latest/ae/${o.ae}/`)).toBe(200);
    expect(await status(base, `v/${AS_OF}/kpis/`)).toBe(200);
    expect(await status(base, `v/${AS_OF}/ae/${o.peer}/`)).toBe(403);
    expect(await status(base, `v/${AS_OF}/ae/${o.otherAe}/`)).toBe(403);
    expect(await status(base, `v/${AS_OF}/team/${o.manager}/`)).toBe(403);
    expect(await status(base, `v/${AS_OF}/team/${o.otherManager}/`)).toBe(403);
    expect(await status(base, `v/${AS_OF}/`)).toBe(403);
    expect(await status(base, `v/${AS_OF}/pages.json`)).toBe(403);
    expect(await status(base, `v/${AS_OF}/data-quality/`)).toBe(403);
    // every style sheet, script and image the AE's page loads is theirs to load
    const html = await (await fetch(`${base}/v/${AS_OF}/ae/${o.ae}/`)).text();
    const assets = [...html.matchAll(/(?:<link[^>]+href|<script[^>]+src|<img[^>]+src)="(\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of new Set(assets)) expect([asset, await status(base, asset.slice(1))]).toEqual([asset, 200]);
    const root = await fetch(`${base}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe(`/v/${AS_OF}/ae/${o.ae}/`);
    const refused = await (await fetch(`${base}/v/${AS_OF}/`)).text();
    expect(refused).toContain(`href="/v/${AS_OF}/ae/${o.ae}/"`);
  }, 60_000);

  it('serves a manager their team and its AEs and refuses another team and its AEs', async () => {
    const o = org();
    const base = await preview(o.emailOf(o.manager));

    expect(await status(base, `v/${AS_OF}/team/${o.manager}/`)).toBe(200);
    expect(await status(base, `v/${AS_OF}/ae/${o.ae}/`)).toBe(200);
    expect(await status(base, `v/${AS_OF}/ae/${o.peer}/`)).toBe(200);
    expect(await status(base, `v/${AS_OF}/data-quality/`)).toBe(200);
    expect(await status(base, `v/${AS_OF}/team/${o.otherManager}/`)).toBe(403);
    expect(await status(base, `v/${AS_OF}/ae/${o.otherAe}/`)).toBe(403);
    expect(await status(base, `v/${AS_OF}/`)).toBe(403);
  }, 60_000);

  it('serves an org viewer everything', async () => {
    const o = org();
    const base = await preview('CFO@example.com');

    expect(await status(base, `v/${AS_OF}/`)).toBe(200);
    expect(await status(base, `v/${AS_OF}/team/${o.otherManager}/`)).toBe(200);
    expect(await status(base, `v/${AS_OF}/ae/${o.otherAe}/`)).toBe(200);
    expect(await status(base, `v/${AS_OF}/pages.json`)).toBe(200);
  }, 60_000);

  it('refuses to start as someone who may open nothing', async () => {
    await expect(preview('stranger@example.com')).rejects.toThrow(/stranger@example.com may open no page/);
  }, 60_000);
});
