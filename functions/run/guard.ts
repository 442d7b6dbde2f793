import type { StageContext } from '../context.ts';
import { withLease, type Lease } from './lease.ts';
import { sweepLeftovers } from './sweep.ts';

/** The lease every stage that writes the lake takes: one night (or one stage) at a time per workspace. */
export const WORKSPACE_LEASE = 'workspace';

/** The lease of one version's e-mails: two notifies of a version can never both send. */
export const notifyLease = (asOf: string): string => `notify-${asOf}`;

/** What the lease record names as its holder: the command line, for the busy message. */
export function holderName(): string {
  return ['scorecard', ...process.argv.slice(2)].join(' ');
}

/**
 * Runs a stage (or the whole night) holding the workspace lease, after
 * sweeping what crashed runs left behind. A second run is refused at once
 * with {@link LeaseBusyError}: waiting would only stack nights up.
 *
 * @example
 * await withWorkspaceLease(ctx, 'scorecard compute --as-of 2026-11-26', (lease) => computeVersion(ctx, asOf, lease));
 */
export function withWorkspaceLease<T>(ctx: StageContext, holder: string, fn: (lease: Lease) => Promise<T>): Promise<T> {
  return withLease(ctx.store, WORKSPACE_LEASE, holder, async (lease) => {
    await sweepLeftovers(ctx.store, ctx.log);
    return fn(lease);
  });
}
