/**
 * Record ids. Salesforce ids are 18 characters: a 3-character key prefix
 * (`006` = Opportunity), a 2-character pod (`Hs`), a 10-character number and
 * the 3-character case-safety suffix Salesforce computes from the first 15.
 *
 * Numbers are structured, not consecutive: a territory owns a block of each
 * kind (e.g. opportunities `territory × 100 000 + k`), so a territory's
 * records get the same ids whichever file is written first and whatever the
 * scale. Real exports have gaps too.
 *
 * @example
 * salesforceId('006', 1); // '006Hs0000000001IAA'
 */
export const KEY_PREFIX = {
  user: '005',
  queue: '00G',
  account: '001',
  contact: '003',
  opportunity: '006',
  history: '008',
  lineItem: '00k',
  product: '01t',
  lead: '00Q',
  task: '00T',
  event: '00U',
  case: '500',
  contract: '800',
  quota: '0J9',
  period: '026',
  forecastingType: '0Db',
  role: '00E',
} as const;

/** Size of each territory's block of numbers, per kind of record. */
export const BLOCK = {
  account: 10_000,
  opportunity: 100_000,
  lead: 100_000,
  activity: 1_000_000,
  case: 100_000,
  contract: 100_000,
} as const;

/** History rows and line items number within their opportunity. */
export const HISTORY_PER_OPPORTUNITY = 20;
export const ITEMS_PER_OPPORTUNITY = 10;

const POD = 'Hs';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const MAX_NUMBER = 10_000_000_000;

const suffixes = new Map<string, string>();

export function salesforceId(prefix: string, n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= MAX_NUMBER) throw new RangeError(`id number out of range: ${n}`);
  // Digits are never upper case, so the suffix depends on the prefix alone.
  let suffix = suffixes.get(prefix);
  if (suffix === undefined) suffixes.set(prefix, (suffix = withSuffix(`${prefix}${POD}0000000000`).slice(15)));
  return `${prefix}${POD}${String(n).padStart(10, '0')}${suffix}`;
}

/** Salesforce's 15 → 18 conversion: one character per 5-character chunk, a bit per upper-case letter. */
export function withSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return id15 + suffix;
}

/** HubSpot record ids are plain numbers; offsets keep companies, deals and contacts apart. */
export const HUBSPOT_ID_BASE = {
  owner: 41_000_000,
  company: 5_000_000_000,
  contact: 301_000_000_000,
  deal: 9_000_000_000,
} as const;
