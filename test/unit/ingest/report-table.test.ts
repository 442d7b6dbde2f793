import { describe, expect, it } from 'vitest';
import { dropReport, allLoaded, type FileReport } from '../../../functions/lake/ingest-report.ts';
import { formatReportTable } from '../../../functions/ingest/report-table.ts';

const file = (over: Partial<FileReport>): FileReport => ({
  file: 'crm/User.csv',
  table: 'users',
  status: 'loaded',
  read: 3,
  loaded: 3,
  quarantined: 0,
  rejected: null,
  quarantineKey: null,
  samples: [],
  ...over,
});

describe('ingest report', () => {
  const report = dropReport(
    '2026-11-26',
    [
      file({}),
      file({
        file: 'crm/Task.csv',
        table: 'tasks',
        status: 'quarantined',
        read: 10,
        loaded: 9,
        quarantined: 1,
        quarantineKey: 'quarantine/2026-11-26/crm/Task.csv.jsonl',
        samples: [{ file: 'crm/Task.csv', line: 7, column: 'ActivityDate', reason: "not a date: '2026-13-45'", text: '…' }],
      }),
      file({
        file: 'crm/Users.csv',
        table: null,
        status: 'rejected',
        read: 0,
        loaded: 0,
        rejected: { reason: 'not a file name of the data contract', hint: 'name files as the data contract (README "Your exports") does', line: null },
      }),
    ],
    ['_SUCCESS'],
  );

  it('sums the files', () => {
    expect(report.totals).toEqual({ files: 3, read: 13, loaded: 12, quarantined: 1, rejectedFiles: 1 });
    expect(allLoaded(report)).toBe(false);
    expect(allLoaded(dropReport('d', [file({})], []))).toBe(true);
  });

  it('prints a table with the file, line, column and what to do', () => {
    const text = formatReportTable(report, 'folder .scorecard');

    expect(text).toMatch(/^file +table +read +loaded +quarantined +status$/m);
    expect(text).toMatch(/^crm\/Task\.csv +tasks +10 +9 +1 +quarantined$/m);
    expect(text).toMatch(/^total +13 +12 +1 +1 rejected$/m);
    expect(text).toContain("crm/Task.csv line 7, column ActivityDate: not a date: '2026-13-45'");
    expect(text).toContain('quarantine/2026-11-26/crm/Task.csv.jsonl in folder .scorecard');
    expect(text).toContain('crm/Users.csv: rejected: not a file name of the data contract');
    expect(text).toContain('what to do: name files as the data contract (README "Your exports") does');
  });
});
