import { getJson, putJson, type ObjectStore } from '../store/store.ts';
import { addressFileName } from '../lake/notify-keys.ts';

/*
 * Before each message goes to the transport its intent is recorded
 * (`notify/<D>/intent/<recipient>.json`); after the transport accepted it, the
 * receipt (the send log, send-log.ts). A crash between the two leaves an
 * intent without a receipt: the message may or may not have gone. The re-run
 * does not guess: it reports the recipient as uncertain and sends again only
 * with --resend-uncertain, with the same Message-ID, so a client that got
 * both shows one.
 */

export const intentPrefix = (asOf: string): string => `notify/${asOf}/intent/`;
export const intentKey = (asOf: string, email: string): string => `${intentPrefix(asOf)}${addressFileName(email)}.json`;

export interface SendIntent {
  asOf: string;
  email: string;
  messageId: string;
  startedAt: string;
}

export function recordIntent(store: ObjectStore, intent: SendIntent): Promise<void> {
  return putJson(store, intentKey(intent.asOf, intent.email), intent);
}

/** Whether a send of `email` was started for version `asOf` (by any run). */
export async function intentsOf(store: ObjectStore, asOf: string): Promise<(email: string) => boolean> {
  const keys = new Set(await store.list(intentPrefix(asOf)));
  return (email) => keys.has(intentKey(asOf, email));
}

export function readIntent(store: ObjectStore, asOf: string, email: string): Promise<SendIntent | undefined> {
  return getJson<SendIntent>(store, intentKey(asOf, email));
}
