import type { Locale } from '../config.ts';
import { absoluteUrl } from '../report/routes.ts';
import { formatter, type Formatter } from '../report/format.ts';
import { messagesFor as siteMessagesFor } from '../report/i18n/messages.ts';
import { escapeHtml } from '../html.ts';
import { messagesFor, type Messages } from './i18n/messages.ts';
import { kpiLabel } from '../report/catalog.ts';
import type { Page, Recipient } from './recipients.ts';
import type { Figure, PageSummary } from './summary.ts';

export interface MessageInput {
  asOf: string;
  previousAsOf: string | undefined;
  recipient: Recipient;
  /** one per page of the recipient, in the recipient's page order */
  summaries: PageSummary[];
  locale: Locale;
  currency: string;
  siteBaseUrl: string;
}

/** The words of one e-mail, before MIME. */
export interface ComposedMessage {
  subject: string;
  text: string;
  html: string;
  /** every link the message holds, absolute */
  links: string[];
}

function subjectOf(page: Page, asOf: string, m: Messages): string {
  if (page.level === 'org') return m.subject.org(asOf);
  return page.level === 'team' ? m.subject.team(page.name, asOf) : m.subject.ae(page.name, asOf);
}

function headingOf(page: Page, m: Messages): string {
  if (page.level === 'org') return m.heading.org;
  return page.level === 'team' ? m.heading.team(page.name) : m.heading.ae(page.name);
}

/** A section's content as plain strings, shared by the text and HTML parts so they cannot disagree. */
interface Section {
  heading: string;
  period: string | undefined;
  headline: { label: string; value: string }[];
  changesTitle: string;
  changes: string[];
  /** shown instead of the list when there are no changes */
  noChanges: string;
  url: string;
}

function changeLine(figure: Figure, input: MessageInput, f: Formatter): string {
  const { name, unit } = kpiLabel(figure.kpi, input.locale);
  const previous = figure.previous ?? 0;
  const value = figure.value ?? 0;
  return `${name}: ${f.value(previous, unit)} → ${f.value(value, unit)} (${f.change(value - previous, unit)})`;
}

function sectionOf(summary: PageSummary, input: MessageInput, m: Messages): Section {
  // numbers read the same in the e-mail as on the page it links to
  const f = formatter(siteMessagesFor(input.locale), input.currency);
  return {
    heading: headingOf(summary.page, m),
    period: summary.period && m.period(summary.period.start, summary.period.end),
    headline: summary.headline.map((figure) => {
      const { name, unit } = kpiLabel(figure.kpi, input.locale);
      return { label: name, value: f.value(figure.value, unit) };
    }),
    changesTitle: input.previousAsOf ? m.changesSince(input.previousAsOf) : '',
    changes: summary.changes.map((figure) => changeLine(figure, input, f)),
    noChanges: input.previousAsOf ? m.noChanges : m.firstVersion,
    url: absoluteUrl(input.siteBaseUrl, summary.page.path),
  };
}

function textPart(greeting: string, intro: string, sections: Section[], note: string, m: Messages): string {
  const lines = [greeting, '', intro];
  for (const s of sections) {
    lines.push('', s.heading, '='.repeat(Math.min(s.heading.length, 60)));
    if (s.period) lines.push(s.period);
    lines.push('', ...s.headline.map((h) => `${h.label}: ${h.value}`), '');
    if (s.changes.length > 0) lines.push(`${s.changesTitle}:`, ...s.changes.map((c) => `- ${c}`));
    else lines.push(s.noChanges);
    lines.push('', `${m.openPage}: ${s.url}`);
  }
  lines.push('', note, '', '-- ', m.footer, '');
  return lines.join('\n');
}

function htmlPart(subject: string, greeting: string, intro: string, sections: Section[], note: string, m: Messages, locale: Locale): string {
  const e = escapeHtml;
  const body = sections.map((s) =>
    [
      `<h2 style="font-size:18px;margin:24px 0 4px">${e(s.heading)}</h2>`,
      s.period ? `<p style="margin:0 0 8px;color:#555">${e(s.period)}</p>` : '',
      '<table role="presentation" style="border-collapse:collapse">',
      ...s.headline.map(
        (h) => `<tr><th scope="row" style="text-align:left;padding:2px 16px 2px 0;font-weight:normal">${e(h.label)}</th><td style="text-align:right;font-weight:bold">${e(h.value)}</td></tr>`,
      ),
      '</table>',
      s.changes.length > 0
        ? `<p style="margin:12px 0 4px">${e(s.changesTitle)}:</p><ul style="margin:0">${s.changes.map((c) => `<li>${e(c)}</li>`).join('')}</ul>`
        : `<p style="margin:12px 0 4px">${e(s.noChanges)}</p>`,
      `<p style="margin:16px 0"><a href="${e(s.url)}" style="background:#1f4e8c;color:#fff;padding:8px 16px;text-decoration:none;border-radius:4px">${e(m.openPage)}</a></p>`,
      `<p style="margin:0;font-size:12px;color:#555">${e(s.url)}</p>`,
    ].join('\n'),
  );
  return [
    '<!doctype html>',
    `<html lang="${locale}"><head><meta charset="utf-8"><title>${e(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;max-width:640px;margin:0 auto;padding:16px">',
    `<p>${e(greeting)}</p>`,
    `<p>${e(intro)}</p>`,
    ...body,
    `<p style="margin-top:24px;font-size:12px;color:#555">${e(note)}</p>`,
    `<p style="font-size:12px;color:#555">${e(m.footer)}</p>`,
    '</body></html>',
    '',
  ].join('\n');
}

/**
 * Writes one recipient's e-mail: a subject naming the (first) team or AE and
 * the as-of date, then per page the quarter-to-date headline figures, the two
 * biggest changes since the previous version and the link to the page of
 * this version. Text and HTML say the same; in HTML every value is escaped.
 *
 * @example
 * const { subject, text, html } = composeMessage({ asOf, previousAsOf, recipient, summaries, locale: 'en', currency: 'USD', siteBaseUrl });
 */
export function composeMessage(input: MessageInput): ComposedMessage {
  const m = messagesFor(input.locale);
  const first = input.summaries[0];
  if (!first) throw new Error(`no page to e-mail to ${input.recipient.email}`);
  const subject = subjectOf(first.page, input.asOf, m);
  const greeting = m.greeting(input.recipient.name);
  const intro = m.intro(input.asOf);
  const note = m.versionNote(input.asOf);
  const sections = input.summaries.map((s) => sectionOf(s, input, m));
  return {
    subject,
    text: textPart(greeting, intro, sections, note, m),
    html: htmlPart(subject, greeting, intro, sections, note, m, input.locale),
    links: sections.map((s) => s.url),
  };
}
