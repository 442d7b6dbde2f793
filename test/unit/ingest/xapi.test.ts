import { describe, expect, it } from 'vitest';
import { LMS_STATEMENTS, statementRow } from '../../../functions/ingest/formats/xapi.ts';
import { statementLines } from '../../../functions/ingest/xapi-file.ts';

const base = {
  id: 's1',
  timestamp: '2026-01-05T10:00:00+07:00',
  actor: { mbox: 'mailto:Ann@Example.com' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/registered' },
  object: {
    id: 'https://lms/c1',
    definition: { name: { 'th-TH': 'หลักสูตร', 'en-US': 'Course 1' }, extensions: { 'https://scorecard.dev/xapi/skill': 'negotiation' } },
  },
  context: { extensions: { 'https://scorecard.dev/xapi/due-date': '2026-02-01' } },
  result: { score: { raw: 7, min: 0, max: 10 } },
};

function row(statement: unknown): Record<string, string> {
  const result = statementRow(statement);
  if ('problem' in result) throw new Error(result.problem.reason);
  return Object.fromEntries(LMS_STATEMENTS.columns.map((c, i) => [c.name, result.values[i] ?? '']));
}

describe('statementRow', () => {
  it('reads the used fields of a statement, in UTC, with a lower-cased e-mail', () => {
    expect(row(base)).toEqual({
      id: 's1',
      timestamp: '2026-01-05 03:00:00',
      actor_email: 'ann@example.com',
      verb: 'registered',
      object_id: 'https://lms/c1',
      object_name: 'Course 1',
      due_date: '2026-02-01',
      skill: 'negotiation',
      score_scaled: '',
      score_raw: '7',
      score_min: '0',
      score_max: '10',
      actor_account: '',
    });
  });

  it('takes an account name as the e-mail when it is one, else keeps it for the identity map', () => {
    expect(row({ ...base, actor: { account: { homePage: 'h', name: 'Bob@Example.com' } } })).toMatchObject({ actor_email: 'bob@example.com', actor_account: '' });
    expect(row({ ...base, actor: { account: { homePage: 'h', name: 'learner-42' } } })).toMatchObject({ actor_email: '', actor_account: 'learner-42' });
  });

  it('keeps a verb outside the ADL list whole, so that KPIs ignore it', () => {
    expect(row({ ...base, verb: { id: 'https://example.com/verbs/completed' } }).verb).toBe('https://example.com/verbs/completed');
  });

  it.each([
    ['no id', { ...base, id: undefined }, 'id'],
    ['no actor', { ...base, actor: undefined }, 'actor'],
    ['an actor without mbox or account', { ...base, actor: { mbox_sha1sum: 'x' } }, 'actor'],
    ['no verb.id', { ...base, verb: { display: {} } }, 'verb'],
    ['no object.id', { ...base, object: {} }, 'object'],
    ['a timestamp that is no time', { ...base, timestamp: '5 Jan' }, 'timestamp'],
    ['a due date that is no date', { ...base, context: { extensions: { 'https://scorecard.dev/xapi/due-date': 'soon' } } }, 'context.extensions.due-date'],
    ['a scaled score above 1', { ...base, result: { score: { scaled: 1.2 } } }, 'result.score.scaled'],
    ['a raw score below min', { ...base, result: { score: { raw: -1, min: 0, max: 10 } } }, 'result.score.raw'],
    ['a score that is no number', { ...base, result: { score: { raw: 'high' } } }, 'result.score'],
    ['an array', [base], ''],
  ])('quarantines a statement with %s', (_name, statement, column) => {
    const result = statementRow(statement);

    expect('problem' in result && result.problem.column).toBe(column);
  });
});

describe('statementLines', () => {
  it('finds the line each statement of an LRS document starts on', () => {
    const text = '{\n  "more": "x",\n  "statements": [\n    {"id": "a"},\n    {\n      "id": "b"\n    }, {"id": "c, [not a list]"}\n  ]\n}';

    expect(statementLines(text)).toEqual([4, 5, 7]);
  });
});
