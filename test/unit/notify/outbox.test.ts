import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { buildMime } from '../../../functions/notify/mime.ts';
import { OutboxTransport } from '../../../functions/notify/transports/outbox.ts';
import { FsStore } from '../../../functions/store/fs.ts';

describe('OutboxTransport', () => {
  it('writes the message as outbox/<asOf>/<recipient>.eml, byte for byte', async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'outbox-')));
    const raw = await buildMime({
      from: 'Scorecard <s@corp.example>',
      to: { name: 'Lucas', address: 'Lucas.Martin@x.example' },
      subject: 'Scorecard',
      text: 'hello',
      html: '<p>hello</p>',
      messageId: '<m@corp.example>',
    });

    const key = await new OutboxTransport(store).send({ asOf: '2026-11-26', from: 's@corp.example', to: 'Lucas.Martin@x.example', raw });

    expect(key).toBe('outbox/2026-11-26/lucas.martin@x.example.eml');
    const written = await store.get(key);
    expect(Buffer.from(written ?? []).equals(Buffer.from(raw))).toBe(true);
    const parsed = await simpleParser(Buffer.from(written ?? []));
    expect(parsed.to).toMatchObject({ value: [{ name: 'Lucas', address: 'Lucas.Martin@x.example' }] });
    expect(parsed.text?.trim()).toBe('hello');
  });
});
