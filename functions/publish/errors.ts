import { ScorecardError } from '../errors.ts';

/** The publish stage cannot build or store a version (missing KPI tables, a failed site build). */
export class PublishError extends ScorecardError {
  override name = 'PublishError';
}
