import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { departmentToRow } from '@/lib/interchange/table';
import { buildTemplate } from '@/lib/interchange/xlsx';
import { builtinSystem, parseCohort, type System } from '@/lib/scoring';
import { syntheticCohort } from '@/lib/synthetic/cohort';
import { openDb, type Db } from '@/db/client';
import { importFile } from '@/db/import-file';

export interface ImportBench {
  label: string;
  /** Best wall time over the runs: reading the file, validating, writing, rescoring the round, the snapshot. */
  wallMs: number;
  cpuMs: number;
  departments: number;
  targetMs?: number;
}

/**
 * Ingestion figures for `npm run bench`: `n` synthetic departments imported from xlsx and from
 * JSON into a fresh on-disk PGlite, best of `runs`. "New round" is the first import of a round
 * (every submission version 1); "same round" re-imports over it (every department gets a new version).
 */
export async function benchImports(n = 1000, runs = 3): Promise<ImportBench[]> {
  const system = builtinSystem('julu-2021') as System;
  const cohort = syntheticCohort(system, n, { seed: 42, round: { name: '基准测试轮次', year: 2021 } });
  const parsed = parseCohort(cohort, system);
  if (!parsed.ok) throw new Error('synthetic cohort is invalid');
  const xlsx = await buildTemplate(system, { slug: 'bench', name: '基准测试轮次', year: 2021 }, parsed.cohort.departments.map((d) => departmentToRow(d)));
  const json = Buffer.from(JSON.stringify(cohort));

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-bench-'));
  const handle = await openDb({ dataDir: path.join(dir, 'pglite') });
  try {
    const out: ImportBench[] = [];
    const measure = async (label: string, fileName: string, buffer: Buffer, slug: (run: number) => string, targetMs?: number) => {
      let top: { wallMs: number; cpuMs: number } | null = null;
      for (let run = 0; run < runs; run++) {
        const t = await timeImport(handle.db, fileName, buffer, slug(run));
        if (!top || t.wallMs < top.wallMs) top = t;
      }
      out.push({ label, ...top!, departments: n, ...(targetMs ? { targetMs } : {}) });
    };
    await measure(`import ${n} departments from xlsx into a new round`, 'bench.xlsx', xlsx, (r) => `bench-xlsx-${r}`, 5000);
    await measure(`import ${n} departments from JSON into a new round`, 'bench.json', json, (r) => `bench-json-${r}`);
    await measure(`import ${n} departments from xlsx into the same round (new versions)`, 'bench.xlsx', xlsx, () => 'bench-xlsx-0', 5000);
    await measure(`import ${n} departments from JSON into the same round (new versions)`, 'bench.json', json, () => 'bench-json-0');
    return out;
  } finally {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function timeImport(db: Db, fileName: string, buffer: Buffer, roundSlug: string): Promise<{ wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const r = await importFile({ roundSlug, system: 'julu-2021', year: 2021, fileName, buffer, actor: 'bench' }, db);
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  if (!r.ok) throw new Error(`bench import refused: ${r.problems[0]?.message}`);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}
