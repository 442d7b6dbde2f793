import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { dateOption } from '../../functions/cli/command.ts';
import { UsageError } from '../../functions/errors.ts';
import { MAX_SCALE } from '../../functions/demo/context.ts';
import { DEFAULT_AS_OF, runBench, type BenchOptions } from './bench.ts';
import { REPO_ROOT } from './spawn-step.ts';
import { formatTable } from './table.ts';

const HELP = `Usage: npm run bench -- --scale N [options]

Generates a demo drop at scale N, then runs and times each stage of the
night (ingest, compute, site build, notify) and its baseline, each in a
process of its own. Prints a table and writes test/bench/results/<date>-<N>.json.

Options:
  --scale N             organisation size: 1 = the demo (about 20 AEs); 100 ≈ 2,000 AEs (default 1)
  --seed N              random seed of the drop (default 1)
  --as-of DATE          as-of date of the drop and the version (default ${DEFAULT_AS_OF})
  --lambda-memory MB    cap DuckDB as a Lambda function of MB memory does (60 %)
  --repeat N            run each stage and its baseline N times, taking turns; the fastest run counts (default 1)
  --profile             V8 CPU profile of every step (test/bench/work/profiles-s<N>/) and its hottest functions in the result
  --keep                keep the work folder (test/bench/work/s<N>/: the drop, the lake, the logs)
  --results DIR         where to write the result (default test/bench/results)
  --work DIR            work folder root (default test/bench/work)
  --verbose             show the stages' log lines

Example:
  npm run bench -- --scale 10`;

function parse(argv: string[]): BenchOptions | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        scale: { type: 'string', default: '1' },
        seed: { type: 'string', default: '1' },
        'as-of': { type: 'string', default: DEFAULT_AS_OF },
        'lambda-memory': { type: 'string' },
        repeat: { type: 'string', default: '1' },
        profile: { type: 'boolean', default: false },
        keep: { type: 'boolean', default: false },
        results: { type: 'string', default: join(REPO_ROOT, 'test', 'bench', 'results') },
        work: { type: 'string', default: join(REPO_ROOT, 'test', 'bench', 'work') },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message, 'see: npm run bench -- --help');
  }
  if (values.help) return undefined;
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= MAX_SCALE)) throw new UsageError(`--scale must be a number above 0 and at most ${MAX_SCALE}, not "${values.scale}"`);
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be a whole number, not "${values.seed}"`);
  const memory = values['lambda-memory'] === undefined ? null : Number(values['lambda-memory']);
  if (memory !== null && !(Number.isInteger(memory) && memory >= 256 && memory <= 10_240)) {
    throw new UsageError(`--lambda-memory must be a Lambda memory size in MB (256 to 10240), not "${values['lambda-memory']}"`);
  }
  const repeat = Number(values.repeat);
  if (!(Number.isInteger(repeat) && repeat >= 1)) throw new UsageError(`--repeat must be a whole number of at least 1, not "${values.repeat}"`);
  return {
    scale,
    repeat,
    seed,
    asOf: dateOption(values['as-of'], 'as-of') ?? DEFAULT_AS_OF,
    workRoot: values.work,
    resultsDir: values.results,
    keep: values.keep,
    profile: values.profile,
    lambdaMemoryMb: memory,
    verbose: values.verbose,
    progress: (line) => process.stderr.write(`[bench] ${line}\n`),
  };
}

async function main(argv: string[]): Promise<number> {
  const options = parse(argv);
  if (!options) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const started = Date.now();
  const { result, file } = await runBench(options);
  process.stdout.write(`\n${formatTable(result)}\n`);
  process.stdout.write(`Wrote ${relative(process.cwd(), file)} (bench run ${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`bench: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
