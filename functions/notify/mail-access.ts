import type { StageContext } from '../context.ts';
import { readAccessList } from '../access/access-store.ts';
import { decide, viewerByEmail, type AccessList } from '../access/rule.ts';
import type { Recipient, Skipped } from './recipients.ts';

/**
 * Keeps of each e-mail only the pages its recipient may open under the
 * access rule (an extra recipient given the org page who is not in
 * `access.orgViewers`, say); a recipient left with none is skipped.
 *
 * @example
 * const { recipients, skipped } = onlyPagesTheyMayOpen(planned.recipients, list);
 */
export function onlyPagesTheyMayOpen(recipients: Recipient[], list: AccessList): { recipients: Recipient[]; skipped: Skipped[] } {
  const kept: Recipient[] = [];
  const skipped: Skipped[] = [];
  for (const recipient of recipients) {
    const viewer = viewerByEmail(recipient.email, list);
    const pages = recipient.pages.filter((page) => decide(viewer, page.path, list) === 'allow');
    for (const page of recipient.pages) {
      if (!pages.includes(page)) {
        skipped.push({ who: `${page.level} ${page.name || page.entityId} for <${recipient.email}>`, reason: 'the access rule does not let this recipient open that page (see access.orgViewers)' });
      }
    }
    if (pages.length > 0) kept.push({ ...recipient, pages });
  }
  return { recipients: kept, skipped };
}

/**
 * The planned e-mails of version `asOf` checked against its access list.
 * A version published before access lists existed has none: its e-mails
 * are left as planned, with a warning.
 */
export async function applyMailAccess(
  ctx: Pick<StageContext, 'store' | 'log'>,
  asOf: string,
  planned: { recipients: Recipient[]; skipped: Skipped[] },
): Promise<{ recipients: Recipient[]; skipped: Skipped[] }> {
  const list = await readAccessList(ctx.store, { kind: 'version', asOf });
  if (!list) {
    ctx.log.warn(`version ${asOf} has no access list (published before access control): e-mails link the pages as planned; publish it again`);
    return planned;
  }
  const checked = onlyPagesTheyMayOpen(planned.recipients, list);
  return { recipients: checked.recipients, skipped: [...planned.skipped, ...checked.skipped] };
}
