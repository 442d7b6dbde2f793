/** One row that was not loaded, as written to `quarantine/<drop>/<file>.jsonl`. */
export interface QuarantineRecord {
  /** path inside the drop, e.g. `crm/Task.csv` */
  file: string;
  /** physical line the record starts on (the header is line 1) */
  line: number;
  /** the header (or JSON field) at fault; empty when the whole record is */
  column: string;
  reason: string;
  /**
   * the record as it is in the file (cut at 1 MB), for the first
   * `LIMITS.quarantineTextRows` records of a file, then empty; in the
   * report's samples, cut at `LIMITS.sampleChars` without control characters
   */
  text: string;
}

export type FileStatus = 'loaded' | 'quarantined' | 'rejected';

/** What ingest did with one file of the drop. */
export interface FileReport {
  /** path inside the drop, e.g. `crm/Case.csv.gz` */
  file: string;
  /** canonical table its rows went to; null when the name is not recognised */
  table: string | null;
  /** `loaded`: every record; `quarantined`: some records set aside; `rejected`: nothing loaded */
  status: FileStatus;
  /** records read (not counting the header or blank lines) */
  read: number;
  /** records written to the raw zone (before de-duplication by key) */
  loaded: number;
  quarantined: number;
  /** why the whole file was rejected, and what to do */
  rejected: { reason: string; hint: string; line: number | null } | null;
  /** `quarantine/<drop>/<file>.jsonl` when rows were quarantined */
  quarantineKey: string | null;
  /** the first quarantined records, for the report and the data-quality page */
  samples: QuarantineRecord[];
}

/** `reports/ingest/<drop>.json`: what one ingest loaded, quarantined and rejected. */
export interface IngestReport {
  drop: string;
  files: FileReport[];
  /** landing files skipped on purpose: hidden files and the `_SUCCESS` marker */
  ignored: string[];
  totals: { files: number; read: number; loaded: number; quarantined: number; rejectedFiles: number };
}

/** How many quarantined records a file report shows; all of them are in the quarantine file. */
export const SAMPLE_COUNT = 20;

export function reportKey(dropId: string): string {
  return `reports/ingest/${dropId}.json`;
}

export function quarantineKey(dropId: string, file: string): string {
  return `quarantine/${dropId}/${file}.jsonl`;
}

/**
 * Sums the file reports into a drop report.
 *
 * @example
 * const report = dropReport('2026-11-26', files, []); // report.totals.loaded === Σ files[].loaded
 */
export function dropReport(drop: string, files: FileReport[], ignored: string[]): IngestReport {
  const sum = (pick: (f: FileReport) => number) => files.reduce((n, f) => n + pick(f), 0);
  return {
    drop,
    files,
    ignored,
    totals: {
      files: files.length,
      read: sum((f) => f.read),
      loaded: sum((f) => f.loaded),
      quarantined: sum((f) => f.quarantined),
      rejectedFiles: files.filter((f) => f.status === 'rejected').length,
    },
  };
}

/** True when every file loaded completely (the CLI's exit code 0). */
export function allLoaded(report: IngestReport): boolean {
  return report.files.every((f) => f.status === 'loaded');
}
