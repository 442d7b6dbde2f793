import { describe, expect, it } from 'vitest';
import { readKpiSql } from '../../../functions/compute/kpi-sql.ts';
import { FAMILIES, KPIS } from '../../../functions/report/catalog.ts';

const { blocks, families } = await readKpiSql();

describe('sql/kpis', () => {
  it('has the building blocks in dependency order', () => {
    expect(blocks.map((b) => b.relation)).toEqual([
      'members',
      'entity_info',
      'grid',
      'opp_families',
      'family_wins',
      'opp_facts',
      'open_states',
      'deal_stats',
      'lead_stats',
      'contract_spans',
      'course_assignments',
    ]);
  });

  it('uses only relations defined before it', () => {
    blocks.forEach((block, i) => {
      const later = blocks.slice(i + 1).map((b) => b.relation);
      for (const relation of later) expect(block.text, `${block.name} uses ${relation}`).not.toMatch(new RegExp(`\\b(FROM|JOIN)\\s+${relation}\\b`));
    });
  });

  it('has one file per KPI family, 01 to 11', () => {
    expect(families.map((f) => f.name.slice('kpis/'.length, 'kpis/NN'.length))).toEqual(
      Array.from({ length: 11 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
  });

  it('computes each of the 49 KPIs in its family file and nowhere else', () => {
    expect(KPIS).toHaveLength(49);
    expect(new Set(KPIS.map((k) => k.id)).size).toBe(49);
    for (const { id, family } of KPIS) {
      const homes = families.filter((f) => f.text.includes(`'${id}'`)).map((f) => f.name);
      // FAMILIES lists the families in the order of their files, 01 to 11
      expect(homes, id).toEqual([families[FAMILIES.findIndex((f) => f.id === family)]?.name]);
    }
  });
});
