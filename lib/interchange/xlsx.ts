import ExcelJS from 'exceljs';
import { D, indexSystem, type Problem, type System } from '@/lib/scoring';
import { MAX_ROWS, MAX_UPLOAD_BYTES, ProblemList, tooLargeMessage, tooManyRowsMessage, type Refused } from './limits';
import { columnLabel, tableColumns, type Cell, type TableColumn, type TableSource } from './table';
import { checkZip } from './zip-guard';

/** The sheet a department fills in; its second row holds the machine keys of spec §6. */
export const FILL_SHEET = '填报';
export const HELP_SHEET = '说明';
const MAX_COLUMNS = 500;
/** Rows above the data: Chinese headers, the key row, and a few spare ones a clerk may add. */
const HEADER_ROWS = 5;
/** Template rows below the known departments that still carry drop-downs and number checks. */
const SPARE_ROWS = 200;

type Validation = ExcelJS.DataValidation;
interface WithValidations {
  dataValidations: { add(address: string, validation: Validation): void };
}

const KIND_FILL: Record<TableColumn['kind'], string> = {
  identity: 'FFDDEBF7',
  input: 'FFFFF2CC',
  checklist: 'FFE2EFDA',
  grade: 'FFFCE4D6',
  judgement: 'FFEDE7F6',
  self: 'FFF2F2F2',
};

function weightOf(system: System, leafCode: string | undefined): string {
  if (!leafCode) return system.total.toFixed();
  return indexSystem(system).byCode.get(leafCode)?.leaf.weight.toFixed() ?? '0';
}

/** What a cell of this column accepts, as an Excel data validation. */
function validationFor(c: TableColumn, system: System): Validation | null {
  const common = { allowBlank: true, showErrorMessage: true, errorStyle: 'stop', errorTitle: '输入有误' };
  if (c.kind === 'checklist') return { ...common, type: 'list', formulae: ['"是,否"'], error: '请选择 是 或 否' };
  if (c.kind === 'grade') {
    const rule = c.leaf ? indexSystem(system).byCode.get(c.leaf)?.leaf.rule : undefined;
    const labels = rule?.kind === 'grade' ? rule.grades.map((g) => g.label) : [];
    return { ...common, type: 'list', formulae: [`"${labels.join(',')}"`], error: `请选择 ${labels.join('/')}` };
  }
  if (c.kind === 'input') {
    const info = system.fields[c.key];
    if (info?.integer) {
      const min = info.positive ? 1 : 0;
      return { ...common, type: 'whole', operator: 'greaterThanOrEqual', formulae: [min], error: `请填写不小于 ${min} 的整数` };
    }
    return { ...common, type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0], error: '请填写不小于 0 的数' };
  }
  if (c.kind === 'judgement' || c.kind === 'self') {
    const max = Number(weightOf(system, c.leaf));
    return { ...common, type: 'decimal', operator: 'between', formulae: [0, max], error: `请填写 0 到 ${max} 之间的分数` };
  }
  return null;
}

