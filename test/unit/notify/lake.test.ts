import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addressFileName, outboxKey, sentKey } from '../../../functions/lake/notify-keys.ts';
import { missingPages } from '../../../functions/notify/pages.ts';
import { readSendLog, recordSent, sentTo, type SentRecord } from '../../../functions/notify/send-log.ts';
import { kpiVersions, previousVersion } from '../../../functions/lake/versions.ts';
import { FsStore } from '../../../functions/store/fs.ts';

const tempStore = () => new FsStore(mkdtempSync(join(tmpdir(), 'notify-lake-')));

const record = (email: string, asOf = '2026-11-26'): SentRecord => ({
  asOf,
  email,
  pages: [`v/${asOf}/`],
  transport: 'outbox',
  messageId: '<m@x>',
  receipt: 'ok',
  sentAt: '2026-11-26T03:00:00.000Z',
});

describe('notify lake keys', () => {
  it.each([
    ['Lucas.Martin@X.example', 'lucas.martin@x.example'],
    ['o\'neil+sales@x.example', 'o_neil+sales@x.example'],
    ['a/../b@x.example', 'a_.._b@x.example'],
  ])('file name of %s is %s', (email, expected) => {
    expect(addressFileName(email)).toBe(expected);
  });

  it('files outbox messages and send-log entries by version and address', () => {
    expect(outboxKey('2026-11-26', 'A@x.example')).toBe('outbox/2026-11-26/a@x.example.eml');
    expect(sentKey('2026-11-26', 'A@x.example')).toBe('notify/2026-11-26/sent/a@x.example.json');
  });
});

describe('send log', () => {
  it('knows who was sent a version, ignoring case, and only for that version', async () => {
    const store = tempStore();
    await recordSent(store, record('Lucas@x.example'));
    await recordSent(store, record('noah@x.example', '2026-11-25'));

    const sent = await sentTo(store, '2026-11-26');

    expect(sent('lucas@X.example')).toBe(true);
    expect(sent('noah@x.example')).toBe(false);
    expect((await readSendLog(store, '2026-11-26')).map((r) => r.email)).toEqual(['Lucas@x.example']);
  });
});

describe('missingPages', () => {
  it('lists the linked pages the published version lacks', async () => {
    const store = tempStore();
    await store.put('site/v/2026-11-26/index.html', '');
    await store.put('site/v/2026-11-26/team/M1/index.html', '');
    await store.put('site/v/2026-11-25/team/M2/index.html', '');

    const missing = await missingPages(store, '2026-11-26', ['v/2026-11-26/', 'v/2026-11-26/team/M1/', 'v/2026-11-26/team/M2/']);

    expect(missing).toEqual(['v/2026-11-26/team/M2/']);
  });
});

describe('versions', () => {
  it('finds the versions with KPI values and the greatest one before a date', async () => {
    const store = tempStore();
    for (const asOf of ['2026-11-20', '2026-11-24', '2026-11-26', '2026-11-27']) {
      await store.put(`kpi/kpi_values/as_of=${asOf}/part-0.parquet`, 'x');
    }
    await store.put('kpi/kpi_values/as_of=2026-11-25/_tmp', 'not a version');

    const versions = await kpiVersions(store);

    expect(versions).toEqual(['2026-11-20', '2026-11-24', '2026-11-26', '2026-11-27']);
    expect(previousVersion(versions, '2026-11-26')).toBe('2026-11-24');
    expect(previousVersion(versions, '2026-11-20')).toBeUndefined();
  });
});
