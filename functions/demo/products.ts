import { KEY_PREFIX, salesforceId } from './ids.ts';

/**
 * The seller's price book: five product families. Subscriptions (recurring)
 * make a contract's ARR; services and training are one-off.
 */
export type Family = 'Core Platform' | 'Analytics' | 'Integrations' | 'Services' | 'Training';

export const FAMILIES: readonly Family[] = ['Core Platform', 'Analytics', 'Integrations', 'Services', 'Training'];

export interface Product {
  /** position in the price book, 1-based */
  number: number;
  id: string;
  name: string;
  code: string;
  family: Family;
  /** whole currency units per unit per year (recurring) or per unit */
  listPrice: number;
  /** what a quantity counts */
  unit: 'seat' | 'day' | 'flat';
  recurring: boolean;
  isActive: boolean;
}

const product = (
  n: number,
  name: string,
  family: Family,
  listPrice: number,
  unit: Product['unit'],
  recurring: boolean,
  isActive = true,
): Product => ({
  number: n,
  id: salesforceId(KEY_PREFIX.product, n),
  name,
  code: `KIN-${100 + n}`,
  family,
  listPrice,
  unit,
  recurring,
  isActive,
});

export const PRODUCTS: readonly Product[] = [
  product(1, 'Core Platform - Standard', 'Core Platform', 300, 'seat', true),
  product(2, 'Core Platform - Enterprise', 'Core Platform', 540, 'seat', true),
  product(3, 'Analytics Add-on', 'Analytics', 120, 'seat', true),
  product(4, 'Forecasting AI', 'Analytics', 180, 'seat', true),
  product(5, 'ERP Connector', 'Integrations', 6000, 'flat', true),
  product(6, 'API Access Pack', 'Integrations', 2400, 'flat', true),
  product(7, 'Implementation Services', 'Services', 1200, 'day', false),
  product(8, 'Premium Support', 'Services', 4800, 'flat', true),
  product(9, 'Admin Training', 'Training', 450, 'seat', false),
  product(10, 'User Training Bundle', 'Training', 3500, 'flat', false),
  product(11, 'Reporting Classic (retired)', 'Analytics', 90, 'seat', true, false),
];

export function productsOf(family: Family): Product[] {
  return PRODUCTS.filter((p) => p.family === family && p.isActive);
}

export function productByNumber(n: number): Product {
  const found = PRODUCTS[n - 1];
  if (!found) throw new RangeError(`no product ${n}`);
  return found;
}
