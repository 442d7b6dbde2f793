import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ATHENA_MAX_QUERY_BYTES,
  AthenaEngine,
  AthenaLimitError,
  AthenaQueryError,
  AthenaTimeoutError,
  checkQueryLength,
  locateAthenaError,
  type AthenaOptions,
  type ComposedSqlOrigin,
} from '../../../functions/engine/athena.ts';

const athena = mockClient(AthenaClient);
const sleeps: number[] = [];
// a fake clock that only the engine's sleeps move, so the timeout is deterministic
let clock = 0;
const engine = (options: Partial<AthenaOptions> = {}) =>
  new AthenaEngine(new AthenaClient({ region: 'us-east-1' }), {
    workgroup: 'scorecard',
    database: 'lake',
    timeoutMs: 1_000,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    now: () => clock,
    ...options,
  });

const column = (Name: string, Type: string) => ({ Name, Type });
const row = (...values: (string | undefined)[]) => ({ Data: values.map((VarCharValue) => ({ VarCharValue })) });

beforeEach(() => {
  athena.reset();
  sleeps.length = 0;
  clock = 0;
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
});

describe('Athena engine', () => {
  it('starts the query in the workgroup and database, polls with growing waits, and converts typed cells', async () => {
    athena
      .on(GetQueryExecutionCommand)
      .resolvesOnce({ QueryExecution: { Status: { State: 'QUEUED' } } })
      .resolvesOnce({ QueryExecution: { Status: { State: 'RUNNING' } } })
      .resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    athena.on(GetQueryResultsCommand).resolves({
      ResultSet: {
        ResultSetMetadata: { ColumnInfo: [column('kpi', 'varchar'), column('value', 'double'), column('ok', 'boolean')] },
        Rows: [row('kpi', 'value', 'ok'), row('bookings', '1250.5', 'true'), row('win_rate_pct', undefined, 'false')],
      },
    });

    const rows = await engine().query('SELECT 1');

    expect(rows).toEqual([
      { kpi: 'bookings', value: 1250.5, ok: true },
      { kpi: 'win_rate_pct', value: null, ok: false },
    ]);
    const start = athena.commandCalls(StartQueryExecutionCommand)[0]?.args[0].input;
    expect(start).toMatchObject({ QueryString: 'SELECT 1', WorkGroup: 'scorecard', QueryExecutionContext: { Database: 'lake' } });
    expect(sleeps).toEqual([250, 500]);
  });

  it('pages through results, skipping the header row only on the first page', async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    const meta = { ColumnInfo: [column('n', 'integer')] };
    athena
      .on(GetQueryResultsCommand, { QueryExecutionId: 'q-1', NextToken: undefined })
      .resolves({ ResultSet: { ResultSetMetadata: meta, Rows: [row('n'), row('1'), row('2')] }, NextToken: 't2' })
      .on(GetQueryResultsCommand, { QueryExecutionId: 'q-1', NextToken: 't2' })
      .resolves({ ResultSet: { ResultSetMetadata: meta, Rows: [row('3')] } });

    expect(await engine().query('SELECT n')).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('surfaces a failure with the SQL file and the line within it', async () => {
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: { Status: { State: 'FAILED', StateChangeReason: "line 14:7: Column 'amout' cannot be resolved" } },
    });

    const failure = engine().exec('SELECT amout', { file: 'kpis/01_revenue.sql', lineOffset: 10 });

    await expect(failure).rejects.toThrow(AthenaQueryError);
    await expect(failure).rejects.toThrow("kpis/01_revenue.sql line 4, column 7: Column 'amout' cannot be resolved");
  });

  it('cancels a query that runs past the timeout', async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'RUNNING' } } });
    athena.on(StopQueryExecutionCommand).resolves({});

    await expect(engine().exec('SELECT slow()')).rejects.toThrow(AthenaTimeoutError);
    expect(athena.commandCalls(StopQueryExecutionCommand)[0]?.args[0].input).toEqual({ QueryExecutionId: 'q-1' });
  });

  it('retries throttled calls with backoff, then gives up', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' });
    athena.on(StartQueryExecutionCommand).rejectsOnce(throttled).rejectsOnce(throttled).resolves({ QueryExecutionId: 'q-2' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });

    await engine().exec('SELECT 1');
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(3);
    expect(sleeps).toEqual([400, 800]);

    athena.on(StartQueryExecutionCommand).rejects(throttled);
    await expect(engine().exec('SELECT 1')).rejects.toThrow('Rate exceeded');
  });

  it('cancels at the timeout measured by the clock, with waits that stop growing at pollMaxMs', async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'RUNNING' } } });
    athena.on(StopQueryExecutionCommand).resolves({});

    const run = engine({ timeoutMs: 10_000, pollMaxMs: 2_000 }).exec('SELECT slow()', { file: 'kpis/03_pipeline.sql', lineOffset: 0 });

    await expect(run).rejects.toThrow(/Athena query q-1 \(kpis\/03_pipeline\.sql\) ran longer than 10 s and was cancelled/);
    expect(sleeps).toEqual([250, 500, 1000, 2000, 2000, 2000, 2000, 2000]);
    expect(athena.commandCalls(StopQueryExecutionCommand)).toHaveLength(1);
  });

  it('retries a throttled cancel, so that a timed-out query does not keep running', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'RUNNING' } } });
    athena.on(StopQueryExecutionCommand).rejectsOnce(throttled).resolves({});

    await expect(engine().exec('SELECT slow()')).rejects.toThrow(AthenaTimeoutError);
    expect(athena.commandCalls(StopQueryExecutionCommand)).toHaveLength(2);
  });

  it('retries throttled status polls and result pages', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    athena
      .on(GetQueryExecutionCommand)
      .rejectsOnce(throttled)
      .resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    athena
      .on(GetQueryResultsCommand)
      .rejectsOnce(throttled)
      .resolves({ ResultSet: { ResultSetMetadata: { ColumnInfo: [column('n', 'bigint')] }, Rows: [row('n'), row('7')] } });

    expect(await engine().query('SELECT 7 AS n')).toEqual([{ n: 7 }]);
    expect(sleeps).toEqual([400, 400]);
  });

  it('does not retry other errors', async () => {
    athena.on(StartQueryExecutionCommand).rejects(Object.assign(new Error('workgroup is disabled'), { name: 'InvalidRequestException' }));

    await expect(engine().exec('SELECT 1')).rejects.toThrow('workgroup is disabled');
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(1);
  });

  it("passes on Athena's verdict that a failure is transient", async () => {
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: {
        Status: {
          State: 'FAILED',
          AthenaError: { ErrorCategory: 1, ErrorType: 401, Retryable: true, ErrorMessage: 'INTERNAL_ERROR_QUERY_ENGINE' },
        },
      },
    });

    const failure = await engine().exec('SELECT 1').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(AthenaQueryError);
    expect(failure).toMatchObject({ retryable: true, message: 'Athena query q-1 failed: INTERNAL_ERROR_QUERY_ENGINE' });
  });

  it('reports a query cancelled by someone else as a failure, not a timeout', async () => {
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: { Status: { State: 'CANCELLED', StateChangeReason: 'Query cancelled by user' } },
    });

    await expect(engine().exec('SELECT 1', { file: 'kpis/01_revenue.sql', lineOffset: 0 })).rejects.toThrow(
      'Athena query q-1 cancelled: kpis/01_revenue.sql: Query cancelled by user',
    );
  });

  it('sends the result location only when one is configured', async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });

    await engine().exec('SELECT 1');
    await engine({ outputLocation: 's3://results/scorecard/' }).exec('SELECT 1');

    const [plain, located] = athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input);
    expect(plain).not.toHaveProperty('ResultConfiguration');
    expect(located?.ResultConfiguration).toEqual({ OutputLocation: 's3://results/scorecard/' });
    expect(located?.QueryExecutionContext).toEqual({ Database: 'lake', Catalog: 'AwsDataCatalog' });
  });

  it("refuses a statement longer than Athena's limit before sending it, naming the file", async () => {
    const long = `SELECT '${'x'.repeat(ATHENA_MAX_QUERY_BYTES)}'`;

    await expect(engine().exec(long, { file: 'kpis/09_talent.sql', lineOffset: 0 })).rejects.toThrow(AthenaLimitError);
    await expect(engine().exec(long, { file: 'kpis/09_talent.sql', lineOffset: 0 })).rejects.toThrow(
      /kpis\/09_talent\.sql is 262,153 bytes, more than Athena's 262,144/,
    );
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(0);
  });

  it('counts the limit in UTF-8 bytes, as Athena does', () => {
    const thai = 'ก'.repeat(ATHENA_MAX_QUERY_BYTES / 3); // 3 bytes each
    expect(() => checkQueryLength(thai)).not.toThrow();
    expect(() => checkQueryLength(`${thai}ก`)).toThrow(AthenaLimitError);
    expect(() => checkQueryLength('x'.repeat(ATHENA_MAX_QUERY_BYTES))).not.toThrow();
  });

  const composed: ComposedSqlOrigin = {
    file: 'kpis/03_pipeline.sql',
    lineOffset: 0,
    parts: [
      { file: 'kpis/00_1_members.sql', firstLine: 3, lines: 20 },
      { file: 'kpis/03_pipeline.sql', firstLine: 23, lines: 10 },
    ],
  };

  it.each([
    ['line 5:3: x', 'kpis/00_1_members.sql line 3, column 3 (in the statement of kpis/03_pipeline.sql): x'],
    ['line 24:1: y', 'kpis/03_pipeline.sql line 2, column 1: y'],
    ['line 2:40: z', 'kpis/03_pipeline.sql (generated line 2 of the statement), column 40: z'],
    ['line 33:1: past the end', 'kpis/03_pipeline.sql (generated line 33 of the statement), column 1: past the end'],
  ])('traces %j in a statement composed of several files', (message, expected) => {
    expect(locateAthenaError(message, composed)).toBe(expected);
  });

  it('names the building block in a failure of a composed statement', async () => {
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: { Status: { State: 'FAILED', StateChangeReason: "line 7:9: Column 'manager' cannot be resolved" } },
    });

    await expect(engine().exec('UNLOAD (...)', composed)).rejects.toThrow(
      "Athena query q-1 failed: kpis/00_1_members.sql line 5, column 9 (in the statement of kpis/03_pipeline.sql): Column 'manager' cannot be resolved",
    );
  });

  it.each([
    ['line 3:1: mismatched input', { file: 'a.sql', lineOffset: 0 }, 'a.sql line 3, column 1: mismatched input'],
    ['line 3:1: x', { file: 'canonical/users.sql', lineOffset: -5 }, 'canonical/users.sql line 8, column 1: x'],
    ['Access denied', { file: 'a.sql', lineOffset: 0 }, 'a.sql: Access denied'],
    ['line 3:1: x', undefined, 'line 3:1: x'],
  ])('locates %j', (message, origin, expected) => {
    expect(locateAthenaError(message, origin)).toBe(expected);
  });
});
