import { tableByName } from '../../lake/raw-tables.ts';
import { convertValue, utcTimestamp } from '../values.ts';
import type { ValueProblem } from './csv-mapping.ts';

const ADL_VERBS = 'http://adlnet.gov/expapi/verbs/';
const KNOWN_VERBS = new Set(['registered', 'completed', 'passed', 'failed', 'scored', 'voided']);
const DUE_DATE = 'https://scorecard.dev/xapi/due-date';
const SKILL = 'https://scorecard.dev/xapi/skill';
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export const LMS_STATEMENTS = tableByName('lms_statements');
const COLUMN_COUNT = LMS_STATEMENTS.columns.length;
const at = (name: string): number => LMS_STATEMENTS.columns.findIndex((c) => c.name === name);
const I = {
  id: at('id'),
  timestamp: at('timestamp'),
  actorEmail: at('actor_email'),
  verb: at('verb'),
  objectId: at('object_id'),
  objectName: at('object_name'),
  dueDate: at('due_date'),
  skill: at('skill'),
  scaled: at('score_scaled'),
  raw: at('score_raw'),
  min: at('score_min'),
  max: at('score_max'),
  actorAccount: at('actor_account'),
};

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A number from JSON (or a numeric string), as canonical text; undefined when absent; null when malformed. */
function number(value: unknown): string | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'string') return convertValue('double', value) || null;
  return null;
}

/** The first display name: `en-US` when there is one. */
function languageMap(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  return text(value['en-US']) ?? text(Object.values(value).find((v) => typeof v === 'string'));
}

export type StatementResult = { values: string[] } | { problem: ValueProblem };

const problem = (column: string, reason: string): StatementResult => ({ problem: { column, reason } });

/**
 * One xAPI 1.0.3 statement as a row of `lms_statements` (canonical column
 * order), or the reason it is quarantined: no id, actor, verb.id, object.id
 * or valid timestamp, a due date that is no date, a score out of range.
 *
 * @example
 * statementRow({ id: 's1', timestamp: '2026-01-05T10:00:00+07:00', actor: { mbox: 'mailto:Ann@x.io' },
 *   verb: { id: 'http://adlnet.gov/expapi/verbs/completed' }, object: { id: 'https://lms/c1' } });
 * // { values: ['s1', '2026-01-05 03:00:00', 'ann@x.io', 'completed', 'https://lms/c1', '', ...] }
 */
export function statementRow(statement: unknown): StatementResult {
  if (!isObject(statement)) return problem('', 'not a JSON object');
  const values: string[] = new Array<string>(COLUMN_COUNT).fill('');

  const id = text(statement.id);
  if (!id) return problem('id', 'the statement has no id');
  values[I.id] = id;

  const stamp = typeof statement.timestamp === 'string' ? utcTimestamp(statement.timestamp) : undefined;
  if (!stamp) {
    const shown = statement.timestamp === undefined ? 'missing' : JSON.stringify(statement.timestamp);
    return problem('timestamp', `not a valid ISO 8601 timestamp: ${shown}`);
  }
  values[I.timestamp] = stamp;

  const actor = statement.actor;
  if (!isObject(actor)) return problem('actor', 'the statement has no actor');
  const mbox = text(actor.mbox);
  const account = isObject(actor.account) ? text(actor.account.name) : undefined;
  if (mbox) {
    const email = mbox.replace(/^mailto:/i, '').trim().toLowerCase();
    if (!EMAIL.test(email)) return problem('actor', `actor.mbox is not a mailto: e-mail address: ${mbox}`);
    values[I.actorEmail] = email;
  } else if (account) {
    if (EMAIL.test(account.trim())) values[I.actorEmail] = account.trim().toLowerCase();
    else values[I.actorAccount] = account;
  } else {
    return problem('actor', 'the actor has neither mbox nor account.name, so it cannot be matched to a user');
  }

  const verb = isObject(statement.verb) ? text(statement.verb.id) : undefined;
  if (!verb) return problem('verb', 'the statement has no verb.id');
  const short = verb.startsWith(ADL_VERBS) ? verb.slice(ADL_VERBS.length) : '';
  values[I.verb] = KNOWN_VERBS.has(short) ? short : verb;

  const object = statement.object;
  const objectId = isObject(object) ? text(object.id) : undefined;
  if (!isObject(object) || !objectId) return problem('object', 'the statement has no object.id');
  values[I.objectId] = objectId;
  const definition = isObject(object.definition) ? object.definition : {};
  values[I.objectName] = languageMap(definition.name) ?? '';
  if (isObject(definition.extensions)) values[I.skill] = text(definition.extensions[SKILL]) ?? '';

  const context = isObject(statement.context) ? statement.context : {};
  const due = isObject(context.extensions) ? context.extensions[DUE_DATE] : undefined;
  if (due !== undefined && due !== null && due !== '') {
    const date = typeof due === 'string' ? convertValue('date', due) : undefined;
    if (!date) return problem('context.extensions.due-date', `not a date (expected YYYY-MM-DD): ${JSON.stringify(due)}`);
    values[I.dueDate] = date;
  }

  const score = isObject(statement.result) && isObject(statement.result.score) ? statement.result.score : undefined;
  if (score) {
    const scaled = number(score.scaled);
    const raw = number(score.raw);
    const min = number(score.min);
    const max = number(score.max);
    if (scaled === null || raw === null || min === null || max === null) {
      return problem('result.score', `not a number in result.score: ${JSON.stringify(score)}`);
    }
    if (scaled !== undefined && (Number(scaled) < -1 || Number(scaled) > 1)) {
      return problem('result.score.scaled', `scaled score outside -1..1: ${scaled}`);
    }
    if (raw !== undefined) {
      const low = min === undefined ? -Infinity : Number(min);
      const high = max === undefined ? Infinity : Number(max);
      if (Number(raw) < low || Number(raw) > high) {
        return problem('result.score.raw', `raw score ${raw} outside min..max (${min ?? ''}..${max ?? ''})`);
      }
    }
    values[I.scaled] = scaled ?? '';
    values[I.raw] = raw ?? '';
    values[I.min] = min ?? '';
    values[I.max] = max ?? '';
  }
  return { values };
}
