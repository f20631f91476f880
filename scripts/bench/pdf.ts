import { performance } from 'node:perf_hooks';
import os from 'node:os';
import JSZip from 'jszip';
import { translator } from '@/app/i18n';
import { bulletin, scorecardReports, type ReportSources } from '@/app/lib/reports/assemble';
import { bulletinPdf } from '@/app/lib/reports/bulletin-pdf';
import { scorecardPdf } from '@/app/lib/reports/scorecard-pdf';
import { standingsOf } from '@/app/lib/views/standing';
import { openDb } from '@/db/client';
import { seedDemo } from '@/db/demo';
import { selectEarlierCodes } from '@/db/links';
import { getRoundScores } from '@/db/queries';
import { selectPreviousRound, selectTrend } from '@/db/report-data';
import { benchSection, bestAsync, report } from './report';

const SLUG = '2021';
const RUNS = Number(process.env.BENCH_PDF_RUNS ?? 3);

/**
 * The PDF reports of the demo round (21 units, two groups), in process on an in-memory PGlite:
 * the same assembly (assemble.ts) and drawing as the download routes, database reads included.
 * Targets (issue 12): one 评分表 ≤ 1 s, the round's full set ≤ 15 s, one 评分表 file ≤ 1 MB.
 */
export async function run() {
  benchSection(`PDF reports of the ${SLUG} demo round (in process, database reads included)`);
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' / ');
  console.log(`load average (1 / 5 / 15 min) at start: ${load()}`);
  const handle = await openDb({});
  try {
    await seedDemo(handle.db);
    const db = handle.db;
    const rs = (await getRoundScores(SLUG, {}, db))!;
    const previous = await selectPreviousRound(db, rs.round);
    const prs = previous ? await getRoundScores(previous.slug, {}, db) : null;
    const src: ReportSources = {
      bureau: '巨鹿县财政局',
      publishedAt: null,
      comparison: previous && prs ? { info: { slug: previous.slug, name: previous.name, year: previous.year, published: previous.published }, standings: standingsOf(prs.scores), earlierOf: new Map() } : null,
      earlierOf: await selectEarlierCodes(db),
      trendOf: (codes) => selectTrend(db, codes),
      locale: 'zh-CN',
    };
    const t = translator('zh-CN');
    const codes = rs.scores.departments.map((d) => d.code);
    const one = async () => scorecardPdf(await scorecardReports(rs, ['xiaolvzhai'], src), t, 'zh-CN');

    // The first document of a process also reads and unwraps the font pieces.
    let t0 = performance.now();
    const first = await one();
    report('one 评分表 (小吕寨镇), the first in the process (fonts read and unwrapped)', { wallMs: performance.now() - t0, cpuMs: NaN }, undefined, 1000);
    report(`one 评分表 (小吕寨镇), best of ${RUNS + 2}`, await bestAsync(RUNS + 2, one), undefined, 1000);

    const sizes: number[] = [];
    let combined = 0;
    let bulletinBytes = 0;
    let zipBytes = 0;
    const full = await bestAsync(RUNS, async () => {
      const reports = await scorecardReports(rs, codes, src);
      bulletinBytes = (await bulletinPdf(bulletin(rs, src), t, 'zh-CN')).length;
      combined = (await scorecardPdf(reports, t, 'zh-CN')).length;
      const zip = new JSZip();
      sizes.length = 0;
      for (const r of reports) {
        const bytes = await scorecardPdf([r], t, 'zh-CN');
        sizes.push(bytes.length);
        zip.file(`${r.department.code}.pdf`, bytes);
      }
      zipBytes = (await zip.generateAsync({ type: 'uint8array', compression: 'STORE' })).length;
    });
    report(`full set: 通报 + all ${codes.length} 评分表 in one PDF + a zip of ${codes.length}, best of ${RUNS}`, full, undefined, 15000);
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
    const largest = Math.max(...sizes);
    console.log(`${'one 评分表 file: smallest / largest'.padEnd(78)} ${kb(Math.min(...sizes))} / ${kb(largest)}  target ≤ 1 MB: ${largest <= 1024 * 1024 ? 'met' : 'MISSED'}`);
    console.log(`${'first 评分表 file (小吕寨镇)'.padEnd(78)} ${kb(first.length)}`);
    console.log(`${`all ${codes.length} 评分表 in one PDF / the zip / the 通报`.padEnd(78)} ${kb(combined)} / ${kb(zipBytes)} / ${kb(bulletinBytes)}`);
  } finally {
    await handle.close();
  }
  console.log(`load average (1 / 5 / 15 min) at end: ${load()}`);
}
