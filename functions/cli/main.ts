import { isScorecardError, UsageError } from '../errors.ts';
import { parseCommandArgs, type Command } from './command.ts';
import { computeCommand } from './compute.ts';
import { demoCommand } from './demo.ts';
import { ingestCommand } from './ingest.ts';
import { nightlyCommand } from './nightly.ts';
import { notifyCommand } from './notify.ts';
import { previewCommand } from './preview.ts';
import { publishCommand } from './publish.ts';
import { sqlCommand } from './sql.ts';

const COMMANDS: Command[] = [
  nightlyCommand,
  demoCommand,
  ingestCommand,
  computeCommand,
  publishCommand,
  notifyCommand,
  sqlCommand,
  previewCommand,
];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: scorecard <command> [options]',
    '',
    'Nightly sales KPI scorecards from CRM and LMS exports.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --config FILE (default scorecard.config.json) and --help.',
    'Start with: scorecard nightly',
  ].join('\n');
}

/** Runs one command line and returns the exit code; user mistakes print a message and a hint, never a stack. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      process.stdout.write(overview() + '\n');
      return name === undefined ? 2 : 0;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(`unknown command "${name}"`, 'run scorecard --help for the list');
    const { values, positionals } = parseCommandArgs(command, rest);
    if (values.help) {
      process.stdout.write(command.help.trimEnd() + '\n');
      return 0;
    }
    return await command.run(values, positionals);
  } catch (error) {
    if (isScorecardError(error)) {
      process.stderr.write(`scorecard: ${error.message}\n`);
      if (error.hint) process.stderr.write(`  ${error.hint}\n`);
      // a refusal because another run holds the lease has its own code (3), see README "Exit codes"
      const code = (error as { exitCode?: unknown }).exitCode;
      return typeof code === 'number' ? code : error instanceof UsageError ? 2 : 1;
    }
    throw error;
  }
}
