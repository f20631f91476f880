import fs from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { builtinSystem } from '@/lib/scoring';
import { syntheticCohort } from '@/lib/synthetic/cohort';

/**
 * A cohort@1 file of `n` synthetic departments, written 10,000 at a time so the bench itself stays
 * small. Codes are unique across the pieces.
 */
export function writeLargeCohort(file: string, n: number): number {
  const system = builtinSystem('julu-2021')!;
  const fd = fs.openSync(file, 'w');
  try {
    const head = syntheticCohort(system, 0, { seed: 1 });
    const { departments: _none, ...top } = head;
    fs.writeSync(fd, `${JSON.stringify(top).slice(0, -1)},"departments":[`);
    const piece = 10_000;
    for (let start = 0; start < n; start += piece) {
      const part = syntheticCohort(system, Math.min(piece, n - start), { seed: 1000 + start, codePrefix: `p${start / piece}-` });
      const text = part.departments.map((d) => JSON.stringify(d)).join(',');
      fs.writeSync(fd, `${start ? ',' : ''}${text}`);
    }
    fs.writeSync(fd, ']}\n');
  } finally {
    fs.closeSync(fd);
  }
  return fs.statSync(file).size;
}

export interface ProcessFigures {
  wallMs: number;
  /** Peak resident memory of the command's process, in bytes (getrusage, via a preloaded probe). */
  maxRss: number;
  stdoutBytes: number;
  status: number;
  stderr: string;
}

/**
 * Runs `npm run <script>` as one Node process (tsx as a loader, not its wrapper process) with its
 * stdout a pipe that is read and counted, and reports the wall time and the peak memory it used.
 */
export function runMeasured(script: string, args: string[]): Promise<ProcessFigures> {
  const probe = path.join(__dirname, 'rss-probe.cjs');
  const out = path.join(fs.mkdtempSync(path.join(fs.realpathSync(require('node:os').tmpdir()), 'rss-')), 'rss');
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, ['--require', probe, '--import', 'tsx', path.join('scripts', `${script}.ts`), ...args], {
      env: { ...process.env, RSS_PROBE_OUT: out },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdoutBytes = 0;
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdoutBytes += c.length));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      const wallMs = performance.now() - t;
      const maxRss = fs.existsSync(out) ? Number(fs.readFileSync(out, 'utf8')) : NaN;
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
      resolve({ wallMs, maxRss, stdoutBytes, status: status ?? 1, stderr });
    });
  });
}

/** `npm run bench` section: the whole `score` command on a large cohort, its time and its peak memory. */
export async function run() {
  const { benchSection } = await import('./report');
  const { BYTES_PER_DEPARTMENT, maxScoreDepartments } = await import('../cli/input');
  const n = Number(process.env.BENCH_LARGE ?? 200_000);
  benchSection(`\`npm run score\` on ${n.toLocaleString('en')} departments: file read in chunks, Scores JSON streamed to a pipe, one process`);
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'bench-large-'));
  try {
    const file = path.join(dir, 'cohort.json');
    const bytes = writeLargeCohort(file, n);
    const r = await runMeasured('score', ['--input', file]);
    const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
    console.log(`${'input file / output on the pipe'.padEnd(78)} ${mb(bytes)} / ${mb(r.stdoutBytes)}`);
    console.log(`${'wall time'.padEnd(78)} ${(r.wallMs / 1000).toFixed(1)} s  (${Math.round((n / r.wallMs) * 1000).toLocaleString('en')} /s)`);
    console.log(`${'peak resident memory (getrusage maxrss)'.padEnd(78)} ${mb(r.maxRss)}  (${(r.maxRss / n / 1000).toFixed(1)} kB per department; the bound assumes ${BYTES_PER_DEPARTMENT / 1000} kB)`);
    console.log(`${'bound: departments this machine’s default heap holds before score refuses'.padEnd(78)} ${maxScoreDepartments().toLocaleString('en')}`);
    if (r.status !== 0) console.log(`exit status ${r.status}: ${r.stderr.slice(0, 500)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
