import type { EmailConfig } from '../config.ts';
import { aePath, orgPath, teamPath } from '../report/routes.ts';
import type { Entity, Level } from './version-data.ts';

/** A page of the version that an e-mail links to. */
export interface Page {
  level: Level;
  entityId: string;
  /** the team's or AE's name as exported (untrusted: escape it in HTML) */
  name: string;
  /** site path, e.g. `v/2026-11-26/team/005…/` */
  path: string;
}

/** One e-mail: an address and the pages it links to (a VP can get the org page and a team page). */
export interface Recipient {
  email: string;
  name: string | undefined;
  pages: Page[];
}

/** Someone who would have been e-mailed, and why they are not. */
export interface Skipped {
  who: string;
  reason: string;
}

// deliberately loose: one @, no spaces and none of the characters that would split an address list
const ADDRESS = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+$/;

const LEVEL_ORDER: Record<Level, number> = { org: 0, team: 1, ae: 2 };

/** Collapses runs of whitespace (and line breaks, which must never reach a header) in exported names. */
export function cleanName(name: string | null | undefined): string | undefined {
  const text = name?.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
}

/**
 * Who gets which page of version `asOf`: every active team manager their
 * team's page, every active AE their own page when `aeEmails` is on, and
 * the configured extra recipients the org page; minus the excluded
 * addresses. Addresses are compared ignoring case, so each person gets one
 * e-mail.
 *
 * @example
 * const { recipients } = planRecipients(entities, config.email, '2026-11-26');
 * recipients[0] // { email: 'lucas.martin@…', name: 'Lucas Martin', pages: [{ level: 'team', … }] }
 */
export function planRecipients(
  entities: Entity[],
  email: EmailConfig,
  asOf: string,
): { recipients: Recipient[]; skipped: Skipped[] } {
  const wanted: { email: string | null; name: string | undefined; page: Page }[] = [];
  for (const entity of entities) {
    if (!entity.isActive) continue; // people who left get no mail, and inactive AEs get no page
    const name = cleanName(entity.name) ?? entity.entityId;
    if (entity.level === 'team') {
      wanted.push({ email: entity.email, name, page: { level: 'team', entityId: entity.entityId, name, path: teamPath(asOf, entity.entityId) } });
    } else if (entity.level === 'ae' && email.aeEmails) {
      wanted.push({ email: entity.email, name, page: { level: 'ae', entityId: entity.entityId, name, path: aePath(asOf, entity.entityId) } });
    }
  }
  for (const extra of email.extraRecipients) {
    wanted.push({ email: extra.email, name: cleanName(extra.name), page: { level: 'org', entityId: 'org', name: '', path: orgPath(asOf) } });
  }

  const excluded = new Set(email.exclude.map((address) => address.trim().toLowerCase()));
  const byAddress = new Map<string, Recipient>();
  const skipped: Skipped[] = [];
  for (const { email: address, name, page } of wanted) {
    const who = `${page.level} ${page.name || page.entityId}`;
    const clean = address?.trim();
    if (!clean) {
      skipped.push({ who, reason: 'no e-mail address in the CRM export' });
      continue;
    }
    if (!ADDRESS.test(clean)) {
      skipped.push({ who, reason: `not an e-mail address: ${JSON.stringify(clean)}` });
      continue;
    }
    const key = clean.toLowerCase();
    if (excluded.has(key)) {
      skipped.push({ who: `${who} <${clean}>`, reason: 'excluded by email.exclude' });
      continue;
    }
    const recipient = byAddress.get(key) ?? { email: clean, name, pages: [] };
    recipient.name ??= name;
    if (!recipient.pages.some((p) => p.path === page.path)) recipient.pages.push(page);
    byAddress.set(key, recipient);
  }
  const recipients = [...byAddress.values()].sort((a, b) => (a.email.toLowerCase() < b.email.toLowerCase() ? -1 : 1));
  for (const recipient of recipients) {
    recipient.pages.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.name.localeCompare(b.name));
  }
  return { recipients, skipped };
}
