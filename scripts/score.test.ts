import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_SYSTEM_DOCUMENTS, builtinSystem, parseCohort, scoreCohort, scoresToJson, type Cohort } from '@/lib/scoring';
import { toCsv } from '@/lib/interchange/csv';
import { departmentToRow, tableColumns } from '@/lib/interchange/table';
import { cohortDoc } from '@/tests/scoring/helpers';
import { THREE } from '@/tests/scoring/sensitivity-arb';
import { mixedCohort } from '@/db/__tests__/fixtures';
import { runMain, slowSink } from '@/tests/cli/run';
import { main } from './cli/score';

const FIXTURE = 'lib/demo/xiaolvzhai-2021.json';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'score-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// In-process, as `npm run score -- …args` runs it (the spawned command has its own smoke test).
async function score(...args: string[]) {
  const r = await runMain(main, args);
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}

const system = builtinSystem('julu-2021')!;
const fixture = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
const cohort = (parseCohort(fixture, system) as { ok: true; cohort: Cohort }).cohort;
const keys = tableColumns(system).map((c) => c.key);
function writeCsv(name: string, rows: Record<string, string>[]): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, toCsv(keys, rows.map((r) => keys.map((k) => r[k] ?? ''))));
  return file;
}

describe('npm run score', () => {
  it('prints the Scores JSON of the seed township with its self-score of 96', async () => {
    const r = await score('--input', FIXTURE, '--policy', 'thresholds');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.system).toBe('julu-2021');
    expect(json.policy).toBe('thresholds');
    const d = json.departments[0];
    expect(d).toMatchObject({ code: 'xiaolvzhai', total: '96.00', rank: 1, self_total: '96.00', self_total_diff: '0.00' });
    expect(d.indicators.budget_adjustment).toMatchObject({ score: '0.00', status: 'zero', value: '0.152382' });
    expect(Object.values(d.level1)).toEqual(['10.00', '42.00', '25.00', '19.00']);
  });

  it('--explain adds each structured explanation with its text, in Chinese or with --lang en in English', async () => {
    const zh = JSON.parse((await score('--input', FIXTURE, '--policy', 'thresholds', '--explain')).stdout).departments[0].indicators.budget_adjustment.explanation;
    expect(zh).toMatchObject({ rule: 'banded', band: 'zero', value: { kind: 'value', percent: '15.24' } });
    expect(zh.text.formula).toBe('15.24% ≥ 10.00%（零分线），得 0 分 = 0.00');
    const r = await score('--input', FIXTURE, '--policy', 'thresholds', '--explain', '--lang', 'en');
    expect(r.status).toBe(0);
    const en = JSON.parse(r.stdout).departments[0].indicators.budget_adjustment.explanation;
    expect(en.text.formula).toBe('15.24% ≥ 10.00% (zero line): 0 points = 0.00');
    expect(en.text.target).toBe('Full marks at 预算调整率 ≤ 0.00% (预算调整数 ≤ 0 万元)');
  });

  it('prints a readable ranking with --format table', async () => {
    const r = await score('--input', FIXTURE, '--format', 'table');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/小吕寨镇人民政府\s+96\.00/);
  });

  it('scores a CSV in the table form exactly like the JSON cohort', async () => {
    const csv = writeCsv('one.csv', [departmentToRow(cohort.departments[0]!)]);
    const fromCsv = await score('--input', csv);
    const fromJson = await score('--input', FIXTURE);
    expect(fromCsv.status).toBe(0);
    expect(JSON.parse(fromCsv.stdout)).toEqual(JSON.parse(fromJson.stdout));
  });

  it('rejects bad input with exit 2, every problem on stderr and nothing on stdout', async () => {
    const good = departmentToRow(cohort.departments[0]!);
    const csv = writeCsv('bad.csv', [good, { ...good, code: 'bad', budget: '18.8841.4', 'fund_compliance.3': '也许' }]);
    const r = await score('--input', csv);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    // The cell and the Chinese header the clerk sees, then the department; the key last.
    expect(lines.join('\n')).toMatch(/^[A-Z]+3 预算数（万元） · 单位 bad：.*18\.8841\.4.*\[budget\]$/m);
    expect(lines.join('\n')).toMatch(/^[A-Z]+3 资金使用合规性·要点3（是\/否） · 单位 bad：.*\[fund_compliance\.3\]$/m);
  });

  it('names the department and field of each problem in a JSON cohort', async () => {
    const bad = structuredClone(fixture);
    bad.departments[0].inputs.staff_authorized = 0;
    bad.departments[0].grades.satisfaction = 'great';
    const file = path.join(tmp, 'bad.json');
    fs.writeFileSync(file, JSON.stringify(bad));
    const r = await score('--input', file);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/单位 xiaolvzhai · 编制数（人）：.*\[inputs\.staff_authorized\]/);
    expect(r.stderr).toMatch(/单位 xiaolvzhai · 服务对象满意度（等级）：.*\[grades\.satisfaction\]/);
  });

  it('scores under a custom system file with other weights and thresholds', async () => {
    const doc = structuredClone(BUILTIN_SYSTEM_DOCUMENTS['julu-2021'] as any);
    // 在职人员控制率 with a stricter zero line: 55/56 = 98.21% now lies inside the band.
    const input = doc.indicators.find((n: { code: string }) => n.code === 'input');
    const alloc = input.children.find((n: { code: string }) => n.code === 'budget_allocation');
    const staff = alloc.children.find((n: { code: string }) => n.code === 'staff_control');
    staff.rule.full = '0.9';
    staff.rule.zero = '1';
    doc.id = 'county-x';
    const file = path.join(tmp, 'system.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const r = await score('--input', FIXTURE, '--system', file, '--policy', 'thresholds');
    expect(r.status).toBe(0);
    const d = JSON.parse(r.stdout).departments[0];
    // (100% − 98.2142857%) / (100% − 90%) × 1 = 0.178… → 0.18
    expect(d.indicators.staff_control).toMatchObject({ score: '0.18', status: 'interpolated' });
    expect(d.total).toBe('95.18');
  });

  it('rejects an invalid system file naming the node', async () => {
    const doc = structuredClone(BUILTIN_SYSTEM_DOCUMENTS['julu-2021'] as any);
    doc.indicators[0].weight = 11;
    const file = path.join(tmp, 'bad-system.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const r = await score('--input', FIXTURE, '--system', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/节点 input/);
  });

  it('adds rank_range and the three-policy table, reversals and setters with --sensitivity', async () => {
    // 预算调整率 of three copies of the seed: a 1.91% (min), b 3.81%, c 5.72% (max), so a scores 3, b 1.50,
    // c 0; a's 经济效益 is 2 (the seed's 4). Totals: b 97.50, a 97, c 96. Without c the max is b's own
    // value: b scores 0 and falls to 96, behind a. So b's range is 1–2, and so is a's.
    const file = path.join(tmp, 'three.json');
    fs.writeFileSync(file, JSON.stringify(cohortDoc(system, THREE)));
    const r = await score('--input', file, '--sensitivity');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.departments.map((d: { code: string; rank: number; rank_range: number[] }) => [d.code, d.rank, d.rank_range])).toEqual([
      ['b', 1, [1, 2]],
      ['a', 2, [1, 2]],
      ['c', 3, [3, 3]],
    ]);
    expect(Object.keys(json.departments[0]).slice(0, 7)).toEqual(['code', 'name', 'group', 'total', 'grade', 'rank', 'rank_range']);
    expect(json.sensitivity.policies).toEqual(['cohort-in-band', 'cohort-all', 'thresholds']);
    expect(json.sensitivity.departments[0]).toMatchObject({ code: 'b', rank_range: [1, 2], 'cohort-in-band': { total: '97.50', rank: 1 }, thresholds: { total: '97.86', rank: 1 } });
    expect(json.sensitivity.stability['乡镇'].reversals).toEqual([{ removed: 'c', a: 'b', b: 'a', before: 'above', after: 'below' }]);
    expect(json.sensitivity.setters['乡镇'].budget_adjustment).toMatchObject({ min: [{ code: 'a' }], max: [{ code: 'c' }] });
  });

  it('rejects unknown options and policies with exit 2', async () => {
    expect((await score('--input', FIXTURE, '--policy', 'median')).status).toBe(2);
    expect((await score('--input', FIXTURE, '--bogus')).status).toBe(2);
    expect((await score('--input', path.join(tmp, 'missing.json'))).status).toBe(2);
  });
});

