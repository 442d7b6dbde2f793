import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AthenaEngine, AthenaQueryError, AthenaTimeoutError, locateAthenaError } from '../../../functions/engine/athena.ts';

const athena = mockClient(AthenaClient);
const sleeps: number[] = [];
const engine = () =>
  new AthenaEngine(new AthenaClient({ region: 'us-east-1' }), {
    workgroup: 'scorecard',
    database: 'lake',
    timeoutMs: 1_000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });

const column = (Name: string, Type: string) => ({ Name, Type });
const row = (...values: (string | undefined)[]) => ({ Data: values.map((VarCharValue) => ({ VarCharValue })) });

beforeEach(() => {
  athena.reset();
  sleeps.length = 0;
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

  it.each([
    ['line 3:1: mismatched input', { file: 'a.sql', lineOffset: 0 }, 'a.sql line 3, column 1: mismatched input'],
    ['Access denied', { file: 'a.sql', lineOffset: 0 }, 'a.sql: Access denied'],
    ['line 3:1: x', undefined, 'line 3:1: x'],
  ])('locates %j', (message, origin, expected) => {
    expect(locateAthenaError(message, origin)).toBe(expected);
  });
});
