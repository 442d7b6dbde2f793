import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Aws, Stack } from 'aws-cdk-lib';
import { CfnNamedQuery, CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { lakeTables, type LakeTable } from './lake-tables.ts';

export interface AnalystCatalogProps {
  /** `<prefix>`: the database is `<prefix>_lake`, the workgroup `<prefix>-analysts` */
  prefix: string;
  lake: IBucket;
  queryResults: IBucket;
  /** Athena cancels a query that scans more (MB) */
  scanLimitMb: number;
  /** the saved queries: every `.sql` file becomes a named query; @default the repository's sql/analyst */
  analystSqlDir: string;
}

/** First day of the projected `as_of` and `drop` partitions: earlier ones are invisible to Athena. */
export const PROJECTION_START = '2020-01-01';

/** The Athena engine the SQL of sql/ is written for (the design (README): the part DuckDB and Trino share). */
export const ATHENA_ENGINE = 'Athena engine version 3';

/** A saved query: the file name without `.sql`, and its leading `--` comment as description. */
export interface AnalystQuery {
  name: string;
  description: string;
  sql: string;
}

/**
 * The saved queries of `dir`, in name order. The description is the first
 * `--` comment line, so the file documents itself in the Athena console.
 *
 * @example
 * readAnalystQueries('sql/analyst')[0]?.name; // e.g. 'pipeline_by_team'
 */
export function readAnalystQueries(dir: string): AnalystQuery[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.sql')).sort();
  } catch {
    return [];
  }
  return names.map((file) => {
    const sql = readFileSync(join(dir, file), 'utf8');
    const comment = sql.split('\n').find((line) => line.trim().startsWith('--'));
    return {
      name: basename(file, '.sql'),
      description: (comment?.trim().replace(/^--\s*/, '') ?? `sql/analyst/${file}`).slice(0, 1024),
      sql,
    };
  });
}

/**
 * What analysts need to query the lake with SQL: a Glue database with a
 * table over every KPI and raw table (partitions found by projection, so no
 * crawler and no `MSCK REPAIR`), an Athena workgroup that enforces where
 * and how results are written and how much a query may scan, and the saved
 * queries of sql/analyst/.
 *
 * @example
 * new AnalystCatalog(this, 'Analysts', { prefix: 'scorecard', lake, queryResults, scanLimitMb: 10_240, analystSqlDir });
 */
export class AnalystCatalog extends Construct {
  readonly databaseName: string;
  readonly workgroupName: string;
  readonly workgroup: CfnWorkGroup;

  constructor(scope: Construct, id: string, props: AnalystCatalogProps) {
    super(scope, id);
    this.databaseName = `${props.prefix.replace(/-/g, '_')}_lake`;
    this.workgroupName = `${props.prefix}-analysts`;

    const database = new CfnDatabase(this, 'Database', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: { name: this.databaseName, description: 'Scorecard lake: KPI versions and the typed drops' },
    });
    for (const table of lakeTables()) {
      new CfnTable(this, `Table-${table.name}`, {
        catalogId: Aws.ACCOUNT_ID,
        databaseName: this.databaseName,
        tableInput: glueTableInput(table, props.lake.bucketName),
      }).addResourceDependency(database);
    }

    this.workgroup = new CfnWorkGroup(this, 'Workgroup', {
      name: this.workgroupName,
      description: 'Scorecard analysts: results encrypted in the query-results bucket',
      state: 'ENABLED',
      // lets `cdk destroy` remove the workgroup with its saved queries
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: props.scanLimitMb * 1024 * 1024,
        engineVersion: { selectedEngineVersion: ATHENA_ENGINE },
        resultConfiguration: {
          outputLocation: `s3://${props.queryResults.bucketName}/results/`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
          expectedBucketOwner: Stack.of(this).account,
        },
      },
    });

    for (const query of readAnalystQueries(props.analystSqlDir)) {
      new CfnNamedQuery(this, `Query-${query.name}`, {
        name: query.name,
        description: query.description,
        database: this.databaseName,
        queryString: query.sql,
        workGroup: this.workgroup.ref,
      }).addResourceDependency(database);
    }
  }
}

/**
 * The Glue definition of one lake table: Parquet, with its partition
 * projected from the dates in the keys (`as_of=2026-11-26`, `drop=2026-11-26`).
 */
export function glueTableInput(table: LakeTable, bucketName: string): CfnTable.TableInputProperty {
  const column = table.partition;
  const location = `s3://${bucketName}/${table.prefix}`;
  return {
    name: table.name,
    description: table.description,
    tableType: 'EXTERNAL_TABLE',
    parameters: {
      classification: 'parquet',
      'projection.enabled': 'true',
      [`projection.${column}.type`]: 'date',
      [`projection.${column}.format`]: 'yyyy-MM-dd',
      [`projection.${column}.range`]: `${PROJECTION_START},NOW`,
      [`projection.${column}.interval`]: '1',
      [`projection.${column}.interval.unit`]: 'DAYS',
      'storage.location.template': `${location}${column}=\${${column}}/`,
    },
    // Athena's documented way for projected dates: a string key, compared as 'YYYY-MM-DD'
    partitionKeys: [{ name: column, type: 'string' }],
    storageDescriptor: {
      location,
      columns: table.columns.map((c) => ({ name: c.name, type: c.type })),
      inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
      serdeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
    },
  };
}
