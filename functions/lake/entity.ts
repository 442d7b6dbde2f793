/* The entities of the KPI tables: no imports, so the site's pages can use it too. */

/** The levels of the KPI tables' `level` column, smallest first. */
export type Level = 'ae' | 'team' | 'org';

/**
 * The one key of an entity in maps keyed by entity.
 *
 * @example
 * entityKey('team', '005Hs0000000002AAA'); // 'team:005Hs0000000002AAA'
 */
export const entityKey = (level: Level, id: string): string => `${level}:${id}`;
