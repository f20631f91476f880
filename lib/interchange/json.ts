import type { Problem } from '@/lib/scoring';

/**
 * A strict JSON reader for untrusted files (cohort@1, system@1). Unlike JSON.parse it
 * - reports a duplicate key as a problem instead of silently keeping the last value;
 * - refuses nesting deeper than `maxDepth` before building anything that deep, and strings longer
 *   than `maxString`, so no later walk can overflow the stack or quote a megabyte back;
 * - keeps `__proto__` as an ordinary key (JSON.parse does too; an assignment would not);
 * - names the line and column of every problem;
 * - reads text pushed in chunks, and can hand each element of one top-level array to a callback
 *   instead of keeping it, so a file of 200,000 departments never exists as one string or tree.
 * Numbers become JS numbers exactly as JSON.parse makes them.
 */

export interface JsonOptions {
  maxDepth?: number;
  maxString?: number;
  /** Elements of the array under this top-level key go to `fn` one by one and are not kept. */
  stream?: { key: string; fn: (value: unknown, index: number) => void };
}

export const DEFAULT_MAX_DEPTH = 64;
export const DEFAULT_MAX_STRING = 100_000;

/** A syntax or limit error: the file cannot be read further. */
export class JsonError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`第 ${line} 行第 ${column} 列：${reason}`);
  }
}

type Frame =
  | { kind: 'object'; value: Record<string, unknown>; key: string | null; keys: Set<string>; path: string }
  | { kind: 'array'; value: unknown[]; index: number; path: string; streamed: boolean };

