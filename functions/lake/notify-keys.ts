/*
 * The notify stage's lake keys. An address becomes a file name by lowercasing
 * it (addresses are compared ignoring case) and replacing anything unusual.
 */

/** @example addressFileName('Lucas.Martin@Salesco.example') // 'lucas.martin@salesco.example' */
export function addressFileName(email: string): string {
  return email.trim().toLowerCase().replace(/[^a-z0-9@._+-]/g, '_');
}

/** Where the outbox transport writes a message: `outbox/<asOf>/<recipient>.eml`. */
export const outboxKey = (asOf: string, email: string): string => `outbox/${asOf}/${addressFileName(email)}.eml`;

/** The send log of a version: one object per recipient, since S3 cannot append to one file. */
export const sentPrefix = (asOf: string): string => `notify/${asOf}/sent/`;

export const sentKey = (asOf: string, email: string): string => `${sentPrefix(asOf)}${addressFileName(email)}.json`;
