import type { IResolvable } from 'aws-cdk-lib';
import type { CfnTable } from 'aws-cdk-lib/aws-glue';
import { glueTableInput } from './analyst-catalog.ts';
import { lakeTables } from './lake-tables.ts';

/** Hive DDL quotes identifiers with backticks (`drop` and `timestamp` are reserved words). */
const hiveIdentifier = (name: string): string => `\`${name.replace(/`/g, '``')}\``;

/** Hive DDL escapes inside a string literal with a backslash, not by doubling the quote. */
const hiveLiteral = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function plain<T>(value: T | IResolvable | undefined, what: string): T {
  if (value === undefined || (typeof value === 'object' && value !== null && 'resolve' in value)) {
    throw new Error(`${what} must be a plain value to be written as DDL`);
  }
  return value as T;
}

function columnList(columns: CfnTable.TableInputProperty['partitionKeys'], what: string): string {
  return plain(columns, what)
    .map((column) => {
      const { name, type } = plain(column, what) as CfnTable.ColumnProperty;
      return `  ${hiveIdentifier(name)} ${plain(type, `${what} ${name}`)}`;
    })
    .join(',\n');
}

/**
 * `CREATE EXTERNAL TABLE IF NOT EXISTS` for one Glue table definition, the
 * same definition the lake stack registers with `CfnTable`
 * (infra/constructs/analyst-catalog.ts `glueTableInput`): its columns, its
 * projected partition key, Parquet storage and every table property
 * (`projection.*`, `storage.location.template`) as TBLPROPERTIES. For a
 * lake without the CDK stacks, or to see in SQL what the stacks register.
 *
 * @example
 * createTableDdl(glueTableInput(lakeTables()[0], 'acme-lake'));
 * // CREATE EXTERNAL TABLE IF NOT EXISTS `kpi_values` (...) PARTITIONED BY (`as_of` string) ... LOCATION 's3://acme-lake/kpi/kpi_values/' TBLPROPERTIES (...)
 */
export function createTableDdl(input: CfnTable.TableInputProperty): string {
  const name = plain(input.name, 'table name');
  const storage = plain(input.storageDescriptor, `${name} storage`) as CfnTable.StorageDescriptorProperty;
  const serde = plain(storage.serdeInfo, `${name} serde`) as CfnTable.SerdeInfoProperty;
  const properties = Object.entries(plain(input.parameters, `${name} parameters`) as Record<string, string>);
  return [
    `CREATE EXTERNAL TABLE IF NOT EXISTS ${hiveIdentifier(name)} (`,
    columnList(storage.columns, `${name} columns`),
    ')',
    ...(input.description ? [`COMMENT ${hiveLiteral(input.description)}`] : []),
    `PARTITIONED BY (\n${columnList(input.partitionKeys, `${name} partition keys`)}\n)`,
    `ROW FORMAT SERDE ${hiveLiteral(plain(serde.serializationLibrary, `${name} serde`))}`,
    `STORED AS INPUTFORMAT ${hiveLiteral(plain(storage.inputFormat, `${name} input format`))}`,
    `OUTPUTFORMAT ${hiveLiteral(plain(storage.outputFormat, `${name} output format`))}`,
    `LOCATION ${hiveLiteral(plain(storage.location, `${name} location`))}`,
    `TBLPROPERTIES (\n${properties.map(([key, value]) => `  ${hiveLiteral(key)} = ${hiveLiteral(value)}`).join(',\n')}\n)`,
  ].join('\n');
}

/**
 * The DDL of every lake table analysts query in Athena (`kpi_values`,
 * `kpi_breakdowns`, `entities` projected on `as_of`; `raw_<table>` projected
 * on `drop`), over the lake bucket `bucket`. Loads aws-cdk-lib (through the
 * stack's table definitions): a deployment tool, not for a Lambda bundle.
 *
 * @example
 * for (const ddl of lakeTableDdl('acme-lake')) await engine.exec(ddl);
 */
export function lakeTableDdl(bucket: string): string[] {
  return lakeTables().map((table) => createTableDdl(glueTableInput(table, bucket)));
}
