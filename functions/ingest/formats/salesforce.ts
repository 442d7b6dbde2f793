import { tableByName } from '../../lake/raw-tables.ts';
import { sourceMapping, type CsvMapping } from './csv-mapping.ts';

/** Salesforce object (the export's file name) → canonical table. */
export const SALESFORCE_OBJECTS: Readonly<Record<string, string>> = {
  User: 'users',
  Account: 'accounts',
  Opportunity: 'opportunities',
  OpportunityHistory: 'opportunity_history',
  OpportunityLineItem: 'opportunity_line_items',
  Product2: 'products',
  Lead: 'leads',
  Task: 'tasks',
  Event: 'events',
  Case: 'cases',
  Contract: 'contracts',
  ForecastingQuota: 'forecasting_quotas',
};

/**
 * The mapping of `crm/<Object>.csv`: headers are the field API names of
 * schema.ts, matched ignoring case (old Data Loader versions upper-case them).
 *
 * @example
 * salesforceMapping('Opportunity').table.name; // 'opportunities'
 */
export function salesforceMapping(object: string): CsvMapping {
  const table = SALESFORCE_OBJECTS[object];
  if (!table) throw new Error(`not a Salesforce object of the contract: ${object}`);
  return sourceMapping(tableByName(table));
}
