import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// the import rules of eslint.config.js, run on one-line files placed in the rooms of functions/README.md
const eslint = new ESLint();

async function restricted(file: string, specifier: string): Promise<boolean> {
  const [result] = await eslint.lintText(`import '${specifier}';\n`, { filePath: file });
  return (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports');
}

describe('the arrows between the rooms of functions/', () => {
  it.each([
    ['functions/publish/publish.ts', '../cli/command.ts'],
    ['functions/publish/publish.ts', '../notify/notify.ts'],
    ['functions/notify/message.ts', '../publish/publish.ts'],
    ['functions/notify/transports/ses.ts', '../../aws/env.ts'],
    ['functions/compute/compute.ts', '../ingest/ingest.ts'],
    ['functions/compute/athena/steps.ts', '../../../infra/constructs/table-ddl.ts'],
    ['functions/lake/open.ts', 'aws-cdk-lib'],
    ['functions/lake/open.ts', '../compute/tables.ts'],
    ['functions/engine/duckdb.ts', '../aws/env.ts'],
    ['functions/engine/duckdb.ts', '../lake/open.ts'],
    ['functions/store/s3.ts', '../publish/publish.ts'],
    ['functions/report/view.ts', '../engine/duckdb.ts'],
    ['functions/compute/handler.ts', '../publish/publish.ts'],
    ['functions/context.ts', './cli/context.ts'],
  ])('%s may not import %s', async (file, specifier) => {
    expect(await restricted(file, specifier)).toBe(true);
  });

  it.each([
    ['functions/publish/publish.ts', '../lake/kpi-reader.ts'],
    ['functions/notify/message.ts', '../report/routes.ts'],
    ['functions/compute/compute.ts', '../engine/duckdb.ts'],
    ['functions/compute/handler.ts', '../aws/stage-handler.ts'],
    ['functions/cli/publish.ts', '../publish/publish.ts'],
    ['functions/nightly.ts', './notify/notify.ts'],
    ['functions/lake/open.ts', '../engine/duckdb.ts'],
    ['infra/constructs/lake-tables.ts', '../../functions/lake/output-tables.ts'],
  ])('%s may import %s', async (file, specifier) => {
    expect(await restricted(file, specifier)).toBe(false);
  });
});
