/**
 * Fault injection for the crash tests: when `SCORECARD_CRASH_AT` names this
 * point (and, with `SCORECARD_CRASH_AFTER=n`, on its n-th pass), the process
 * kills itself with SIGKILL, as a power cut or `kill -9` would, with no
 * chance to clean up. Unset in production, where it costs one comparison.
 *
 * @example
 * crashPoint('compute:after-parts'); // SCORECARD_CRASH_AT=compute:after-parts scorecard nightly
 */
const passes = new Map<string, number>();

export function crashPoint(name: string): void {
  if (process.env.SCORECARD_CRASH_AT !== name) return;
  const n = (passes.get(name) ?? 0) + 1;
  passes.set(name, n);
  if (n >= Number(process.env.SCORECARD_CRASH_AFTER ?? 1)) process.kill(process.pid, 'SIGKILL');
}
