import { performance } from 'node:perf_hooks';

export interface Timing {
  wallMs: number;
  cpuMs: number;
}

/** Best wall time of `runs` runs (the least disturbed by other work), with its CPU time. */
export function best(runs: number, fn: () => unknown): Timing {
  let top: Timing | null = null;
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    fn();
    const wallMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    if (!top || wallMs < top.wallMs) top = { wallMs, cpuMs };
  }
  return top!;
}

export async function bestAsync(runs: number, fn: () => Promise<unknown>): Promise<Timing> {
  let top: Timing | null = null;
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    await fn();
    const wallMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    if (!top || wallMs < top.wallMs) top = { wallMs, cpuMs };
  }
  return top!;
}

export function benchSection(title: string) {
  console.log(`\n== ${title}`);
}

/** One line: label, wall ms, in-process CPU ms, items per second, and the target when there is one. */
export function report(label: string, t: Timing, items?: number, targetMs?: number) {
  const rate = items ? `  ${Math.round((items / t.wallMs) * 1000).toLocaleString('en')} /s` : '';
  const target = targetMs ? `  target ≤ ${targetMs} ms: ${t.wallMs <= targetMs ? 'met' : 'MISSED'}` : '';
  const cpu = Number.isNaN(t.cpuMs) ? '' : ` (cpu ${t.cpuMs.toFixed(0)} ms)`;
  console.log(`${label.padEnd(78)} ${t.wallMs.toFixed(0).padStart(7)} ms${cpu}${rate}${target}`);
}
