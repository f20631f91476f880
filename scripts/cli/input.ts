import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { BUILTIN_SYSTEM_DOCUMENTS, builtinSystem, formatProblem, parseSystem, type Cohort, type CohortResult, type Problem, type System } from '@/lib/scoring';
import { CohortJsonReader } from '@/lib/interchange/cohort';
import { streamCsvTable } from '@/lib/interchange/csv';
import { decodeStreamed, decodeText } from '@/lib/interchange/decode';
import { JsonError, JsonReader, withMore } from '@/lib/interchange/json';
import { labelProblems } from '@/lib/interchange/labels';
import { MAX_JSON_DEPTH, MAX_JSON_STRING, parseJsonText, sniffFormat } from '@/lib/interchange/source';
import { rowsToCohort, TableCohortReader } from '@/lib/interchange/table';
import { readWorkbook } from '@/lib/interchange/xlsx';
import { CliError } from './io';

export const DEFAULT_SYSTEM = 'julu-2021';

/**
 * Memory one department takes while `score` runs (validated figures and scores), measured by
 * `npm run bench` on 200,000 departments (peak resident memory ÷ departments, rounded up).
 */
export const BYTES_PER_DEPARTMENT = 12_000;

/**
 * Scoring needs the whole cohort in memory (a group's min and max), so `score` stops, with a
 * message, at the number of departments this process's heap holds, instead of running out of memory.
 */
export function maxScoreDepartments(): number {
  return Math.floor((v8.getHeapStatistics().heap_size_limit * 0.85) / BYTES_PER_DEPARTMENT);
}

export function problemsError(problems: Problem[], system?: System): CliError {
  return new CliError(labelProblems(problems, system).map(formatProblem));
}

function readBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new CliError([`无法读取文件 ${file}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`]);
  }
}

/** A system@1 file named on the command line (the only way a path reaches the reader). */
export function readSystemFile(file: string, warn: (line: string) => void): { system: System; document: unknown } {
  const decoded = decodeText(readBytes(file));
  if (!decoded.ok) throw problemsError(decoded.problems.map((p) => ({ ...p, message: `${file}：${p.message}` })));
  const json = parseJsonText(decoded.text);
  if (!json.ok || json.problems.length) throw new CliError(json.problems.map((p) => `${file}：${p.message}`));
  const r = parseSystem(json.value);
  if (!r.ok || !r.system) throw new CliError(r.errors.map((m) => `${file}：${m}`));
  for (const w of r.warnings) warn(`提示：${w}`);
  return { system: r.system, document: json.value };
}

/** `--system`: a built-in id, or the path of a system@1 file. */
export function resolveSystemArg(ref: string, warn: (line: string) => void): System {
  const builtin = builtinSystem(ref);
  if (builtin) return builtin;
  if (!fs.existsSync(ref)) throw new CliError([`没有内置指标体系 ${ref}，也找不到这个文件`]);
  return readSystemFile(ref, warn).system;
}

/**
 * The `system` a cohort file names: only a built-in system. A file never makes the command open a
 * path (`"system": "/dev/zero"`); a system of one's own is given with `--system <file>`.
 */
export function systemNamedInFile(id: unknown): System {
  const builtin = typeof id === 'string' ? builtinSystem(id) : null;
  if (builtin) return builtin;
  const shown = typeof id === 'string' ? `“${id.length > 60 ? `${id.slice(0, 60)}…` : id}”` : ` ${JSON.stringify(id)}`;
  throw new CliError([
    `文件中的 "system" 为${shown}，不是内置指标体系（内置：${Object.keys(BUILTIN_SYSTEM_DOCUMENTS).join('、')}）；自定义体系请用 --system <system@1 文件> 在命令行给出`,
  ]);
}

export interface CohortInput {
  system: System;
  cohort: Cohort;
  warnings: string[];
}

function tooMany(max: number): CliError {
  const heapMb = Math.round(v8.getHeapStatistics().heap_size_limit / 1048576);
  return new CliError([
    `单位数超过 ${max.toLocaleString('en')} 个：计分要把全部单位放在内存中比较，本进程的内存上限（${heapMb} MB）只够这么多，score 在此停止；` +
      '请按分组拆分文件后分别计分（各分组互不影响），或以 NODE_OPTIONS=--max-old-space-size=<MB> 调高上限',
  ]);
}

function open(file: string): () => AsyncIterable<Uint8Array> {
  return () => fs.createReadStream(file, { highWaterMark: 1 << 20 });
}

function roundOfFile(file: string) {
  return { name: path.basename(file, path.extname(file)), year: new Date().getFullYear() };
}

/**
 * A cohort@1 JSON, a CSV or an xlsx in the table form of spec §6, read as `import` reads it (same
 * decoding, same checks, same messages). JSON and CSV are read in chunks and each department is
 * validated as it arrives, so a large file never exists as one string or one tree.
 */
