import { buildAccounts, type Account } from './accounts.ts';
import type { DemoContext } from './context.ts';
import { buildContracts, type Contract } from './contracts.ts';
import type { Territory } from './org.ts';
import { buildPipeline, type Opportunity } from './pipeline.ts';

/**
 * A territory's book of business: its accounts, deals and contracts (leads,
 * activities and cases are made from it by the files that need them).
 * Rebuilt from the seed by each file that needs it, so a big organisation
 * never has to be held in memory; the first BOOK_CACHE_TERRITORIES books of
 * a drop are kept (about 1–2 MB each, with their cases), so
 * a small drop builds each book once.
 */
export interface Book {
  territory: Territory;
  accounts: Account[];
  opportunities: Opportunity[];
  contracts: Contract[];
}

export function buildBook(ctx: DemoContext, territory: Territory): Book {
  const accounts = buildAccounts(ctx, territory);
  const opportunities = buildPipeline(ctx, territory, accounts);
  const contracts = buildContracts(ctx, territory, opportunities);
  return { territory, accounts, opportunities, contracts };
}

export const BOOK_CACHE_TERRITORIES = 32;

const caches = new WeakMap<DemoContext, Map<number, Book>>();

/** Every territory's book, one at a time. */
export function* books(ctx: DemoContext): Generator<Book> {
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = new Map()));
  for (const territory of ctx.org.territories) {
    let book = cache.get(territory.index);
    if (!book) {
      book = buildBook(ctx, territory);
      if (cache.size < BOOK_CACHE_TERRITORIES) cache.set(territory.index, book);
    }
    yield book;
  }
}
