import type { ObjectStore } from './store.ts';

export interface StoreRoute {
  /** keys starting with this (e.g. `landing/`) go to `store`, unchanged */
  prefix: string;
  store: ObjectStore;
}

/**
 * One lake over several stores: keys under a route's prefix live in that
 * route's store, every other key in the default store. In AWS drops are
 * delivered to their own bucket (writers get no access to the lake), yet the
 * stage code keeps reading `landing/<drop>/` like on a folder.
 *
 * @example
 * const store = new PrefixRoutedStore(lake, [{ prefix: 'landing/', store: landing }]);
 * await store.get('landing/2026-11-26/crm/Opportunity.csv'); // from `landing`
 */
export class PrefixRoutedStore implements ObjectStore {
  readonly description: string;

  constructor(
    private readonly fallback: ObjectStore,
    private readonly routes: StoreRoute[],
  ) {
    this.description = [fallback.description, ...routes.map((r) => `${r.prefix} on ${r.store.description}`)].join(', ');
  }

  /** the store that holds `key` */
  storeFor(key: string): ObjectStore {
    return this.routes.find((route) => key.startsWith(route.prefix))?.store ?? this.fallback;
  }

  get(key: string): Promise<Uint8Array | undefined> {
    return this.storeFor(key).get(key);
  }

  put(key: string, body: Uint8Array | string, contentType?: string): Promise<void> {
    return this.storeFor(key).put(key, body, contentType);
  }

  /** A prefix may reach into routes (`''` lists everything); each store is asked for its part. */
  async list(prefix: string): Promise<string[]> {
    const inside = this.routes.find((route) => prefix.startsWith(route.prefix));
    if (inside) return inside.store.list(prefix);
    const lists = await Promise.all([
      this.fallback.list(prefix).then((keys) => keys.filter((key) => this.storeFor(key) === this.fallback)),
      ...this.routes.filter((route) => route.prefix.startsWith(prefix)).map((route) => route.store.list(route.prefix)),
    ]);
    return lists.flat().sort();
  }

  async deletePrefix(prefix: string): Promise<number> {
    const inside = this.routes.find((route) => prefix.startsWith(route.prefix));
    if (inside) return inside.store.deletePrefix(prefix);
    const counts = await Promise.all([
      this.fallback.deletePrefix(prefix),
      ...this.routes.filter((route) => route.prefix.startsWith(prefix)).map((route) => route.store.deletePrefix(route.prefix)),
    ]);
    return counts.reduce((a, b) => a + b, 0);
  }
}
