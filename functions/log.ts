/**
 * Progress for people: one line per step, on stderr so that stdout stays
 * clean for data (`scorecard sql --format csv > out.csv`). In Lambda the
 * same lines reach CloudWatch.
 */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  /** a child log whose lines start with `[name]` */
  child(name: string): Log;
}

export function consoleLog(prefix = '', write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Log {
  const tag = prefix ? `[${prefix}] ` : '';
  return {
    info: (message) => write(`${tag}${message}`),
    warn: (message) => write(`${tag}warning: ${message}`),
    child: (name) => consoleLog(prefix ? `${prefix}:${name}` : name, write),
  };
}

/** A log that keeps its lines, for tests and quiet runs. */
export function memoryLog(lines: string[] = []): Log & { lines: string[] } {
  const log = consoleLog('', (line) => lines.push(line));
  return { ...log, lines };
}
