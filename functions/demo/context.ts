import { buildOrg, type Org, type Window } from './org.ts';
import { addMonths, DAY_MS, parseDay, type Day } from './time.ts';

export interface DemoOptions {
  /** the business date the drop is exported on, `YYYY-MM-DD`; nothing happens after it */
  asOf: string;
  seed: number;
  /** 1 = demo size (about 20 AEs); N builds N copies of the organisation; below 1 thins the records of one copy */
  scale: number;
  crm?: 'salesforce' | 'hubspot';
}

/** Everything a file generator needs: validated options, the window and the organisation. */
export interface DemoContext {
  seed: number;
  crm: 'salesforce' | 'hubspot';
  window: Window;
  /** the last millisecond of asOf (UTC) */
  asOfEndMs: number;
  /** organisation copies */
  units: number;
  /** records per territory relative to demo size */
  volume: number;
  org: Org;
}

export const HISTORY_MONTHS = 18;
/** Above this the 10-digit id blocks (ids.ts) would overflow. */
export const MAX_SCALE = 150;

export function demoContext(options: DemoOptions): DemoContext {
  const asOf: Day = parseDay(options.asOf);
  const { scale, seed } = options;
  if (!Number.isFinite(scale) || scale <= 0 || scale > MAX_SCALE) {
    throw new RangeError(`scale must be a number in (0, ${MAX_SCALE}], got ${scale}`);
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const units = Math.max(1, Math.floor(scale));
  const volume = scale / units;
  const window: Window = { start: addMonths(asOf, -HISTORY_MONTHS), asOf };
  return {
    seed: seed >>> 0,
    crm: options.crm ?? 'salesforce',
    window,
    asOfEndMs: (asOf + 1) * DAY_MS - 1000,
    units,
    volume,
    org: buildOrg(seed >>> 0, units, window, volume),
  };
}
