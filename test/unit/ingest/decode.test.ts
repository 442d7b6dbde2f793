import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8 } from '../../../functions/ingest/decode.ts';

describe('firstInvalidUtf8', () => {
  it.each([
    ['valid ASCII and Thai', Buffer.from('abc กขค'), 13],
    ['a Latin-1 é', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20]), 3],
    ['an overlong slash', Buffer.from([0x41, 0xc0, 0xaf]), 1],
    ['an overlong 3-byte form', Buffer.from([0xe0, 0x80, 0xaf]), 0],
    ['a UTF-16 surrogate', Buffer.from([0x41, 0xed, 0xa0, 0x80]), 1],
    ['a stray continuation byte', Buffer.from([0x80]), 0],
    ['a sequence cut by the chunk end', Buffer.from([0x41, 0xe0, 0xb8]), 3],
  ])('%s', (_name, bytes, expected) => {
    expect(firstInvalidUtf8(bytes)).toBe(expected);
  });
});
