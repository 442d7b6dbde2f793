import { describe, expect, it } from 'vitest';
import { classifyDropFiles } from '../../../functions/ingest/drop-files.ts';

describe('classifyDropFiles', () => {
  it('recognises the contract names, plain or gzip, and ignores hidden files and the marker', () => {
    const out = classifyDropFiles(['crm/User.csv', 'crm/Case.csv.gz', 'hubspot/x/.keep', '.DS_Store', '_SUCCESS']);

    expect(out.files.map((f) => [f.path, f.known.table, f.gzip])).toEqual([
      ['crm/Case.csv.gz', 'cases', true],
      ['crm/User.csv', 'users', false],
    ]);
    expect(out.ignored).toEqual(['.DS_Store', '_SUCCESS', 'hubspot/x/.keep']);
    expect(out.rejected).toEqual([]);
  });

  it.each([
    ['crm/user.csv', /not a file name/],
    ['User.csv', /not a file name/],
    ['crm/User.CSV', /not a file name/],
    ['crm/User.csv.zip', /not a file name/],
    ['surveys/CSAT.csv', /not a file name/],
  ])('rejects %s by name', (path, reason) => {
    const out = classifyDropFiles([path]);

    expect(out.rejected.map((r) => r.path)).toEqual([path]);
    expect(out.rejected[0]?.reason).toMatch(reason);
    expect(out.rejected[0]?.hint).toMatch(/"Your exports"/);
  });

  it('rejects both files of a table sent twice', () => {
    const out = classifyDropFiles(['crm/User.csv', 'crm/User.csv.gz', 'crm/Account.csv']);

    expect(out.rejected.map((r) => r.path)).toEqual(['crm/User.csv', 'crm/User.csv.gz']);
    expect(out.files.map((f) => f.path)).toEqual(['crm/Account.csv']);
  });

  it.each([
    [['lms/statements.jsonl', 'lms/enrollments.csv', 'lms/assessments.csv']],
    [['crm/Opportunity.csv', 'hubspot/deals.csv']],
  ])('rejects every file of two layouts of one family: %j', (paths) => {
    const out = classifyDropFiles(paths);

    expect(out.files).toEqual([]);
    expect(out.rejected.map((r) => r.path).sort()).toEqual([...paths].sort());
    expect(out.rejected.every((r) => /layouts|same table twice/.test(r.reason))).toBe(true);
  });

  it('accepts the two LMS CSV reports together, and xAPI with its identity map', () => {
    expect(classifyDropFiles(['lms/enrollments.csv', 'lms/assessments.csv']).rejected).toEqual([]);
    expect(classifyDropFiles(['lms/statements.jsonl', 'lms/identity-map.csv']).rejected).toEqual([]);
  });
});
