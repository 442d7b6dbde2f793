import { bytesFromText } from './byte-text.ts';
import type { ReadOptions } from './csv-file.ts';
import { MAX_RECORD_CHARS } from './csv-parser.ts';
import { readText } from './decode.ts';
import { FileRejectedError } from './errors.ts';
import { StatementSplitter } from './json-document.ts';
import { jsonDepth, LIMITS } from './limits.ts';
import { statementRow } from './formats/xapi.ts';
import type { QuarantineFile } from './quarantine.ts';
import type { RowSink } from './row-sink.ts';

const TOO_DEEP = `nested more than ${LIMITS.maxJsonDepth} levels deep: not an xAPI statement`;

function addStatement(value: unknown, line: number, text: () => string, sink: RowSink, quarantine: QuarantineFile): void {
  let result: ReturnType<typeof statementRow>;
  try {
    result = statementRow(value);
  } catch (error) {
    // a value too large or too deep to describe (stack or string limits): the statement is still only one bad line
    if (!(error instanceof RangeError)) throw error;
    quarantine.add(line, '', `the statement cannot be read: ${error.message}`, text());
    return;
  }
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
  let rest: string[] = [];
  let restChars = 0;
  let line = 1;
  let read = 0;
  const handle = (raw: string): void => {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() !== '') {
      read++;
      if (jsonDepth(text, LIMITS.maxJsonDepth) > LIMITS.maxJsonDepth) {
        quarantine.add(line, '', TOO_DEEP, text);
        line++;
        return;
      }
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
    const text = chunk.text;
    let start = 0;
    // only the new chunk is searched: a long line costs its length once, not once a chunk
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const piece = text.slice(start, nl);
      handle(rest.length > 0 ? rest.join('') + piece : piece);
      rest = [];
      restChars = 0;
      start = nl + 1;
    }
    if (start < text.length) {
      rest.push(text.slice(start));
      restChars += text.length - start;
    }
    if (restChars > MAX_RECORD_CHARS) {
      throw new FileRejectedError(
        `line ${line} is longer than ${MAX_RECORD_CHARS >> 20} M characters`,
        'write one statement a line',
        line,
      );
    }
  }
  if (rest.length > 0) handle(rest.join(''));
  return read;
}

/**
 * Reads an LRS export `{"statements": [...]}` (`lms/statements.json`) as it
 * streams (see json-document.ts): memory holds one statement, not the
 * document. A document that is not valid JSON or holds no `statements`
 * list is rejected; a bad statement in it is quarantined with the line it
 * starts on.
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
  let read = 0;
  const splitter = new StatementSplitter((element) => {
    read++;
    if (element.tooDeep) {
      quarantine.add(element.line, '', TOO_DEEP, element.text);
      return;
    }
    let statement: unknown;
    try {
      statement = JSON.parse(element.text);
    } catch (error) {
      throw new FileRejectedError(
        `not valid JSON: the statement starting on line ${element.line}: ${(error as Error).message}`,
        'send the LRS export as it was downloaded, or as JSON lines',
        element.line,
        { cause: error },
      );
    }
    addStatement(statement, element.line, () => element.text, sink, quarantine);
  });
  for await (const chunk of readText(path, options)) splitter.push(chunk.text);
  splitter.end();
  return read;
}
