import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAMILIES, isKnownKpi, kpiDefinition, kpiLabel, KPIS } from '../../../functions/report/catalog.ts';
import { GOLDEN } from '../../fixtures/site/golden-lake.ts';

describe('KPI catalog', () => {
  it('defines every KPI that the golden case holds, in both locales', () => {
    // Prepare
    const golden = readFileSync(join(GOLDEN, 'expected', 'kpi_values.csv'), 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[1])
      .filter((id): id is string => Boolean(id));
    const ids = new Set([...KPIS.map((k) => k.id), ...golden]);

    // Assess
    expect([...ids].filter((id) => !isKnownKpi(id))).toEqual([]);
    for (const id of ids) {
      const k = kpiDefinition(id);
      expect(k.name.en, id).not.toBe('');
      expect(k.name.th, id).toMatch(/[\u0E00-\u0E7F]/);
      expect(k.definition.en.length, id).toBeGreaterThan(20);
      expect(k.definition.th, id).toMatch(/[\u0E00-\u0E7F]/);
    }
  });

  it('puts every KPI in its own family section, and only known KPIs in sections', () => {
    for (const k of KPIS) expect(FAMILIES.find((f) => f.id === k.family)?.kpis, k.id).toContain(k.id);
    for (const f of FAMILIES) for (const id of f.kpis) expect(isKnownKpi(id), `${f.id}: ${id}`).toBe(true);
    expect(FAMILIES).toHaveLength(11);
    expect(new Set(KPIS.map((k) => k.id)).size).toBe(KPIS.length);
  });

  it.each([
    ['win_rate_pct', 'en', { name: 'Win rate', unit: 'percent' }],
    ['bookings', 'th', { name: 'ยอดขายที่ปิดได้', unit: 'currency' }],
    ['new_kpi_pct', 'en', { name: 'new_kpi_pct', unit: 'percent' }],
  ] as const)('labels %s in %s', (id, locale, expected) => {
    expect(kpiLabel(id, locale)).toEqual(expected);
  });

  it('marks the scores with their scale', () => {
    expect(kpiDefinition('csat_avg').scoreMax).toBe(5);
    expect(kpiDefinition('skill_score_avg').scoreMax).toBe(100);
  });
});
