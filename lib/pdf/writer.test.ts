import { describe, expect, it } from 'vitest';
import { pdfFonts, pdfText, squeeze } from '@/tests/pdf/extract';
import { renderChartSvg } from '@/app/ui/chart/render-svg';
import { uncovered } from './fonts';
import { textWidth, wrapText } from './text';
import { PdfWriter } from './writer';

const MIXED = '预算调整率 ≥ 10% 得 0 分；排名 ▲3 ▼2 —；在职人员控制率 ≤ 100.00%（在职人员数 ≤ 56人）①';

describe('the bundled font draws every character of the reports', () => {
  it('has a glyph for Chinese, Latin and the symbols the reports use', () => {
    expect(uncovered(`${MIXED}小吕寨镇人民政府 优良中差 新增 ABCxyz 0123456789 ×÷±·…“”`)).toEqual([]);
    expect(uncovered(`${MIXED}优良中差`, 700)).toEqual([]);
  });

  it('names what it cannot draw', () => {
    expect(uncovered('泰文 กข')).toEqual(['ก', 'ข']);
  });
});

describe('line breaking', () => {
  it('keeps every line within the width, breaks between hanzi and never inside a short Latin word', () => {
    const text = `${MIXED} This sentence has ordinary English words that must stay whole.`;
    const lines = wrapText(text, 160, 10, 400);
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(textWidth(l, 10, 400)).toBeLessThanOrEqual(160 + 1e-6);
    expect(lines.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
    const words = new Set(lines.flatMap((l) => l.split(/\s+/)));
    for (const w of ['sentence', 'ordinary', 'English', 'whole.']) expect(words).toContain(w);
  });

  it('does not start a line with a closing mark', () => {
    const lines = wrapText('一二三四五六七八九十，一二三四五六七八九十。', textWidth('一二三四五六七八九十', 10, 400), 10, 400);
    for (const l of lines) expect(l).not.toMatch(/^[，。]/);
  });
});

describe('a document', () => {
  it('holds its text as selectable Chinese, drawn only with embedded subsets of Noto Sans SC', async () => {
    const w = new PdfWriter({ layout: 'portrait', info: { title: '测试' }, footer: (p, n) => `第 ${p} 页，共 ${n} 页` });
    w.paragraph('巨鹿县财政局 部门整体支出绩效评价评分表', { size: 16, weight: 700, align: 'center' });
    w.paragraph(MIXED);
    const bytes = await w.finish();
    const [page] = await pdfText(bytes);
    expect(squeeze(page!)).toContain(squeeze('巨鹿县财政局 部门整体支出绩效评价评分表'));
    expect(squeeze(page!)).toContain(squeeze(MIXED));
    expect(page).toContain('第 1 页，共 1 页');
    const fonts = pdfFonts(bytes);
    expect(fonts.allEmbedded).toBe(true);
    for (const name of fonts.names) expect(name).toMatch(/^[A-Z]{6}\+NotoSansSC/);
  });

  it('repeats the table header on every page, and a merged cell’s text at the top of a page', async () => {
    const w = new PdfWriter({ layout: 'portrait', info: { title: '表' } });
    const rows = Array.from({ length: 80 }, (_, i) => ({ cells: [{ text: '投入（10分）', continued: i > 0 }, `第${i + 1}行`, String(i + 1)] }));
    w.table({ columns: [{ header: '一级指标', width: 1 }, { header: '三级指标', width: 2 }, { header: '得分', width: 1, align: 'right' }], rows });
    const pages = await pdfText(await w.finish());
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) {
      expect(p.trimStart().startsWith('一级指标 三级指标 得分')).toBe(true);
      expect(p.match(/投入（10分）/g)).toHaveLength(1);
    }
    expect(pages.join('')).toContain('第80行');
  });

  it('draws a chart as vector graphics whose labels are text', async () => {
    const w = new PdfWriter({ layout: 'landscape', info: { title: '图' } });
    const svg = renderChartSvg({ xAxis: { type: 'value' }, yAxis: { type: 'category', data: ['示例·官亭镇', '小吕寨镇 ≥'] }, series: [{ type: 'bar', data: [80, 96] }] }, 600, 200);
    w.svg(svg, 600, 200);
    const bytes = await w.finish();
    const [page] = await pdfText(bytes);
    expect(page).toContain('示例·官亭镇');
    expect(page).toContain('小吕寨镇 ≥');
    expect(Buffer.from(bytes).toString('latin1')).not.toMatch(/\/Subtype\s*\/Image/);
  });
});
