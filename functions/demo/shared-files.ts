import { books } from './book.ts';
import { csvFile, type DropFile } from './chunks.ts';
import { coachingFeedback } from './coaching.ts';
import { accountKey, userKey } from './keys.ts';
import { identityMap, statements } from './learning.ts';
import { buildCsat, casesOf } from './service.ts';
import { formatDateTime } from './time.ts';

/** The files every drop has, whichever CRM: CSAT, coaching feedback and the LMS. */
const csat = csvFile('surveys/csat.csv', ['ResponseId', 'SubmittedAt', 'AccountId', 'Score', 'Comment'], function* (ctx) {
  for (const book of books(ctx)) {
    for (const r of buildCsat(ctx, book, casesOf(ctx, book))) {
      yield [r.responseId, formatDateTime(r.submittedMs), accountKey(ctx, r.account), r.score, r.comment];
    }
  }
});

const feedback = csvFile('coaching/feedback.csv', ['FeedbackId', 'GivenAt', 'GiverId', 'ReceiverId', 'Rating', 'Channel'], function* (ctx) {
  for (const f of coachingFeedback(ctx)) {
    yield [f.feedbackId, formatDateTime(f.givenMs), userKey(ctx, f.giver), userKey(ctx, f.receiver), f.rating, f.channel];
  }
});

const xapi: DropFile = {
  path: 'lms/statements.jsonl',
  *lines(ctx) {
    for (const statement of statements(ctx)) yield `${JSON.stringify(statement)}\n`;
  },
};

const identities = csvFile('lms/identity-map.csv', ['AccountName', 'UserEmail'], function* (ctx) {
  for (const row of identityMap(ctx)) yield [row.accountName, row.email];
});

export const SHARED_FILES: readonly DropFile[] = [csat, feedback, xapi, identities];
