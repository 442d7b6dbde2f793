/** One KPI of the KPI catalog: its id and the family (1..11) whose `sql/kpis/NN_*.sql` file computes it. */
export interface KpiId {
  id: string;
  family: number;
}

const family = (n: number, ids: string[]): KpiId[] => ids.map((id) => ({ id, family: n }));

/**
 * Every KPI of the catalog, in catalog order (the order of the output rows).
 * The definitions themselves live in `sql/kpis/`; this list is what the
 * compute stage checks the SQL against: every KPI has exactly one row per
 * entity and period, and no other KPI appears.
 *
 * @example
 * KPIS.find((k) => k.id === 'win_rate_pct')?.family; // 3
 */
export const KPIS: readonly KpiId[] = [
  ...family(1, ['bookings', 'bookings_growth_pct']),
  ...family(2, ['quota', 'quota_attainment_pct', 'deals_won', 'avg_deal_size', 'csat_avg']),
  ...family(3, [
    'leads_created',
    'qualified_leads',
    'lead_conversion_pct',
    'opps_created',
    'pipeline_created',
    'win_rate_pct',
    'open_pipeline',
    'open_opps',
    'avg_open_deal_value',
    'pipeline_velocity',
  ]),
  ...family(4, [
    'customers_start',
    'logo_churn_pct',
    'grr_pct',
    'nrr_pct',
    'upsell_win_rate_pct',
    'cross_sell_win_rate_pct',
  ]),
  ...family(5, ['expansion_opps_created', 'expansion_bookings', 'new_products_sold']),
  ...family(6, ['time_to_close_days', 'sales_cycle_days', 'activities', 'activities_per_deal_won']),
  ...family(7, ['accounts_owned', 'accounts_touched', 'accounts_visited', 'coverage_pct']),
  ...family(8, ['feedback_received', 'feedback_quality_avg', 'cases_opened', 'case_resolution_pct', 'case_resolution_days']),
  ...family(9, ['training_due', 'training_completion_pct', 'trainings_completed', 'skill_score_avg']),
  ...family(10, ['lead_conversion_days', 'lead_qualification_pct', 'lead_to_win_pct']),
  ...family(11, ['weighted_pipeline', 'forecast', 'forecast_accuracy_pct']),
];
