/**
 * The insight tables (the deals, accounts, forecast calls ... behind the
 * KPIs): written beside the KPI tables as `kpi/<table>/as_of=D/`, each from
 * `sql/insights/<table>.sql`. Their columns, in the order of the spec, as a
 * DuckDB column list: the compute write, the analyst views and the Glue
 * tables all follow this one list (through `OUTPUT_TABLES` of tables.ts).
 */
export const INSIGHT_TABLES = [
  'deals',
  'pipeline_movement',
  'pipeline_movement_deals',
  'forecast_calls',
  'account_book',
  // after deals and forecast_calls, which it reads
  'coaching_signals',
] as const;
export type InsightTable = (typeof INSIGHT_TABLES)[number];

export const INSIGHT_COLUMNS: Record<InsightTable, string> = {
  deals: `as_of DATE, opportunity_id VARCHAR, name VARCHAR, account_id VARCHAR, account_name VARCHAR, owner_id VARCHAR,
    team_id VARCHAR, deal_type VARCHAR, stage VARCHAR, amount DOUBLE, close_date DATE, probability DOUBLE,
    forecast_category VARCHAR, created_date DATE, is_open BOOLEAN, is_won BOOLEAN, stage_entered DATE,
    days_in_stage INTEGER, close_date_pushes INTEGER, last_activity_date DATE, stalled BOOLEAN,
    no_recent_activity BOOLEAN, past_close_date BOOLEAN, pushed BOOLEAN, shrinking BOOLEAN, risk_count INTEGER`,
  pipeline_movement: `as_of DATE, level VARCHAR, entity_id VARCHAR, "window" VARCHAR, bucket VARCHAR, amount DOUBLE,
    deals INTEGER`,
  pipeline_movement_deals: `as_of DATE, "window" VARCHAR, opportunity_id VARCHAR, owner_id VARCHAR, bucket VARCHAR,
    amount_t0 DOUBLE, amount_t1 DOUBLE`,
  forecast_calls: `as_of DATE, level VARCHAR, entity_id VARCHAR, period_start DATE, period_end DATE, quota DOUBLE,
    bookings DOUBLE, commit DOUBLE, best_case DOUBLE, pipeline DOUBLE, omitted DOUBLE, commit_forecast DOUBLE,
    best_case_forecast DOUBLE, weighted_forecast DOUBLE, gap_to_quota DOUBLE, coverage DOUBLE,
    forecast_accuracy_pct DOUBLE, forecast_bias_pct DOUBLE`,
  account_book: `as_of DATE, account_id VARCHAR, name VARCHAR, owner_id VARCHAR, team_id VARCHAR, country VARCHAR,
    state VARCHAR, industry VARCHAR, arr DOUBLE, customer BOOLEAN, arr_qs DOUBLE, customer_qs BOOLEAN, arr_pqs DOUBLE,
    customer_pqs BOOLEAN, customer_pqe BOOLEAN, renewal_date DATE, open_cases INTEGER, csat_avg_90d DOUBLE,
    last_activity_date DATE, open_pipeline DOUBLE, families_owned VARCHAR, whitespace VARCHAR`,
  coaching_signals: `as_of DATE, ae_id VARCHAR, team_id VARCHAR, signal VARCHAR, layer VARCHAR, value DOUBLE,
    threshold DOUBLE, evidence VARCHAR`,
};

/** What each insight table holds, for the Glue catalog. */
export const INSIGHT_DESCRIPTIONS: Record<InsightTable, string> = {
  deals: 'The deal book: every AE opportunity open at as_of or closed last quarter or this one, with its risk flags.',
  pipeline_movement: "Where this quarter's pipeline went, since the quarter began and over the last 7 days, by bucket.",
  pipeline_movement_deals: 'The deals in each bucket of pipeline_movement, with their amount at both ends.',
  forecast_calls: 'The quarter as a manager calls it (commit, best case, ...) and the forecast bias of the 3 quarters before.',
  account_book: 'Every account an AE owns: ARR and customer status at as_of and at the quarter starts, renewal, cases, CSAT, whitespace.',
  coaching_signals: 'Who to coach: one row per active AE and coaching signal that fires, with value, threshold and evidence ids.',
};

/**
 * `name TYPE` pairs of a column list, names unquoted (`window` is quoted in
 * the list: a reserved word of DuckDB's parser).
 */
export function columnPairs(columns: string): { name: string; type: string }[] {
  return columns.split(',').map((part) => {
    const [name = '', type = ''] = part.trim().split(/\s+/);
    return { name: name.replace(/"/g, ''), type };
  });
}
