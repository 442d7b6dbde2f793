import type { Column, Table } from '../../lake/raw-tables.ts';

/** A problem with one value of a row: the header it is under, and what is wrong. */
export interface ValueProblem {
  column: string;
  reason: string;
}

/** How one canonical column is filled from a CSV export. */
export interface ColumnMapping {
  column: Column;
  /** header names accepted for it, matched ignoring case (the first is the one messages show) */
  headers: readonly string[];
  /** the file is rejected when none of `headers` is in its header row */
  required: boolean;
  /**
   * Turns the field into the canonical text form (see values.ts): `''` is
   * NULL, `undefined` a value that does not parse. Defaults to the column
   * type's converter.
   */
  convert?: (text: string) => string | undefined;
  /** what the value should look like, for a quarantine reason; defaults to the type's */
  expected?: string;
  /** headers whose fields are appended, space separated (`Last Name` after `First Name`) */
  append?: readonly string[];
  /** the value when none of `headers` is in the file (default NULL) */
  fallback?: string;
}

/**
 * How a CSV export maps onto one canonical table: declarative, so that the
 * Salesforce, HubSpot and survey layouts differ only in data.
 */
export interface CsvMapping {
  table: Table;
  columns: readonly ColumnMapping[];
  /** a check across the converted values of a row (e.g. a score range), by canonical column order */
  check?: (values: readonly string[]) => ValueProblem | undefined;
  /** fills columns the export has no field for from the others (`is_closed` from the deal stage) */
  derive?: (values: string[]) => void;
}

/** What a mapping may depend on beyond the file itself: other files of the drop, the config. */
export interface MappingContext {
  /** HubSpot owners by id, by "First Last" and by e-mail (lower-cased): owner id */
  owners: ReadonlyMap<string, string>;
  /** config.closedStages */
  closedStages: readonly string[];
}

/**
 * The mapping of a file whose headers are the canonical columns' `source`
 * names (the Salesforce layout, surveys, coaching, LMS CSV reports).
 *
 * @example
 * const mapping = sourceMapping(tableByName('users')); // headers ['Id'], ['Name'], ...
 */
export function sourceMapping(table: Table, check?: CsvMapping['check']): CsvMapping {
  return {
    table,
    columns: table.columns.map((column) => ({ column, headers: [column.source], required: column.required })),
    check,
  };
}
