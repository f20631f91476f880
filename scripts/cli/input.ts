import fs from 'node:fs';
import path from 'node:path';
import { builtinSystem, formatProblem, parseCohort, parseSystem, type Cohort, type Problem, type System } from '@/lib/scoring';
import { parseCsvTable } from '@/lib/interchange/csv';
import { rowsToCohort } from '@/lib/interchange/table';

/** A failure the user can fix: each line goes to stderr and the command exits with status 2. */
export class CliError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

export function problemsError(problems: Problem[]): CliError {
  return new CliError(problems.map(formatProblem));
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError([`无法读取文件 ${file}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`]);
  }
}

/** A built-in system id, or the path of a system@1 file. */
export function resolveSystem(ref: string): System {
  const builtin = builtinSystem(ref);
  if (builtin) return builtin;
  if (!fs.existsSync(ref)) throw new CliError([`没有内置指标体系 ${ref}，也找不到这个文件`]);
  let doc: unknown;
  try {
    doc = JSON.parse(readText(ref));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError([`${ref}：不是有效的 JSON（${(e as Error).message}）`]);
  }
  const r = parseSystem(doc);
  if (!r.ok || !r.system) throw new CliError(r.errors.map((m) => `${ref}：${m}`));
  for (const w of r.warnings) process.stderr.write(`提示：${w}\n`);
  return r.system;
}

export interface CohortFile {
  /** The system the file names, when it names one (CSV files don't). */
  systemId?: string;
  parse(system: System): Cohort;
}

/** A cohort@1 JSON file, or a CSV in the table form of spec §6 (UTF-8, BOM optional). */
export function readCohortFile(file: string): CohortFile {
  const text = readText(file);
  const isJson = path.extname(file).toLowerCase() === '.json' || text.trimStart().startsWith('{');
  if (isJson) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw new CliError([`${file}：不是有效的 JSON（${(e as Error).message}）`]);
    }
    const systemId = (doc as { system?: unknown } | null)?.system;
    return {
      systemId: typeof systemId === 'string' ? systemId : undefined,
      parse(system) {
        const r = parseCohort(doc, system);
        if (!r.ok) throw problemsError(r.problems);
        return r.cohort;
      },
    };
  }
  const table = parseCsvTable(text);
  if (!table.ok) throw problemsError(table.problems);
  return {
    parse(system) {
      const round = { name: path.basename(file, path.extname(file)), year: new Date().getFullYear() };
      const r = rowsToCohort(table.source, system, round);
      if (!r.ok) throw problemsError(r.problems);
      return r.cohort;
    },
  };
}