export async function readCohortInput(file: string, systemArg: System | undefined, maxDepartments = maxScoreDepartments()): Promise<CohortInput> {
  const head = Buffer.alloc(8);
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    throw new CliError([`无法读取文件 ${file}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`]);
  }
  let headLength: number;
  try {
    if (!fs.fstatSync(fd).isFile()) throw new CliError([`${file} 不是普通文件`]);
    headLength = fs.readSync(fd, head, 0, 8, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (headLength === 0) throw new CliError([`${file}：文件是空的`]);
  const format = sniffFormat(file, head.subarray(0, headLength));
  if (format === 'xlsx') {
    const system = systemArg ?? builtinSystem(DEFAULT_SYSTEM)!;
    const read = await readWorkbook(readBytes(file));
    if (!read.ok) throw problemsError(read.problems, system);
    if (read.source.rows.length > maxDepartments) throw tooMany(maxDepartments);
    const r = rowsToCohort(read.source, system, roundOfFile(file));
    if (!r.ok) throw problemsError(r.problems, system);
    return { system, cohort: r.cohort, warnings: read.source.warnings ?? [] };
  }
  const decoded = await decodeStreamed(open(file), (chunks) => (format === 'json' ? readJson(chunks, systemArg, maxDepartments) : readCsv(chunks, systemArg ?? builtinSystem(DEFAULT_SYSTEM)!, roundOfFile(file), maxDepartments)));
  if (!decoded.ok) throw problemsError(decoded.problems);
  const { result, warnings } = decoded.value;
  const system = decoded.value.system ?? systemArg ?? builtinSystem(DEFAULT_SYSTEM)!;
  if (!result.ok) throw problemsError(result.problems, system);
  return { system, cohort: result.cohort, warnings: [...(decoded.warning ? [decoded.warning] : []), ...warnings] };
}

interface Read {
  system: System | undefined;
  result: CohortResult;
  warnings: string[];
}

async function readJson(chunks: AsyncIterable<string>, systemArg: System | undefined, maxDepartments: number): Promise<Read> {
  let system = systemArg;
  let reader: CohortJsonReader | null = null;
  // Departments met before the file said which system it uses (keys in an unusual order).
  const early: [unknown, number][] = [];
  const json: JsonReader = new JsonReader({
    maxDepth: MAX_JSON_DEPTH,
    maxString: MAX_JSON_STRING,
    stream: {
      key: 'departments',
      fn: (value, index) => {
        if (index >= maxDepartments) throw tooMany(maxDepartments);
        if (!reader && !system) {
          const top = json.partial as Record<string, unknown>;
          if (top.system !== undefined) system = systemNamedInFile(top.system);
        }
        if (system && !reader) {
          reader = new CohortJsonReader(system);
          for (const [v, i] of early.splice(0)) reader.department(v, i);
        }
        if (reader) reader.department(value, index);
        else early.push([value, index]);
      },
    },
  });
  let root: unknown;
  try {
    for await (const chunk of chunks) json.push(chunk);
    root = json.finish();
  } catch (e) {
    if (e instanceof JsonError) return { system, result: { ok: false, problems: [...json.problems, { message: `JSON 格式错误，${e.message}` }] }, warnings: [] };
    throw e;
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return { system, result: { ok: false, problems: [{ message: '文件内容应为 JSON 对象' }] }, warnings: [] };
  const { departments: _streamed, ...top } = root as Record<string, unknown>;
  system ??= top.system !== undefined ? systemNamedInFile(top.system) : builtinSystem(DEFAULT_SYSTEM)!;
  reader ??= new CohortJsonReader(system);
  for (const [v, i] of early) reader.department(v, i);
  reader.header(top);
  const result = reader.result();
  // Duplicate keys are reported with everything else, as import reports them (lib/interchange/source).
  const duplicates = withMore(json);
  if (duplicates.length) return { system, result: { ok: false, problems: [...labelProblems(duplicates, system), ...(result.ok ? [] : result.problems)] }, warnings: [] };
  return { system, result, warnings: [] };
}

async function readCsv(chunks: AsyncIterable<string>, system: System, round: { name: string; year: number }, maxDepartments: number): Promise<Read> {
  let reader: TableCohortReader | null = null;
  let rows = 0;
  const r = await streamCsvTable(
    chunks,
    (layout) => {
      reader = new TableCohortReader({ columns: layout.columns, keyRow: layout.keyRow, problems: layout.problems }, system);
    },
    (row) => {
      if (++rows > maxDepartments) throw tooMany(maxDepartments);
      reader!.add(row.row, row.cells, row.short);
    },
  );
  if (!r.ok) return { system, result: r, warnings: [] };
  return { system, result: reader!.result(round), warnings: r.layout.warnings };
}