describe('a truthful score command (issue 10 §1, §6)', () => {
  const big = path.join(tmp, 'big.json');
  const doc = mixedCohort(60);
  fs.writeFileSync(big, JSON.stringify(doc));

  it('writes all of a large Scores JSON to a slow reader, never more than one piece ahead of it', async () => {
    const sink = slowSink({ delayMs: 1, highWaterMark: 1024 });
    const code = await main(['--input', big, '--explain'], { stdout: sink.stream, stderr: slowSink().stream, env: {} as NodeJS.ProcessEnv });
    await new Promise<void>((r) => sink.stream.end(r));
    expect(code).toBe(0);
    const text = sink.text();
    expect(text.length).toBeGreaterThan(800_000);
    // Byte for byte what one JSON.stringify of the whole result gives.
    const parsed = parseCohort(doc, system);
    if (!parsed.ok) throw new Error('fixture');
    const whole = scoresToJson(scoreCohort(system, parsed.cohort.departments), { explain: true, text: { system, locale: 'zh-CN' } });
    expect(text).toBe(`${JSON.stringify(whole, null, 2)}\n`);
    // Written department by department at the reader's pace: the buffer never held the whole output.
    expect(sink.maxBuffered()).toBeLessThan(200_000);
  });

  it('prints the ranking table the same way, to the last line', async () => {
    const r = await runMain(main, ['--input', big, '--format', 'table'], { slow: true });
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1 + 2 * 4 + 61 + 2 * Number(r.stdout.includes('并列')));
  });

  it('refuses a cohort above its bound with one line that says what to do, before scoring anything', async () => {
    const r = await runMain(main, ['--input', big], { env: { SCORECARD_MAX_DEPARTMENTS: '50' } });
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(/^单位数超过 50 个：计分要把全部单位放在内存中比较，本进程的内存上限（\d+ MB）只够这么多，score 在此停止；请按分组拆分文件后分别计分（各分组互不影响），或以 NODE_OPTIONS=--max-old-space-size=<MB> 调高上限\n$/);
  });

  it('stops quietly when the reader goes away (`| head`)', async () => {
    const sink = slowSink({ highWaterMark: 1024 });
    sink.stream.on('data', () => {});
    const running = main(['--input', big, '--explain'], { stdout: sink.stream, stderr: slowSink().stream, env: {} as NodeJS.ProcessEnv });
    setTimeout(() => sink.stream.destroy(), 5);
    expect(await running).toBe(0);
  });
});
