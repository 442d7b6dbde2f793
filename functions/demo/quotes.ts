import type { Account } from './accounts.ts';
import { FAMILIES, productByNumber, productsOf, type Family, type Product } from './products.ts';
import type { Random } from './random.ts';

/**
 * What a deal sells. A new customer buys the platform (plus services,
 * training, add-ons); an existing customer either buys more of a family it
 * already has (upsell) or a family it has not bought yet (cross-sell).
 */
export interface QuoteLine {
  product: Product;
  quantity: number;
}

export interface QuotePlan {
  lines: QuoteLine[];
  /** the family the deal is about, for its name */
  family: Family;
}

const SEATS = { SMB: [5, 25], 'Mid-Market': [25, 100], Enterprise: [100, 400] } as const;
const DAYS = { SMB: [3, 10], 'Mid-Market': [10, 30], Enterprise: [30, 80] } as const;

export function planQuote(rng: Random, account: Account, owned: ReadonlySet<Family>, dealSize: number, legacy: boolean): QuotePlan {
  const [lo, hi] = SEATS[account.segment];
  const seats = Math.max(1, Math.round(rng.int(lo, hi) * dealSize));
  if (owned.size === 0) {
    const lines: QuoteLine[] = [{ product: coreProduct(rng, account), quantity: seats }];
    if (rng.chance(0.6)) lines.push(linesFor(rng, 'Services', seats, account, 'implementation'));
    if (rng.chance(0.25)) lines.push(linesFor(rng, 'Training', seats, account));
    if (rng.chance(0.15)) lines.push(linesFor(rng, 'Analytics', seats, account));
    if (rng.chance(0.1)) lines.push(linesFor(rng, 'Integrations', seats, account));
    if (rng.chance(0.12)) lines.push({ product: productByNumber(8), quantity: 1 });
    // A few customers of long standing still run the retired reporting module.
    if (legacy && rng.chance(0.1)) lines.push({ product: productByNumber(11), quantity: Math.max(1, Math.round(seats / 2)) });
    return { lines: merge(lines), family: 'Core Platform' };
  }
  const missing = FAMILIES.filter((f) => !owned.has(f));
  if (missing.length > 0 && rng.chance(0.5)) {
    const family = rng.pick(missing);
    return { lines: [linesFor(rng, family, Math.max(1, Math.round(seats * rng.between(0.3, 0.8))), account)], family };
  }
  const family = rng.pick(FAMILIES.filter((f) => owned.has(f)));
  return { lines: [linesFor(rng, family, Math.max(1, Math.round(seats * rng.between(0.15, 0.5))), account)], family };
}

function coreProduct(rng: Random, account: Account): Product {
  const enterprise = account.segment === 'Enterprise' || (account.segment === 'Mid-Market' && rng.chance(0.4));
  return productByNumber(enterprise ? 2 : 1);
}

function linesFor(rng: Random, family: Family, seats: number, account: Account, services?: 'implementation'): QuoteLine {
  if (family === 'Core Platform') return { product: coreProduct(rng, account), quantity: seats };
  if (family === 'Services' && (services === 'implementation' || rng.chance(0.6))) {
    const [lo, hi] = DAYS[account.segment];
    return { product: productByNumber(7), quantity: rng.int(lo, hi) };
  }
  const product = rng.pick(productsOf(family).filter((p) => p.number !== 7));
  const quantity = product.unit === 'seat' ? (family === 'Training' ? rng.int(2, 12) : seats) : product.listPrice < 3000 ? rng.int(1, 3) : 1;
  return { product, quantity };
}

/** One line per product (quantities added up), in price-book order. */
function merge(lines: QuoteLine[]): QuoteLine[] {
  const merged: QuoteLine[] = [];
  for (const line of lines) {
    const same = merged.find((m) => m.product === line.product);
    if (same) same.quantity += line.quantity;
    else merged.push({ ...line });
  }
  return merged.sort((a, b) => a.product.number - b.product.number);
}

export function listTotalCents(lines: readonly QuoteLine[]): number {
  let cents = 0;
  for (const line of lines) cents += line.quantity * line.product.listPrice * 100;
  return cents;
}