/** One line on what to put in a column, for the 说明 sheet. */
function columnHelp(c: TableColumn, system: System): { rule: string; description: string } {
  const idx = indexSystem(system);
  const leaf = c.leaf ? idx.byCode.get(c.leaf)?.leaf : undefined;
  switch (c.kind) {
    case 'identity':
      return {
        rule: c.key === 'group' ? '文字；同组单位相互比较，留空即不分组' : '必填文字',
        description:
          c.key === 'code' ? '单位代码，各年度保持不变，用于跨年对比（如 xiaolvzhai）' : c.key === 'name' ? '单位全称' : '分组（如 乡镇、县直部门）',
      };
    case 'input': {
      const info = system.fields[c.key];
      const unit = info?.unit ? `，单位：${info.unit}` : '';
      const rule = info?.integer ? `整数${info.positive ? '，须大于 0' : '，≥ 0'}${unit}` : `数值 ≥ 0${unit}`;
      return { rule, description: info?.description ?? '' };
    }
    case 'checklist': {
      const item = leaf?.rule.kind === 'checklist' && c.item ? leaf.rule.items[c.item - 1] : undefined;
      return { rule: '是 / 否', description: `${leaf?.name ?? ''}评价要点 ${c.item}：${item ?? ''}` };
    }
    case 'grade': {
      const labels = leaf?.rule.kind === 'grade' ? leaf.rule.grades.map((g) => `${g.label} ${g.score.toFixed()} 分`).join('；') : '';
      return { rule: `等级：${labels}`, description: leaf?.description ?? '' };
    }
    case 'judgement': {
      const points = leaf?.rule.kind === 'judgement' ? leaf.rule.points.map((p, i) => `${i + 1}. ${p}`).join('\n') : '';
      return {
        rule: `评价人评分 0–${leaf?.weight.toFixed()} 分，最多 2 位小数`,
        description: [leaf?.description, points ? `评价要点：\n${points}` : ''].filter(Boolean).join('\n'),
      };
    }
    case 'self':
      return {
        rule: `选填：自评分 0–${weightOf(system, c.leaf)} 分`,
        description: leaf ? `${leaf.name}的自评得分，与计算得分对比` : '自评总分，与计算总分对比',
      };
  }
}

export interface TemplateRound {
  slug: string;
  name: string;
  year: number;
}

/**
 * The xlsx template of a round: sheet 填报 (Chinese headers in row 1, machine keys in row 2, one
 * row per department given) and sheet 说明 (what each column means, from the system's definitions).
 * `rows` are keyed by table column key: `{code, name, group}` to prefill identities, or a whole
 * `departmentToRow(d)` to hand back a department's current figures.
 */
