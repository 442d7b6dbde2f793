import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KPIS } from '../../../functions/report/catalog.ts';

const doc = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'kpis.md'), 'utf8');
const section = (title: string): string => doc.split(/^## /m).find((s) => s.startsWith(title)) ?? '';

describe('docs/kpis.md', () => {
  it('lists exactly the KPIs of the catalog', () => {
    const listed = [...section('The KPIs by family').matchAll(/`([a-z_]+)`/g)].map((m) => m[1]);
    expect(new Set(listed)).toEqual(new Set(KPIS.map((k) => k.id)));
    expect(listed).toHaveLength(KPIS.length);
  });

  it('has every rule that a comment in sql/ or functions/ cites as "fine print N"', async () => {
    const rules = new Set([...section('Fine print').matchAll(/^(\d+)\. \*\*/gm)].map((m) => Number(m[1])));
    const cited = new Set<number>();
    for (const dir of ['sql', 'functions']) {
      for (const entry of await readdir(join(import.meta.dirname, '..', '..', '..', dir), { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !/\.(sql|ts)$/.test(entry.name)) continue;
        const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
        for (const m of text.matchAll(/fine print (\d+)/g)) cited.add(Number(m[1]));
      }
    }
    expect(cited.size).toBeGreaterThan(0);
    expect([...cited].filter((n) => !rules.has(n))).toEqual([]);
  });
});
