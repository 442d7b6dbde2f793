import type { Locale } from '../../config.ts';
import { en } from './en.ts';
import { th } from './th.ts';

/** Every sentence of the e-mails, one implementation per locale. Names arrive unescaped: callers escape for HTML. */
export interface Messages {
  subject: {
    org(asOf: string): string;
    team(name: string, asOf: string): string;
    ae(name: string, asOf: string): string;
  };
  greeting(name: string | undefined): string;
  intro(asOf: string): string;
  heading: {
    org: string;
    team(name: string): string;
    ae(name: string): string;
  };
  /** the period the summary covers */
  period(start: string, end: string): string;
  changesSince(previousAsOf: string): string;
  firstVersion: string;
  noChanges: string;
  /** link text */
  openPage: string;
  /** why the link will keep showing the same numbers */
  versionNote(asOf: string): string;
  footer: string;
}

const MESSAGES: Record<Locale, Messages> = { en, th };

/**
 * @example
 * messagesFor('th').subject.org('2026-11-26')
 */
export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale];
}