export async function buildTemplate(system: System, round: TemplateRound, rows: Record<string, string>[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dept-scorecard';
  wb.title = `${round.name} 填报模板`;
  addFillSheets(wb, system, round, rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A number cell only when Excel gives the same value back (it keeps 15 significant digits);
 * longer figures are written as text, which the import reads exactly.
 */
function exactCell(v: string): number | string {
  const n = Number(v);
  return Number.isFinite(n) && new D(n.toPrecision(15)).eq(new D(v)) ? n : v;
}

/** Sheets 填报 and 说明 of the template (see buildTemplate), added to `wb`. */
function addFillSheets(wb: ExcelJS.Workbook, system: System, round: TemplateRound, rows: Record<string, string>[]): void {
  const columns = tableColumns(system);
  const ws = wb.addWorksheet(FILL_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });

  ws.columns = columns.map((c) => ({ key: c.key, width: c.kind === 'identity' ? 16 : Math.min(28, Math.max(12, c.header.length * 1.6)) }));
  const header = ws.getRow(1);
  const keys = ws.getRow(2);
  columns.forEach((c, i) => {
    const h = header.getCell(i + 1);
    h.value = c.header;
    h.font = { bold: true };
    h.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    h.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: KIND_FILL[c.kind] } };
    const description = columnHelp(c, system).description;
    if (description) h.note = description;
    const k = keys.getCell(i + 1);
    k.value = c.key;
    k.font = { color: { argb: 'FF808080' }, size: 9 };
    k.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  header.height = 48;

  rows.forEach((r, i) => {
    const row = ws.getRow(3 + i);
    columns.forEach((c, j) => {
      const v = r[c.key];
      if (v !== undefined && v !== '') row.getCell(j + 1).value = c.kind === 'input' || c.kind === 'judgement' || c.kind === 'self' ? exactCell(v) : v;
    });
  });

  const last = 2 + rows.length + SPARE_ROWS;
  columns.forEach((c, i) => {
    const v = validationFor(c, system);
    const col = columnLabel(i);
    if (v) (ws as unknown as WithValidations).dataValidations.add(`${col}3:${col}${last}`, v);
  });

  const help = wb.addWorksheet(HELP_SHEET);
  help.columns = [
    { header: '列', key: 'col', width: 6 },
    { header: '列键（第 2 行，请勿修改）', key: 'key', width: 28 },
    { header: '表头', key: 'header', width: 30 },
    { header: '填写要求', key: 'rule', width: 36 },
    { header: '定义', key: 'description', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    const { rule, description } = columnHelp(c, system);
    const row = help.addRow({ col: columnLabel(i), key: c.key, header: c.header, rule, description });
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  help.addRow([]);
  for (const line of [
    `评价轮次：${round.name}（${round.slug}），指标体系：${system.name}（${system.id}）。`,
    `在“${FILL_SHEET}”表中每个单位填一行。第 1 行的中文表头可以改名或调整列序；第 2 行的列键用于识别各列，请勿修改或删除。`,
    '金额以万元计，可带小数；个数、人数填整数；评价要点填 是 或 否。自评分各列可以留空。',
  ]) {
    help.addRow([line]);
    help.mergeCells(`A${help.rowCount}:E${help.rowCount}`);
  }
}

export type ReadResult = { ok: true; source: TableSource } | Refused;

/** A cell as the table parser wants it: rich text joined, formulas by their cached result, numbers as Excel shows them. */
function cellValue(v: ExcelJS.CellValue): Cell | { error: string } {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return String(v);
    // 15 significant digits is what Excel displays; it drops binary noise such as 0.30000000000000004.
    return new D(v.toPrecision(15)).toFixed();
  }
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('error' in v) return { error: v.error };
  if ('result' in v) return v.result === undefined ? null : cellValue(v.result as ExcelJS.CellValue);
  if ('formula' in v || 'sharedFormula' in v) return null;
  if ('text' in v) return typeof v.text === 'string' ? v.text : cellValue(v.text as ExcelJS.CellValue);
  return String(v);
}

function trimmed(c: Cell): string {
  return c === null || c === undefined ? '' : String(c).trim();
}

/**
 * Reads sheet 填报 of an uploaded workbook into table rows. Columns are found by the key row (row 2
 * of the template, or whichever of the first rows holds `code`), so renamed or reordered Chinese
 * headers still import. Problems name the sheet, row and column.
 */
export async function readWorkbook(buffer: Buffer): Promise<ReadResult> {
  const refuse = (message: string, at: Partial<Problem> = {}): ReadResult => ({ ok: false, problems: [{ ...at, message }] });
  if (buffer.length > MAX_UPLOAD_BYTES) return refuse(tooLargeMessage(buffer.length));
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) return refuse('不是 xlsx 文件（请用模板另存为 .xlsx，而非 .xls 或 .csv）');
  // The real unzipped size, measured by inflating (the zip's own directory may lie).
  const zip = await checkZip(buffer);
  if (!zip.ok) return refuse(zip.message);

  const wb = new ExcelJS.Workbook();
  try {
    // exceljs types its argument as an ArrayBuffer; at run time it takes a Node Buffer.
    await wb.xlsx.load(buffer as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch (e) {
    return refuse(`xlsx 文件无法读取：${e instanceof Error ? e.message : String(e)}`);
  }
  const ws = wb.getWorksheet(FILL_SHEET);
  if (!ws) {
    const names = wb.worksheets.map((w) => `“${w.name}”`).join('、') || '无';
    return refuse(`找不到工作表“${FILL_SHEET}”（文件中的工作表：${names}）；请使用本轮次下载的模板`);
  }
  const sheet = FILL_SHEET;
  if (ws.actualRowCount > MAX_ROWS + HEADER_ROWS) return refuse(tooManyRowsMessage(ws.actualRowCount - 2), { sheet });
  if (ws.actualColumnCount > MAX_COLUMNS) return refuse(`列数过多（${ws.actualColumnCount}），上限 ${MAX_COLUMNS}`, { sheet });

  let keyRow = 0;
  for (let r = 1; r <= Math.min(5, ws.rowCount); r++) {
    const values: string[] = [];
    ws.getRow(r).eachCell((cell) => values.push(trimmed(cellValue(cell.value) as Cell)));
    if (values.includes('code')) {
      keyRow = r;
      break;
    }
  }
  if (!keyRow) return refuse('找不到列键行：模板第 2 行应为 code、name、group … 等列键，请勿删除', { sheet, row: 2 });
  // Bounded: a sheet of thousands of bad cells is counted, not kept (limits.ts).
  const problems = new ProblemList();
  const columns: Record<string, string> = Object.create(null);
  const keyAt = new Map<number, string>();
  // A merged cell repeats its master's value in every cell it covers, so a merge in the key row or
  // below would give values nobody typed: each such range is refused, and its covered cells read as empty.
  const merges = new Map<string, { top: number; left: number; bottom: number; right: number }>();
  const noteMerge = (cell: ExcelJS.Cell, r: number, col: number) => {
    const m = cell.master;
    const range = merges.get(m.address) ?? { top: Number(m.row), left: Number(m.col), bottom: r, right: col };
    range.bottom = Math.max(range.bottom, r);
    range.right = Math.max(range.right, col);
    merges.set(m.address, range);
  };
  ws.getRow(keyRow).eachCell((cell, col) => {
    if (cell.type === ExcelJS.ValueType.Merge) return noteMerge(cell, keyRow, col);
    const key = trimmed(cellValue(cell.value) as Cell);
    if (!key) return;
    const label = columnLabel(col - 1);
    if (Object.hasOwn(columns, key)) problems.push({ sheet, row: keyRow, column: label, cell: `${label}${keyRow}`, field: key, message: `列键 ${key} 重复（另见 ${columns[key]} 列）` });
    else columns[key] = label;
    keyAt.set(col, key);
  });
  const rows: TableSource['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r <= keyRow) return;
    const cells: Record<string, Cell> = Object.create(null);
    let any = false;
    row.eachCell((cell, col) => {
      if (cell.type === ExcelJS.ValueType.Merge) return noteMerge(cell, r, col);
      const key = keyAt.get(col);
      const label = columnLabel(col - 1);
      const v = cellValue(cell.value);
      if (v !== null && typeof v === 'object') {
        problems.push({ sheet, row: r, column: label, cell: `${label}${r}`, ...(key ? { field: key } : {}), message: `单元格为错误值 ${v.error}` });
        any = true;
        return;
      }
      if (trimmed(v) !== '') {
        any = true;
        if (!key) problems.push({ sheet, row: r, column: label, cell: `${label}${r}`, message: '此列没有列键（第 2 行为空），数据无法识别' });
      }
      if (key) cells[key] = v;
    });
    if (any) rows.push({ row: r, cells });
  });
  const mergeProblems: Problem[] = [...merges.values()].map((m) => {
    const range = `${columnLabel(m.left - 1)}${m.top}:${columnLabel(m.right - 1)}${m.bottom}`;
    return {
      sheet,
      row: m.top,
      column: columnLabel(m.left - 1),
      cell: range,
      message: `合并单元格 ${range} 位于数据区内：合并后各格会重复同一个值，无法确定各单位的数据；请取消合并，逐格填写`,
    };
  });
  const all = new ProblemList();
  all.push(...mergeProblems, ...problems);
  all.more += problems.more;
  return { ok: true, source: { sheet, columns, keyRow, rows, ...all.result() } };
}

export interface SheetSpec {
  name: string;
  columns: { header: string; width?: number; numFmt?: string }[];
  rows: (string | number | null)[][];
  /** Columns (from the left) and rows (from the top, headers included) that stay in view. */
  freeze?: { columns?: number; rows?: number };
}

/** A plain workbook of tables with bold headers, e.g. for the dashboard's ranking export. */
export async function writeWorkbook(sheets: SheetSpec[], inputs?: { system: System; round: TemplateRound; rows: Record<string, string>[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dept-scorecard';
  for (const s of sheets) addTableSheet(wb, s);
  // The figures scored, in the template's form: the import reads them back as they are.
  if (inputs) addFillSheets(wb, inputs.system, inputs.round, inputs.rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addTableSheet(wb: ExcelJS.Workbook, s: SheetSpec): void {
  const ws = wb.addWorksheet(s.name, {
    views: [{ state: 'frozen', xSplit: s.freeze?.columns ?? 0, ySplit: s.freeze?.rows ?? 1 }],
  });
  ws.columns = s.columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(10, c.header.length * 1.8), style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
  ws.addRows(s.rows);
}
