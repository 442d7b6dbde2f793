import { MAX_RECORD_CHARS } from './csv-parser.ts';
import { FileRejectedError } from './errors.ts';
import { jsonDepth, LIMITS } from './limits.ts';

/** What the document holds besides its statements (`"more"`, a version) stays under this many characters. */
const MAX_SKELETON_CHARS = 16 * 1024 * 1024;
/** A statement nested too deeply keeps this much of its text, for the quarantine. */
const DEEP_TEXT_CHARS = 4096;

const HINT = 'send the LRS export as it was downloaded, or as JSON lines (lms/statements.jsonl)';

/** One element of the `"statements"` list: its text, the line it starts on, and whether it nests too deeply to parse. */
export interface DocumentElement {
  text: string;
  line: number;
  tooDeep: boolean;
}

/**
 * Splits an LRS document `{"statements": [ … ]}` into its statements as it
 * streams by, so that memory holds one statement at a time, not the
 * document. Everything else of the document (its "skeleton", with each
 * statement replaced by `0`) is kept and parsed at the end: a document
 * that is not valid JSON, or has no `statements` list, is rejected then.
 *
 * @example
 * const split = new StatementSplitter((e) => rows.push(JSON.parse(e.text)));
 * split.push('{"statements": [{"id": "a"},'); split.push(' {"id": "b"}]}');
 * split.end(); // rows: [{ id: 'a' }, { id: 'b' }]
 */
export class StatementSplitter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private line = 1;
  /** the last string seen at depth 1 (a key, when a value follows), up to 64 characters */
  private key = '';
  private keyOpen = false;
  private list: 'before' | 'in' | 'after' = 'before';
  private skeleton: string[] = [];
  private skeletonChars = 0;
  /** the statement being read, if any */
  private element: { parts: string[]; chars: number; line: number; container: boolean; deepest: number } | undefined;

  constructor(private readonly onElement: (element: DocumentElement) => void) {}

  push(text: string): void {
    let segment = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.line++;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92 /* \ */) this.escaped = true;
        else if (c === 34 /* " */) {
          this.inString = false;
          this.keyOpen = false;
        } else if (this.keyOpen && this.key.length < 64) this.key += text[i];
        continue;
      }
      if (c === 32 || c === 9 || c === 10 || c === 13) continue;
      const element = this.element;
      if (this.list === 'in' && this.depth === 2 && element && !element.container && (c === 44 || c === 93)) {
        // a statement that is no object (a number, a string) ends at the next `,` or `]`
        this.finishElement(text, segment, i);
        segment = i;
      }
      if (this.list === 'in' && this.depth === 2 && !this.element && c !== 44 /* , */ && c !== 93 /* ] */) {
        this.addSkeleton(text.slice(segment, i));
        segment = i;
        this.element = { parts: [], chars: 0, line: this.line, container: c === 123 || c === 91, deepest: 0 };
      }
      if (c === 34) {
        this.inString = true;
        if (this.depth === 1) {
          this.key = '';
          this.keyOpen = true;
        }
      } else if (c === 123 /* { */ || c === 91 /* [ */) {
        this.depth++;
        if (this.element && this.depth - 2 > this.element.deepest) this.element.deepest = this.depth - 2;
        if (c === 91 && this.depth === 2 && this.key === 'statements' && this.list === 'before') this.list = 'in';
      } else if (c === 125 /* } */ || c === 93 /* ] */) {
        this.depth--;
        if (this.depth === 1 && this.list === 'in') this.list = 'after';
        if (this.depth === 2 && this.element?.container) {
          this.finishElement(text, segment, i + 1);
          segment = i + 1;
        }
      }
    }
    this.keep(text.slice(segment));
  }

  /** Checks the whole document; throws FileRejectedError when it is not an LRS export. */
  end(): void {
    if (this.inString || this.depth !== 0) {
      throw new FileRejectedError(`not valid JSON: the document ends inside ${this.inString ? 'a string' : 'an object or list'} (line ${this.line})`, HINT, this.line);
    }
    const skeleton = this.skeleton.join('');
    if (jsonDepth(skeleton, LIMITS.maxJsonDepth) > LIMITS.maxJsonDepth) {
      throw new FileRejectedError(`the document is nested more than ${LIMITS.maxJsonDepth} levels deep`, HINT);
    }
    let document: unknown;
    try {
      document = JSON.parse(skeleton);
    } catch (error) {
      throw new FileRejectedError(`not valid JSON: ${(error as Error).message}`, HINT, undefined, { cause: error });
    }
    const statements = (document as { statements?: unknown } | null)?.statements;
    if (typeof document !== 'object' || document === null || !Array.isArray(statements) || this.list === 'before') {
      throw new FileRejectedError('the document has no "statements" list', 'an LRS export looks like {"statements": [ ... ]}', 1);
    }
  }

  /** Text of the current segment: to the statement being read, or to the skeleton. */
  private keep(text: string): void {
    const element = this.element;
    if (!element) {
      this.addSkeleton(text);
      return;
    }
    element.chars += text.length;
    if (element.chars > MAX_RECORD_CHARS) {
      throw new FileRejectedError(
        `the statement starting on line ${element.line} is longer than ${MAX_RECORD_CHARS >> 20} M characters`,
        HINT,
        element.line,
      );
    }
    // a statement too deep to parse is only quarantined: its first few kilobytes are enough to show
    const kept = element.parts.reduce((n, p) => n + p.length, 0);
    if (element.deepest <= LIMITS.maxJsonDepth || kept < DEEP_TEXT_CHARS) element.parts.push(text);
  }

  private finishElement(text: string, segment: number, end: number): void {
    this.keep(text.slice(segment, end));
    const element = this.element!;
    this.element = undefined;
    this.addSkeleton('0');
    const tooDeep = element.deepest > LIMITS.maxJsonDepth;
    const whole = element.parts.join('');
    this.onElement({ text: tooDeep ? whole.slice(0, DEEP_TEXT_CHARS) : whole, line: element.line, tooDeep });
  }

  private addSkeleton(text: string): void {
    this.skeletonChars += text.length;
    if (this.skeletonChars > MAX_SKELETON_CHARS) {
      throw new FileRejectedError(
        `the document holds more than ${MAX_SKELETON_CHARS >> 20} M characters besides its statements`,
        HINT,
      );
    }
    this.skeleton.push(text);
  }
}
