import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/*
 * The arrows between the rooms of functions/ (functions/README.md): an import
 * that runs up (into cli/ or aws/) or sideways (into another stage) fails lint.
 */
const STAGES = ['ingest', 'compute', 'publish', 'notify', 'demo'];
const EDGES = ['cli', 'aws'];
const room = (name) => `(^|/)${name}/`;
const forbid = (rooms, why) => ({ regex: `${rooms.map(room).join('|')}`, message: `${why} (see functions/README.md)` });
const NO_CDK = [
  { regex: room('infra'), message: 'nothing in functions/ imports infra/ (see functions/README.md)' },
  { regex: '^(aws-cdk-lib|constructs)(/|$)', message: 'nothing in functions/ imports the CDK (see functions/README.md)' },
];
const arrows = (files, rooms, why, ignores = []) => ({
  files,
  ignores,
  rules: { 'no-restricted-imports': ['error', { patterns: [...NO_CDK, ...(rooms.length ? [forbid(rooms, why)] : [])] }] },
});
// the Lambda entries of the stages: the one place a stage may use the AWS glue
const HANDLERS = ['functions/*/handler.ts'];
// reads the Athena names the stacks put in the environment; to be folded into the config
const ATHENA_ENV = ['functions/compute/athena/athena-config.ts'];

const ROOM_RULES = [
  arrows(['functions/**/*.ts'], [], ''),
  ...STAGES.map((stage) =>
    arrows(
      [`functions/${stage}/**/*.ts`],
      [...EDGES, ...STAGES.filter((s) => s !== stage)],
      `a stage imports lake, report, engine and store, never the CLI, the AWS glue or another stage`,
      [...HANDLERS, ...ATHENA_ENV],
    ),
  ),
  arrows(HANDLERS, ['cli', ...STAGES], 'a handler imports its own stage and the AWS glue, never the CLI or another stage'),
  arrows(['functions/lake/**/*.ts'], [...EDGES, ...STAGES, 'report'], 'lake/ is below the stages and the report model'),
  arrows(['functions/access/**/*.ts'], [...EDGES, ...STAGES, 'engine'], 'access/ (who may open what) is below the stages; the edge gate bundles it'),
  arrows(['functions/run/**/*.ts'], [...EDGES, ...STAGES, 'report'], 'run/ (one run at a time) is below the stages'),
  arrows(['functions/report/**/*.ts'], [...EDGES, ...STAGES, 'engine', 'store'], 'report/ is a pure model: no stage, engine or store'),
  arrows(['functions/engine/**/*.ts', 'functions/store/**/*.ts'], [...EDGES, ...STAGES, 'lake', 'report'], 'engine/ and store/ import no stage and no room above them'),
  arrows(['functions/*.ts'], [...EDGES, ...STAGES, 'lake', 'report'], 'the top-level files are shared by every room', ['functions/nightly.ts']),
];

export default tseslint.config(
  { ignores: ['node_modules', 'cdk.out', '**/.scorecard', 'site/dist', 'site/.astro', 'site/src/env.d.ts', 'dist', 'test/bench/work', 'test/e2e/artifacts', '**/*.tmp.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only' },
        { object: 'it', property: 'skip' },
        { object: 'describe', property: 'only' },
        { object: 'describe', property: 'skip' },
        { object: 'test', property: 'only' },
        { object: 'test', property: 'skip' },
      ],
    },
  },
  ...ROOM_RULES,
);
