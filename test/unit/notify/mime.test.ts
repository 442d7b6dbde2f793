import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { bareAddress, buildMime, stableMessageId } from '../../../functions/notify/mime.ts';

describe('buildMime', () => {
  it('builds an RFC 5322 message with a text and an HTML part and an encoded Thai subject', async () => {
    const raw = await buildMime({
      from: 'Scorecard <scorecard@corp.example>',
      to: { name: 'สมชาย แซ่ตั้ง', address: 'somchai@x.example' },
      subject: 'สกอร์การ์ดการขาย ณ วันที่ 2026-11-26',
      text: 'ข้อความ https://r.example/v/2026-11-26/',
      html: '<p>ข้อความ</p>',
      messageId: '<id-1@corp.example>',
    });
    const source = Buffer.from(raw).toString('latin1');
    const mail = await simpleParser(Buffer.from(raw));

    // headers are 7-bit: the Thai subject travels as an encoded word
    expect(source.split('\r\n\r\n')[0]).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m);
    expect(/[^\t\r\n -~]/.test(source)).toBe(false);
    expect(mail.subject).toBe('สกอร์การ์ดการขาย ณ วันที่ 2026-11-26');
    expect(mail.text?.trim()).toBe('ข้อความ https://r.example/v/2026-11-26/');
    expect(mail.html).toContain('<p>ข้อความ</p>');
    expect(mail.messageId).toBe('<id-1@corp.example>');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
  });
});

describe('stableMessageId', () => {
  it('is the same for the same version and address, whatever the case, and differs otherwise', () => {
    const a = stableMessageId('2026-11-26', 'A@x.example', 'Scorecard <s@corp.example>');

    expect(a).toMatch(/^<scorecard\.2026-11-26\.[0-9a-f]{24}@corp\.example>$/);
    expect(stableMessageId('2026-11-26', 'a@x.example', 's@corp.example')).toBe(a);
    expect(stableMessageId('2026-11-27', 'a@x.example', 's@corp.example')).not.toBe(a);
    expect(stableMessageId('2026-11-26', 'b@x.example', 's@corp.example')).not.toBe(a);
  });
});

describe('bareAddress', () => {
  it.each([
    ['Scorecard <scorecard@localhost>', 'scorecard@localhost'],
    ['"Sales, Ops" <ops@x.example>', 'ops@x.example'],
    ['ops@x.example', 'ops@x.example'],
  ])('of %s is %s', (mailbox, expected) => {
    expect(bareAddress(mailbox)).toBe(expected);
  });
});
