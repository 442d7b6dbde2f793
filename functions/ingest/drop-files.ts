import { KNOWN_FILES, knownFile, type KnownFile } from './formats/registry.ts';

/** A landed file the contract recognises. */
export interface DropFile {
  /** path inside the drop, e.g. `crm/Case.csv.gz` */
  path: string;
  known: KnownFile;
  gzip: boolean;
}

/** A landed file rejected on its name alone. */
export interface RejectedName {
  path: string;
  table: string | null;
  reason: string;
  hint: string;
}

export interface DropFiles {
  files: DropFile[];
  rejected: RejectedName[];
  ignored: string[];
}

export const SUCCESS_MARKER = '_SUCCESS';

/** Hidden files (`.DS_Store`, anything under a folder starting with `.`) and the completion marker. */
function isIgnored(path: string): boolean {
  return path === SUCCESS_MARKER || path.split('/').some((part) => part.startsWith('.'));
}

const FOLDERS = [...new Set(KNOWN_FILES.map((f) => f.name.split('/')[0]))].join('/, ');

/**
 * Sorts the paths of a landed drop into files to read, files rejected by
 * name (unrecognised; a table twice; two layouts of one family) and files
 * ignored on purpose.
 *
 * @example
 * classifyDropFiles(['crm/User.csv', 'crm/Users.csv', '_SUCCESS']);
 * // files: [crm/User.csv], rejected: [crm/Users.csv: not a file name of the contract], ignored: ['_SUCCESS']
 */
export function classifyDropFiles(paths: readonly string[]): DropFiles {
  const out: DropFiles = { files: [], rejected: [], ignored: [] };
  const candidates: DropFile[] = [];
  for (const path of [...paths].sort()) {
    if (isIgnored(path)) {
      out.ignored.push(path);
      continue;
    }
    const known = knownFile(path);
    if (!known) {
      out.rejected.push({
        path,
        table: null,
        reason: 'not a file name of the data contract',
        hint: `name files as the README's "Your exports" table does (case-sensitive), in ${FOLDERS}/, optionally ending in .gz`,
      });
      continue;
    }
    candidates.push({ path, known, gzip: path.endsWith('.gz') });
  }
  const byTable = new Map<string, DropFile[]>();
  const layouts = new Map<string, Set<string>>();
  for (const file of candidates) {
    byTable.set(file.known.table, [...(byTable.get(file.known.table) ?? []), file]);
    const family = file.known.layout.split('/')[0] ?? '';
    layouts.set(family, (layouts.get(family) ?? new Set()).add(file.known.layout));
  }
  for (const file of candidates) {
    const twins = byTable.get(file.known.table) ?? [];
    const family = file.known.layout.split('/')[0] ?? '';
    const familyLayouts = [...(layouts.get(family) ?? [])];
    if (twins.length > 1) {
      out.rejected.push({
        path: file.path,
        table: file.known.table,
        reason: `the drop holds ${twins.map((t) => t.path).join(' and ')}: the same table twice`,
        hint: 'send one file per table',
      });
    } else if (familyLayouts.length > 1) {
      const others = candidates.filter((c) => c.known.layout !== file.known.layout && c.known.layout.startsWith(`${family}/`));
      out.rejected.push({
        path: file.path,
        table: file.known.table,
        reason: `the drop mixes two ${family} layouts (${file.path} and ${others.map((o) => o.path).join(', ')})`,
        hint: `send one ${family} layout per drop: ${familyLayouts.join(' or ')}`,
      });
    } else {
      out.files.push(file);
    }
  }
  return out;
}
