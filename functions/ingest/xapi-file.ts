import { bytesFromText } from './byte-text.ts';
import type { ReadOptions } from './csv-file.ts';
import { MAX_RECORD_CHARS } from './csv-parser.ts';
import { readText } from './decode.ts';
import { FileRejectedError } from './errors.ts';
import { statementRow } from './formats/xapi.ts';
import type { QuarantineFile } from './quarantine.ts';
import type { RowSink } from './row-sink.ts';

/** An LRS document is parsed whole: above this size, ask for JSON lines instead. */
const MAX_DOCUMENT_CHARS = 256 * 1024 * 1024;

function addStatement(value: unknown, line: number, text: () => string, sink: RowSink, quarantine: QuarantineFile): void {
  const result = statementRow(value);
  if ('problem' in result) quarantine.add(line, result.problem.column, result.problem.reason, text());
  else sink.write(line, result.values.map(bytesFromText), false);
}

/**
 * Reads `lms/statements.jsonl`: one xAPI statement a line, blank lines
 * skipped; a line that is not a JSON object, or a statement the contract
 * does not accept, is quarantined.
 *
 * @example
 * const read = await readXapiLines('/lake/landing/d/lms/statements.jsonl', opts, sink, quarantine);
 */
export async function readXapiLines(
  path: string,
  options: ReadOptions,
  sink: RowSink,
  quarantine: QuarantineFile,
): Promise<number> {
  let rest = '';
  let line = 1;
  let read = 0;
  const handle = (raw: string): void => {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() !== '') {
      read++;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        quarantine.add(line, '', `not valid JSON: ${(error as Error).message}`, text);
        line++;
        return;
      }
      addStatement(value, line, () => text, sink, quarantine);
    }
    line++;
  };
  for await (const chunk of readText(path, options)) {
    const text = rest + chunk.text;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      handle(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
    if (rest.length > MAX_RECORD_CHARS) {
      throw new FileRejectedError(
        `line ${line} is longer than ${MAX_RECORD_CHARS >> 20} M characters`,
        'write one statement a line',
        line,
      );
    }
  }
  if (rest !== '') handle(rest);
  return read;
}

/**
 * Reads an LRS export `{"statements": [...]}` (`lms/statements.json`). A
 * document that is not valid JSON or holds no `statements` list is rejected;
 * a bad statement in it is quarantined with the line it starts on.
 *
 * @example
 * const read = await readXapiDocument('/lake/landing/d/lms/statements.json', opts, sink, quarantine);
 */
export async function readXapiDocument(
  path: string,
  options: ReadOptions,
  sink: RowSink,
  quarantine: QuarantineFile,
): Promise<number> {
  let text = '';
  for await (const chunk of readText(path, options)) {
    text += chunk.text;
    if (text.length > MAX_DOCUMENT_CHARS) {
      throw new FileRejectedError(
        `the LRS document is larger than ${MAX_DOCUMENT_CHARS >> 20} M characters`,
        'export the statements as JSON lines (lms/statements.jsonl) instead',
      );
    }
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new FileRejectedError(
      `not valid JSON: ${(error as Error).message}`,
      'send the LRS export as it was downloaded, or as JSON lines',
      undefined,
      { cause: error },
    );
  }
  const statements = (document as { statements?: unknown } | null)?.statements;
  if (typeof document !== 'object' || document === null || !Array.isArray(statements)) {
    throw new FileRejectedError(
      'the document has no "statements" list',
      'an LRS export looks like {"statements": [ ... ]}',
      1,
    );
  }
  const lines = statementLines(text);
  statements.forEach((statement, i) => {
    addStatement(statement, lines[i] ?? 1, () => JSON.stringify(statement), sink, quarantine);
  });
  return statements.length;
}

/** The line each element of the top-level `"statements"` list starts on. */
export function statementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let stringStart = 0;
  let lastKey = '';
  let listDepth = -1;
  let listDone = false;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34) {
        inString = false;
        if (depth === 1) lastKey = text.slice(stringStart, i);
      }
      continue;
    }
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (expectValue && depth === listDepth && c !== 93 /* ] */) {
      lines.push(line);
      expectValue = false;
    }
    if (c === 34) {
      inString = true;
      stringStart = i + 1;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (c === 91 && depth === 2 && lastKey === 'statements' && !listDone) {
        listDepth = 2;
        expectValue = true;
      }
    } else if (c === 125 || c === 93) {
      if (depth === listDepth) {
        listDepth = -1;
        listDone = true;
      }
      depth--;
    } else if (c === 44 /* , */ && depth === listDepth) {
      expectValue = true;
    }
  }
  return lines;
}