const enum S {
  Value,
  ObjectFirst,
  ObjectKey,
  Colon,
  ObjectNext,
  ArrayFirst,
  ArrayNext,
  End,
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const NUMBER_CHAR = /[0-9.eE+-]/;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const MAX_DUPLICATES = 200;

function pathOf(parent: Frame | undefined, step: string | number): string {
  if (!parent) return typeof step === 'number' ? `[${step}]` : step;
  return typeof step === 'number' ? `${parent.path}[${step}]` : parent.path ? `${parent.path}.${step}` : step;
}

function setKey(obj: Record<string, unknown>, key: string, value: unknown) {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

export class JsonReader {
  private buf = '';
  private pos = 0;
  /** Characters consumed before `buf` started, and where the current line starts, for positions. */
  private base = 0;
  private line = 1;
  private lineStart = 0;
  private state: S = S.Value;
  private stack: Frame[] = [];
  private root: unknown = undefined;
  private readonly maxDepth: number;
  private readonly maxString: number;
  readonly problems: Problem[] = [];
  private duplicates = 0;

  constructor(private readonly opts: JsonOptions = {}) {
    this.maxDepth = opts.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.maxString = opts.maxString ?? DEFAULT_MAX_STRING;
  }

  /** The top-level object or array as read so far (a streamed file's keys before its departments). */
  get partial(): unknown {
    return this.stack[0]?.value;
  }

  /** Duplicate keys beyond those listed. */
  get moreDuplicates(): number {
    return Math.max(0, this.duplicates - MAX_DUPLICATES);
  }

  push(text: string): void {
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + text : text;
    this.base += this.pos;
    this.pos = 0;
    this.run(false);
  }

  /** The whole document; throws a JsonError if it is incomplete. */
  finish(): unknown {
    this.run(true);
    if (this.state !== S.End) this.fail(this.stack.length ? '文件在 JSON 结构结束前就结束了（文件不完整？）' : '文件是空的');
    return this.root;
  }

  private fail(reason: string, at = this.pos): never {
    const offset = this.base + at;
    throw new JsonError(reason, this.line, offset - this.lineStart + 1);
  }

  /** Skips whitespace; returns false when the buffer ran out. */
  private skip(): boolean {
    const b = this.buf;
    let p = this.pos;
    while (p < b.length) {
      const c = b.charCodeAt(p);
      if (c === 0x20 || c === 0x09 || c === 0x0d) p++;
      else if (c === 0x0a) {
        p++;
        this.line++;
        this.lineStart = this.base + p;
      } else break;
    }
    this.pos = p;
    return p < b.length;
  }

  private run(final: boolean): void {
    while (true) {
      if (!this.skip()) return;
      const c = this.buf[this.pos]!;
      switch (this.state) {
        case S.End:
          return this.fail(`JSON 结束后还有多余的内容“${c}”`);
        case S.Value:
        case S.ArrayFirst:
          if (this.state === S.ArrayFirst && c === ']') {
            this.pos++;
            this.close();
            break;
          }
          if (!this.value(final)) return;
          break;
        case S.ObjectFirst:
        case S.ObjectKey: {
          if (this.state === S.ObjectFirst && c === '}') {
            this.pos++;
            this.close();
            break;
          }
          if (c !== '"') this.fail(`此处应为用双引号括起的键名，实为“${c}”`);
          const start = this.pos;
          const key = this.string(final);
          if (key === null) return;
          const frame = this.stack[this.stack.length - 1] as Extract<Frame, { kind: 'object' }>;
          if (frame.keys.has(key)) {
            this.duplicates++;
            if (this.duplicates <= MAX_DUPLICATES) {
              const where = frame.path ? `（位于 ${frame.path}）` : '';
              const offset = this.base + start;
              this.problems.push({ message: `第 ${this.line} 行第 ${offset - this.lineStart + 1} 列：键“${key}”重复出现${where}；每个键只能出现一次` });
            }
          }
          frame.keys.add(key);
          frame.key = key;
          this.state = S.Colon;
          break;
        }
        case S.Colon:
          if (c !== ':') this.fail(`键名后应为冒号，实为“${c}”`);
          this.pos++;
          this.state = S.Value;
          break;
        case S.ObjectNext:
          if (c === ',') {
            this.pos++;
            this.state = S.ObjectKey;
          } else if (c === '}') {
            this.pos++;
            this.close();
          } else this.fail(`此处应为逗号或 }，实为“${c}”`);
          break;
        case S.ArrayNext:
          if (c === ',') {
            this.pos++;
            this.state = S.Value;
          } else if (c === ']') {
            this.pos++;
            this.close();
          } else this.fail(`此处应为逗号或 ]，实为“${c}”`);
          break;
      }
    }
  }

  /** Reads one value starting at pos; false when more text is needed. */
  private value(final: boolean): boolean {
    const c = this.buf[this.pos]!;
    if (c === '{' || c === '[') {
      if (this.stack.length >= this.maxDepth) this.fail(`嵌套超过 ${this.maxDepth} 层，拒绝读取`);
      const parent = this.stack[this.stack.length - 1];
      const path = this.childPath(parent);
      this.pos++;
      if (c === '{') {
        this.stack.push({ kind: 'object', value: {}, key: null, keys: new Set(), path });
        this.state = S.ObjectFirst;
      } else {
        const streamed = this.opts.stream !== undefined && this.stack.length === 1 && parent?.kind === 'object' && parent.key === this.opts.stream.key;
        this.stack.push({ kind: 'array', value: [], index: 0, path, streamed });
        this.state = S.ArrayFirst;
      }
      return true;
    }
    let v: unknown;
    if (c === '"') {
      const s = this.string(final);
      if (s === null) return false;
      v = s;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      let end = this.pos;
      while (end < this.buf.length && NUMBER_CHAR.test(this.buf[end]!)) end++;
      // A number may continue in the next chunk.
      if (end >= this.buf.length && !final) return false;
      NUMBER.lastIndex = this.pos;
      const m = NUMBER.exec(this.buf);
      if (!m || m[0].length !== end - this.pos) this.fail(`无效的数字“${this.buf.slice(this.pos, Math.min(end, this.pos + 40))}”`);
      v = Number(m[0]);
      this.pos = end;
    } else {
      const words: [string, unknown][] = [
        ['true', true],
        ['false', false],
        ['null', null],
      ];
      const hit = words.find(([w]) => w[0] === c);
      if (!hit) this.fail(`此处应为值，实为“${c}”`);
      const [word, value] = hit;
      const have = this.buf.slice(this.pos, this.pos + word.length);
      if (have.length < word.length && !final && word.startsWith(have)) return false;
      if (have !== word) this.fail(`无效的值“${have}”`);
      v = value;
      this.pos += word.length;
    }
    this.add(v);
    return true;
  }

  private childPath(parent: Frame | undefined): string {
    if (!parent) return '';
    return parent.kind === 'object' ? pathOf(parent, parent.key!) : pathOf(parent, parent.index);
  }

  /** Puts a finished value into its parent, or makes it the root. */
  private add(v: unknown): void {
    const parent = this.stack[this.stack.length - 1];
    if (!parent) {
      this.root = v;
      this.state = S.End;
      return;
    }
    if (parent.kind === 'object') {
      setKey(parent.value, parent.key!, v);
      this.state = S.ObjectNext;
    } else {
      if (parent.streamed) this.opts.stream!.fn(v, parent.index);
      else parent.value.push(v);
      parent.index++;
      this.state = S.ArrayNext;
    }
  }

  private close(): void {
    const frame = this.stack.pop()!;
    this.add(frame.value);
  }

  /** Reads a string at pos (which holds the opening quote); null when more text is needed. */
  private string(final: boolean): string | null {
    const b = this.buf;
    const start = this.pos + 1;
    let p = start;
    let out = '';
    let chunkStart = start;
    while (true) {
      if (p - start > this.maxString) this.fail(`字符串超过 ${this.maxString.toLocaleString('en')} 个字符，拒绝读取`, start - 1);
      if (p >= b.length) {
        if (final) this.fail('字符串没有结束的引号（文件不完整？）', start - 1);
        return null;
      }
      const c = b.charCodeAt(p);
      if (c === 0x22) {
        out += b.slice(chunkStart, p);
        this.pos = p + 1;
        return out;
      }
      if (c < 0x20) this.fail('字符串中有未转义的控制字符（如换行），JSON 不允许', p);
      if (c === 0x5c) {
        out += b.slice(chunkStart, p);
        const e = b[p + 1];
        if (e === undefined) {
          if (final) this.fail('字符串没有结束的引号（文件不完整？）', start - 1);
          return null;
        }
        if (e === 'u') {
          const hex = b.slice(p + 2, p + 6);
          if (hex.length < 4 && !final) return null;
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail(`无效的转义 \\u${hex}`, p);
          out += String.fromCharCode(parseInt(hex, 16));
          p += 6;
        } else {
          const r = ESCAPES[e];
          if (r === undefined) this.fail(`无效的转义 \\${e}`, p);
          out += r;
          p += 2;
        }
        chunkStart = p;
        continue;
      }
      p++;
    }
  }
}

/**
 * A document that could be read (`problems` then lists its duplicate keys, to be reported with
 * everything else), or the syntax error that stopped the reading.
 */
export type JsonResult = { ok: true; value: unknown; problems: Problem[] } | { ok: false; problems: Problem[] };

/** Parses a whole document; a syntax error is one problem, duplicate keys one each. */
export function parseJson(text: string, opts: JsonOptions = {}): JsonResult {
  const reader = new JsonReader(opts);
  try {
    reader.push(text);
    const value = reader.finish();
    return { ok: true, value, problems: withMore(reader) };
  } catch (e) {
    if (e instanceof JsonError) return { ok: false, problems: [...reader.problems, { message: `JSON 格式错误，${e.message}` }] };
    throw e;
  }
}

export function withMore(reader: JsonReader): Problem[] {
  const more = reader.moreDuplicates;
  return more ? [...reader.problems, { message: `另有 ${more} 个重复的键未列出` }] : reader.problems;
}
