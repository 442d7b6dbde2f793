import type { TransportKind } from '../config.ts';
import { getJson, putJson, type ObjectStore } from '../store/store.ts';
import { sentKey, sentPrefix } from '../lake/notify-keys.ts';

/*
 * The send log of version D is one object per recipient under
 * `notify/<D>/sent/`: each record is written by one atomic PUT right after
 * its message was accepted, so a crash loses at most the record of the one
 * message in flight, and two writers never overwrite each other's records
 * (as they would rewriting a shared `sent.jsonl` on S3, which cannot append).
 */

/** One entry of the send log: this recipient has been e-mailed this version. */
export interface SentRecord {
  asOf: string;
  email: string;
  /** site paths the message linked to */
  pages: string[];
  transport: TransportKind;
  messageId: string;
  /** what the transport answered: an outbox key, an SMTP reply, an SES message id */
  receipt: string;
  sentAt: string;
}

/**
 * Which recipients of `asOf` were already e-mailed.
 *
 * @example
 * const sent = await sentTo(store, '2026-11-26');
 * sent('Lucas.Martin@salesco.example') // true once recorded, whatever the case
 */
export async function sentTo(store: ObjectStore, asOf: string): Promise<(email: string) => boolean> {
  const keys = new Set(await store.list(sentPrefix(asOf)));
  return (email) => keys.has(sentKey(asOf, email));
}

/** Records one sent message. */
export async function recordSent(store: ObjectStore, record: SentRecord): Promise<void> {
  await putJson(store, sentKey(record.asOf, record.email), record);
}

/**
 * The whole send log of a version, for reports and tests.
 *
 * @example
 * (await readSendLog(store, '2026-11-26')).map((r) => r.email)
 */
export async function readSendLog(store: ObjectStore, asOf: string): Promise<SentRecord[]> {
  const records: SentRecord[] = [];
  for (const key of await store.list(sentPrefix(asOf))) {
    const record = await getJson<SentRecord>(store, key);
    if (record) records.push(record);
  }
  return records;
}
