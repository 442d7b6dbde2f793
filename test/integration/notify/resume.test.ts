import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../functions/config.ts';
import { memoryLog } from '../../../functions/log.ts';
import { SendFailedError } from '../../../functions/notify/errors.ts';
import { notifyVersion } from '../../../functions/notify/notify.ts';
import type { MailTransport, OutgoingMail } from '../../../functions/notify/transports/transport.ts';
import type { ObjectStore } from '../../../functions/store/store.ts';
import { AS_OF, makeFixture, publishedPaths, publishPages } from './fixture.ts';

/** A transport that only counts, as an SMTP server would see it. */
function countingTransport(): MailTransport & { sent: string[] } {
  const sent: string[] = [];
  return {
    kind: 'outbox',
    description: 'counting',
    sent,
    async send(mail: OutgoingMail) {
      sent.push(mail.to);
      return 'ok';
    },
    async close() {},
  };
}

/** The lake, but the `n`-th send-log write fails, as when a Lambda is stopped mid-run. */
function failingLogWrite(store: ObjectStore, n: number): ObjectStore {
  let writes = 0;
  return {
    description: store.description,
    get: (key) => store.get(key),
    list: (prefix) => store.list(prefix),
    deletePrefix: (prefix) => store.deletePrefix(prefix),
    async put(key, body, contentType) {
      if (key.startsWith('notify/') && key.includes('/sent/') && ++writes === n) throw new Error('connection reset while writing the send log');
      return store.put(key, body, contentType);
    },
  };
}

describe('notify stopped part way through', () => {
  it('stops at once when the send log cannot be written, and the re-run sends only what was not logged', async () => {
    const fixture = await makeFixture();
    await publishPages(fixture.store, publishedPaths(fixture.entities));
    const config = resolveConfig({ workspace: fixture.root, email: { aeEmails: true } });
    const scratch = await mkdtemp(join(tmpdir(), 'notify-resume-'));
    const everyone = fixture.entities.filter((e) => e.level !== 'org' && e.isActive).map((e) => e.email ?? '').sort();
    const transport = countingTransport();

    const crash = notifyVersion({ config, store: failingLogWrite(fixture.store, 5), log: memoryLog(), scratch }, AS_OF, transport);

    await expect(crash).rejects.toThrow(/connection reset/);
    expect(transport.sent).toEqual(everyone.slice(0, 5));

    const resumed = await notifyVersion({ config, store: fixture.store, log: memoryLog(), scratch }, AS_OF, transport);

    // the one message whose receipt was not written is uncertain: reported, not sent again; nothing else twice
    expect(resumed.sent).toEqual(everyone.slice(5));
    expect(resumed.alreadySent).toEqual(everyone.slice(0, 4));
    expect(resumed.uncertain).toEqual([everyone[4]]);
    expect(transport.sent).toEqual([...everyone.slice(0, 5), ...everyone.slice(5)]);

    // asked to, the re-run sends it again (same Message-ID), and then nothing is uncertain any more
    const resent = await notifyVersion({ config, store: fixture.store, log: memoryLog(), scratch }, AS_OF, transport, { resendUncertain: true });
    expect(resent.sent).toEqual([everyone[4]]);
    expect(resent.uncertain).toEqual([]);
  });

  it('stops after three failures in a row when the transport is down, and the re-run sends everyone once', async () => {
    const fixture = await makeFixture();
    await publishPages(fixture.store, publishedPaths(fixture.entities));
    const config = resolveConfig({ workspace: fixture.root, email: { aeEmails: true } });
    const ctx = { config, store: fixture.store, log: memoryLog(), scratch: await mkdtemp(join(tmpdir(), 'notify-resume-')) };
    const everyone = fixture.entities.filter((e) => e.level !== 'org' && e.isActive).map((e) => e.email ?? '').sort();
    let attempts = 0;
    const down: MailTransport = {
      kind: 'smtp',
      description: 'down',
      send: async () => {
        attempts += 1;
        throw new Error('connect ECONNREFUSED 127.0.0.1:25');
      },
      close: async () => {},
    };

    const failure = await notifyVersion(ctx, AS_OF, down).catch((e: unknown) => e);

    expect(attempts).toBe(3);
    expect(failure).toBeInstanceOf(SendFailedError);
    expect((failure as SendFailedError).notTried).toBe(everyone.length - 3);
    const transport = countingTransport();
    expect((await notifyVersion(ctx, AS_OF, transport)).sent).toEqual(everyone);
    expect(transport.sent).toEqual(everyone);
  });
});
