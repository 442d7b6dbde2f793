import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseAsOf, type AsOf } from '../as-of.ts';
import { UsageError } from '../errors.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** One `scorecard <name>` subcommand. */
export interface Command {
  name: string;
  /** one line for `scorecard --help` */
  summary: string;
  /** the full `--help` text, with an example */
  help: string;
  options: Options;
  /** returns the process exit code */
  run(values: OptionValues, positionals: string[]): Promise<number>;
}

export const COMMON_OPTIONS: Options = {
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export function parseCommandArgs(command: Command, argv: string[]) {
  try {
    return parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message, `see: scorecard ${command.name} --help`);
  }
}

/** A YYYY-MM-DD option that is a real calendar date. */
export function dateOption(value: OptionValues[string], name: string): AsOf | undefined {
  return value === undefined ? undefined : parseAsOf(String(value), `--${name}`);
}

/** A positive whole-number option. */
export function intOption(value: OptionValues[string], name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number of at least 1, not "${value}"`);
  return n;
}

/** Today's UTC date: the default as-of date of an interactive run. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}
