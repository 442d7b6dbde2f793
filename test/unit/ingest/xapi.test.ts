import { describe, expect, it } from 'vitest';
import { LMS_STATEMENTS, statementRow } from '../../../functions/ingest/formats/xapi.ts';
import { StatementSplitter, type DocumentElement } from '../../../functions/ingest/json-document.ts';
import { FileRejectedError } from '../../../functions/ingest/errors.ts';

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

/** The elements of a document pushed in pieces of `size` characters. */
function split(text: string, size: number): DocumentElement[] {
  const elements: DocumentElement[] = [];
  const splitter = new StatementSplitter((e) => elements.push(e));
  for (let i = 0; i < text.length; i += size) splitter.push(text.slice(i, i + size));
  splitter.end();
  return elements;
}

describe('StatementSplitter', () => {
  const text = '{\n  "more": "x",\n  "statements": [\n    {"id": "a"},\n    {\n      "id": "b"\n    }, {"id": "c, [not a list]"}, 7, "s"\n  ]\n}';

  it.each([1, 3, 1000])('finds each statement and the line it starts on, in pieces of %i', (size) => {
    const elements = split(text, size);

    expect(elements.map((e) => e.line)).toEqual([4, 5, 7, 7, 7]);
    expect(elements.map((e) => JSON.parse(e.text) as unknown)).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c, [not a list]' }, 7, 's']);
  });

  it('marks a statement nested too deeply, keeping only the start of its text', () => {
    const deep = `{"statements": [{"id": ${'['.repeat(100_000)}${']'.repeat(100_000)}}, {"id": "ok"}]}`;

    const elements = split(deep, 65_536);

    expect(elements.map((e) => e.tooDeep)).toEqual([true, false]);
    expect(elements[0]!.text.length).toBeLessThanOrEqual(4096);
  });

  it.each([
    ['cut short', '{"statements": [{"id": "a"}', /ends inside/],
    ['garbage after the list', '{"statements": [{"id": "a"}] x}', /not valid JSON/],
    ['no statements list', '{"more": [{"id": "a"}]}', /no "statements" list/],
    ['a list at the top', '[{"id": "a"}]', /no "statements" list/],
  ])('rejects a document %s', (_name, doc, reason) => {
    expect(() => split(doc, 4)).toThrow(FileRejectedError);
    expect(() => split(doc, 4)).toThrow(reason);
  });
});
