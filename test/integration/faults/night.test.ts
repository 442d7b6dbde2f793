import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoDrop } from '../../../functions/demo/demo.ts';
import { directoryWriter } from '../../../functions/demo/writers.ts';
import { startSmtp, type TestSmtp } from '../notify/smtp-server.ts';
import { expectNothingHalfVisible, versionBytes } from './night-checks.ts';
import { leftovers, mailsPerRecipient, scorecard, tree, until } from './night-helpers.ts';

/*
 * Kills real `scorecard` processes (SIGKILL, from a crash point inside the
 * code) and checks the promises of README "Guarantees": the previous version
 * untouched, nothing half-written visible, the re-run converging to the
 * same bytes, every e-mail sent once. This file is the short form that runs
 * in `npm test`; `npm run test:faults` adds a kill at every crash point.
 */

const D1 = '2026-11-25';
const D2 = '2026-11-26';
let dir: string;
let ws: string;
let config: string;
let smtp: TestSmtp;
let v1Before: Map<string, string>;
let recipients: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'night-faults-'));
  ws = join(dir, 'ws');
  smtp = await startSmtp();
  config = join(dir, 'scorecard.config.json');
  await writeFile(
    config,
    JSON.stringify({ workspace: ws, siteBaseUrl: 'https://reports.example.com', email: { transport: 'smtp', smtp: { host: '127.0.0.1', port: smtp.port, secure: false } } }),
  );
  for (const asOf of [D1, D2]) await writeDemoDrop(directoryWriter(join(dir, asOf)), { asOf, seed: 1, scale: 1 });
  const first = await scorecard(['nightly', '--as-of', D1, '--input', join(dir, D1)], { config }).done;
  expect(first.code, first.stderr).toBe(0);
  v1Before = await tree(ws, `site/v/${D1}/`);
  recipients = (await mailsPerRecipient(smtp.received, D1)).size;
  expect(recipients).toBeGreaterThan(0);
}, 600_000);

afterAll(async () => {
  await smtp?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a night killed in the middle of publishing, with other runs trying to start meanwhile', () => {
  it('refuses the second night and an ingest with exit code 3 naming the holder, while the first runs', async () => {
    const night = scorecard(['nightly', '--as-of', D2, '--input', join(dir, D2)], { config, crashAt: 'publish:uploaded' });
    // watch the lake: the first night holds the lease once its generation file exists
    await until(async () => {
      const files = [...(await tree(ws, 'locks/workspace/')).keys()];
      return files.some((f) => f.endsWith('.json') && !files.includes(f.replace(/\.json$/, '.released')));
    }, 'the first night to take the lease');
    const second = await scorecard(['nightly', '--as-of', D2], { config }).done;
    const ingest = await scorecard(['ingest', join(dir, D2), '--drop', '2026-11-26T1200Z'], { config }).done;
    for (const refused of [second, ingest]) {
      expect(refused.code, refused.stderr).toBe(3);
      expect(refused.stderr).toMatch(/^scorecard: another run holds the workspace lease: "scorecard nightly --as-of 2026-11-26 --input [^"]+" \(pid \d+ on [^)]+\), started \d+ (s|min \d+ s) ago$/m);
    }
    const killed = await night.done;
    expect(killed.signal).toBe('SIGKILL');
  }, 600_000);

  it('left the previous version as it was and nothing of the new one visible, and sent nothing', async () => {
    expect(await tree(ws, `site/v/${D1}/`)).toEqual(v1Before);
    expect(await expectNothingHalfVisible(ws)).toEqual([D1]);
    expect((await mailsPerRecipient(smtp.received, D2)).size).toBe(0);
  });

  it('re-runs to the end: both versions listed, every e-mail once, no leftovers', async () => {
    const rerun = await scorecard(['nightly', '--as-of', D2], { config }).done;
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(await expectNothingHalfVisible(ws)).toEqual([D1, D2]);
    expect(await tree(ws, `site/v/${D1}/`)).toEqual(v1Before);
    const mails = await mailsPerRecipient(smtp.received, D2);
    expect(mails.size).toBe(recipients);
    expect([...mails.values()].every((n) => n === 1)).toBe(true);
    expect(leftovers((await tree(ws)).keys())).toEqual([]);
    // each KPI partition holds its live file only
    for (const table of ['kpi_values', 'kpi_breakdowns', 'entities']) expect((await tree(ws, `kpi/${table}/as_of=${D2}/`)).size).toBe(1);
  }, 600_000);

  it('gives the same bytes as computing and publishing that date again uninterrupted', async () => {
    const before = await versionBytes(ws, D2);
    for (const stage of ['compute', 'publish']) {
      const again = await scorecard([stage, '--as-of', D2], { config }).done;
      expect(again.code, again.stderr).toBe(0);
    }
    expect(await versionBytes(ws, D2)).toEqual(before);
  }, 600_000);
});

