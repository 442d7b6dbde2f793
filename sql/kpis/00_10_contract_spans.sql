-- contract_spans (account_id, arr, start_date, end_date): the contracts that
-- can be active, with the day each ends (the KPI catalog "Active contract").
-- A contract is active at t when start_date ≤ t and (end_date IS NULL or
-- end_date ≥ t). Only Activated and Expired contracts were ever in force.
-- end = EndDate, else StartDate + ContractTerm months − 1 day (a month past
-- the last day of a shorter month ends on that last day; a fractional term is
-- rounded half away from zero by round(), as a bare CAST rounds half to even
-- on DuckDB but away from zero on Trino), else NULL: open-ended. ARR NULL
-- counts as 0. Family 4 (retention) and the account book read ARR and
-- customers from here, so both use one definition.
SELECT account_id, COALESCE(arr, 0) AS arr, start_date,
  COALESCE(
    end_date,
    CAST(start_date + CAST(round(contract_term) AS INTEGER) * INTERVAL '1' MONTH - INTERVAL '1' DAY AS DATE)
  ) AS end_date
FROM contracts
WHERE status IN ('Activated', 'Expired')
  AND start_date IS NOT NULL
