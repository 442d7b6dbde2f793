import { describe, expect, it } from 'vitest';
import { Random } from '../../../functions/demo/random.ts';

describe('Random', () => {
  it('repeats a stream for the same seed, label and keys, and differs otherwise', () => {
    const draw = (seed: number, label: string, key: number) => {
      const rng = Random.stream(seed, label, key);
      return Array.from({ length: 5 }, () => rng.next());
    };
    expect(draw(1, 'a', 2)).toEqual(draw(1, 'a', 2));
    expect(draw(1, 'a', 2)).not.toEqual(draw(1, 'a', 3));
    expect(draw(1, 'a', 2)).not.toEqual(draw(1, 'b', 2));
    expect(draw(1, 'a', 2)).not.toEqual(draw(2, 'a', 2));
  });

  it('draws within its bounds', () => {
    const rng = new Random(42);
    for (let i = 0; i < 10_000; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      const n = rng.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
    }
  });

  it.each([0.5, 4, 50])('draws Poisson counts around their mean %d', (mean) => {
    const rng = new Random(7);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += rng.poisson(mean);
    expect(sum / 20_000).toBeCloseTo(mean, 0);
  });

  it('picks by weight', () => {
    const rng = new Random(9);
    let a = 0;
    for (let i = 0; i < 10_000; i++) if (rng.weighted([['a', 3], ['b', 1]] as const) === 'a') a++;
    expect(a / 10_000).toBeGreaterThan(0.72);
    expect(a / 10_000).toBeLessThan(0.78);
  });

  it('makes version-4-shaped UUIDs', () => {
    expect(new Random(1).uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