describe('notify killed around a send', () => {
  const fresh = async () => {
    await rm(join(ws, `notify/${D2}`), { recursive: true, force: true });
    smtp.received.length = 0;
  };

  it('after the server accepted a message: the re-run reports it as uncertain and sends nobody twice', async () => {
    await fresh();
    const killed = await scorecard(['notify', '--as-of', D2], { config, crashAt: 'notify:sent', crashAfter: 2 }).done;
    expect(killed.signal).toBe('SIGKILL');
    const rerun = await scorecard(['notify', '--as-of', D2], { config }).done;
    expect(rerun.code).toBe(1);
    expect(rerun.stderr).toMatch(/^scorecard: 1 e-mail\(s\) of 2026-11-26 are uncertain/m);
    const mails = await mailsPerRecipient(smtp.received, D2);
    expect(mails.size).toBe(recipients);
    expect([...mails.values()].every((n) => n === 1)).toBe(true);
  }, 300_000);

  it('before the message reached the server: --resend-uncertain sends it, once, with the same Message-ID', async () => {
    await fresh();
    const killed = await scorecard(['notify', '--as-of', D2], { config, crashAt: 'notify:intent-recorded', crashAfter: 2 }).done;
    expect(killed.signal).toBe('SIGKILL');
    expect((await mailsPerRecipient(smtp.received, D2)).size).toBe(1);
    const rerun = await scorecard(['notify', '--as-of', D2], { config }).done;
    expect(rerun.code).toBe(1);
    expect((await mailsPerRecipient(smtp.received, D2)).size).toBe(recipients - 1);
    const resent = await scorecard(['notify', '--as-of', D2, '--resend-uncertain'], { config }).done;
    expect(resent.code, resent.stderr).toBe(0);
    const mails = await mailsPerRecipient(smtp.received, D2);
    expect(mails.size).toBe(recipients);
    expect([...mails.values()].every((n) => n === 1)).toBe(true);
    const intent = JSON.parse(await readFile(join(ws, `notify/${D2}/intent`, (await readdir(join(ws, `notify/${D2}/intent`)))[1]!), 'utf8')) as { messageId: string; email: string };
    const sent = JSON.parse(await readFile(join(ws, `notify/${D2}/sent`, (await readdir(join(ws, `notify/${D2}/sent`)))[1]!), 'utf8')) as { messageId: string; email: string };
    expect(sent.email).toBe(intent.email);
    expect(sent.messageId).toBe(intent.messageId);
  }, 300_000);

  it('two notifies started together: one sends, the other is refused, nobody gets two', async () => {
    await fresh();
    const [a, b] = await Promise.all([scorecard(['notify', '--as-of', D2], { config }).done, scorecard(['notify', '--as-of', D2], { config }).done]);
    expect([a.code, b.code].sort()).toEqual([0, 3]);
    const mails = await mailsPerRecipient(smtp.received, D2);
    expect(mails.size).toBe(recipients);
    expect([...mails.values()].every((n) => n === 1)).toBe(true);
  }, 300_000);
});

describe('an ingest killed half-way', () => {
  it('is not used by compute: the version computes to the same bytes as before the drop', async () => {
    const before = await versionBytes(ws, D2);
    const drop = join(dir, 'late');
    await cp(join(dir, D1), drop, { recursive: true });
    const killed = await scorecard(['ingest', drop, '--drop', '2026-11-26T1800Z'], { config, crashAt: 'ingest:table-written', crashAfter: 8 }).done;
    expect(killed.signal).toBe('SIGKILL');
    expect((await tree(ws, 'raw/')).size).toBeGreaterThan(0);
    const compute = await scorecard(['compute', '--as-of', D2], { config }).done;
    expect(compute.code, compute.stderr).toBe(0);
    expect(await versionBytes(ws, D2)).toEqual(before);
  }, 300_000);
});
