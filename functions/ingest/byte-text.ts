/**
 * CSV exports are read as "byte text": a string with one character per byte
 * of the UTF-8 file (latin1 decoding). Every character the CSV grammar and
 * the typed values care about is ASCII, which byte text keeps as it is, so
 * parsing and validating need no UTF-8 decoding; the bytes are written back
 * out unchanged; and one-byte strings are half the memory of decoded text.
 * Text is decoded only where its meaning matters: names in messages,
 * values a converter changes.
 */
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * The text that byte text encodes.
 *
 * @example
 * textFromBytes('\u00e0\u00b8\u0081'); // 'ก'
 */
export function textFromBytes(bytes: string): string {
  return NON_ASCII.test(bytes) ? Buffer.from(bytes, 'latin1').toString('utf8') : bytes;
}

/**
 * The byte text of a string: its UTF-8 bytes, one character each.
 *
 * @example
 * bytesFromText('ก'); // '\u00e0\u00b8\u0081'
 */
export function bytesFromText(text: string): string {
  return NON_ASCII.test(text) ? Buffer.from(text, 'utf8').toString('latin1') : text;
}
