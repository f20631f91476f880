import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { primaryPiece, runsOf, type FontPiece, type Weight } from './fonts';
import { textWidth, wrapText } from './text';

/**
 * A small layout kit over pdfkit for the reports: a cursor that moves down A4 pages, wrapped
 * paragraphs, tables that break across pages and repeat their header, vector charts from SVG, and
 * page numbers. Every character is drawn with the bundled Noto Sans SC (fonts.ts) as real text,
 * so it can be selected, searched and extracted.
 */

export type Align = 'left' | 'center' | 'right';

export interface TextStyle {
  size?: number;
  weight?: Weight;
  color?: string;
  align?: Align;
}

export interface TableColumn {
  header: string;
  /** Relative width: columns share the table's width in these proportions. */
  width: number;
  align?: Align;
}

export interface TableCell {
  text: string;
  weight?: Weight;
  color?: string;
  align?: Align;
  /**
   * The cell continues the one above (a merged cell, like the 一级指标 column of a 评分表): drawn
   * blank with no border between, except at the top of a page, where `text` is repeated.
   */
  continued?: boolean;
}

export interface TableRow {
  cells: (string | TableCell)[];
  fill?: string;
  weight?: Weight;
}

export interface TableSpec {
  columns: TableColumn[];
  rows: TableRow[];
  size?: number;
}

export interface WriterOptions {
  layout: 'portrait' | 'landscape';
  info: { title: string; author?: string; subject?: string };
  /** The footer line of each page, e.g. "第 2 页，共 5 页"; drawn once the page count is known. */
  footer?: (page: number, pages: number) => string;
}

const MARGIN = 48;
const FOOTER_SPACE = 22;
const LINE = 1.5;
const PAD_X = 4;
const PAD_Y = 3;
const BORDER = '#8a96a3';
const HEADER_FILL = '#e9eef4';

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  y = MARGIN;
  private readonly layout: WriterOptions['layout'];
  private readonly footer?: WriterOptions['footer'];
  private readonly chunks: Buffer[] = [];
  private readonly registered = new Set<string>();

  constructor(opts: WriterOptions) {
    this.layout = opts.layout;
    this.footer = opts.footer;
    this.doc = new PDFDocument({
      size: 'A4',
      layout: opts.layout,
      margin: 0,
      bufferPages: true,
      lang: 'zh-CN',
      displayTitle: true,
      info: { Title: opts.info.title, Author: opts.info.author ?? '', Subject: opts.info.subject ?? '', Creator: 'dept-scorecard', Producer: 'dept-scorecard (pdfkit)' },
    });
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
  }

  get left(): number {
    return MARGIN;
  }
  get right(): number {
    return this.doc.page.width - MARGIN;
  }
  get width(): number {
    return this.right - this.left;
  }
  get bottom(): number {
    return this.doc.page.height - MARGIN - FOOTER_SPACE;
  }

  newPage(layout: WriterOptions['layout'] = this.layout): void {
    this.doc.addPage({ size: 'A4', layout, margin: 0 });
    this.y = MARGIN;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  gap(points: number): void {
    this.y += points;
  }

  private use(piece: FontPiece): string {
    if (!this.registered.has(piece.name)) {
      this.doc.registerFont(piece.name, piece.sfnt);
      this.registered.add(piece.name);
    }
    return piece.name;
  }

  /** One line of text with its top at `y`, in `width` from `x` (aligned), without moving the cursor. */
  line(text: string, x: number, y: number, style: TextStyle & { width?: number } = {}): void {
    const size = style.size ?? 10;
    const weight = style.weight ?? 400;
    const w = textWidth(text, size, weight);
    let at = x;
    if (style.width !== undefined && style.align === 'right') at = x + style.width - w;
    else if (style.width !== undefined && style.align === 'center') at = x + (style.width - w) / 2;
    this.doc.fillColor(style.color ?? '#1c2733');
    for (const run of runsOf(text, weight)) {
      this.doc.font(this.use(run.piece)).fontSize(size).text(run.text, at, y, { lineBreak: false });
      at += textWidth(run.text, size, weight);
    }
  }

  /** A wrapped paragraph at the cursor (page breaks between lines), then the cursor below it. */
  paragraph(text: string, style: TextStyle & { x?: number; width?: number; after?: number } = {}): void {
    const size = style.size ?? 10;
    const x = style.x ?? this.left;
    const width = style.width ?? this.right - x;
    for (const l of wrapText(text, width, size, style.weight ?? 400)) {
      this.ensure(size * LINE);
      this.line(l, x, this.y, { ...style, width });
      this.y += size * LINE;
    }
    this.y += style.after ?? size * 0.5;
  }

  /** The height `text` takes wrapped in `width`. */
  heightOf(text: string, width: number, size = 10, weight: Weight = 400): number {
    return wrapText(text, width, size, weight).length * size * LINE;
  }

  rule(color = BORDER, width = 0.6): void {
    this.doc.moveTo(this.left, this.y).lineTo(this.right, this.y).lineWidth(width).strokeColor(color).stroke();
  }

  /**
   * A table across the content width. A row that does not fit starts a new page, which begins
   * with the header row again; merged (continued) cells show their text again there.
   */
  table(spec: TableSpec): void {
    const size = spec.size ?? 9;
    const total = spec.columns.reduce((n, c) => n + c.width, 0);
    const widths = spec.columns.map((c) => (c.width / total) * this.width);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const cell = (c: string | TableCell): TableCell => (typeof c === 'string' ? { text: c } : c);
    const header: TableRow = { cells: spec.columns.map((c) => ({ text: c.header, align: 'center' as Align })), fill: HEADER_FILL, weight: 700 };

    const measure = (row: TableRow, top: boolean) =>
      row.cells.map((raw, i) => {
        const c = cell(raw);
        const weight = c.weight ?? row.weight ?? 400;
        const shown = c.continued && !top ? '' : c.text;
        return { c, weight, lines: shown ? wrapText(shown, widths[i]! - 2 * PAD_X, size, weight) : [] };
      });
    const heightOf = (cells: ReturnType<typeof measure>) => Math.max(1, ...cells.map((x) => x.lines.length)) * size * LINE + 2 * PAD_Y;

    const draw = (row: TableRow, top: boolean) => {
      const cells = measure(row, top);
      const h = heightOf(cells);
      const y = this.y;
      cells.forEach(({ c, weight, lines }, i) => {
        const x = xs[i]!;
        const w = widths[i]!;
        if (row.fill) this.doc.rect(x, y, w, h).fill(row.fill);
        lines.forEach((l, k) =>
          this.line(l, x + PAD_X, y + PAD_Y + k * size * LINE + size * 0.15, {
            size,
            weight,
            color: c.color,
            align: c.align ?? spec.columns[i]!.align ?? 'left',
            width: w - 2 * PAD_X,
          }),
        );
        this.doc.lineWidth(0.5).strokeColor(BORDER);
        this.doc.moveTo(x, y).lineTo(x, y + h).moveTo(x + w, y).lineTo(x + w, y + h).moveTo(x, y + h).lineTo(x + w, y + h);
        if (!c.continued || top) this.doc.moveTo(x, y).lineTo(x + w, y);
        this.doc.stroke();
      });
      this.y += h;
    };

    const headerHeight = heightOf(measure(header, true));
    this.ensure(headerHeight + heightOf(measure(spec.rows[0] ?? header, true)));
    draw(header, true);
    let top = true;
    for (const row of spec.rows) {
      if (this.y + heightOf(measure(row, top)) > this.bottom) {
        this.newPage();
        draw(header, true);
        top = true;
      }
      draw(row, top);
      top = false;
    }
    this.y += size;
  }

  /**
   * An SVG drawing (an echarts server rendering) as vector graphics, `width` points wide, keeping
   * its aspect ratio. Its text is split into runs by font piece, like every other text here.
   */
  svg(svg: string, width: number, height: number, x = this.left): void {
    this.ensure(height);
    const names = new Set<string>();
    const prepared = svg.replace(/<text([^>]*)>([^<]*)<\/text>/g, (_m, raw: string, body: string) => {
      // A label's white halo is a stroke painted under the fill (paint-order), which svg-to-pdfkit
      // would paint over it, hiding the text: the halo is dropped.
      const attrs = raw.includes('paint-order="stroke"') ? raw.replace(/\s(?:stroke|stroke-width|stroke-miterlimit|paint-order)="[^"]*"/g, '') : raw;
      const runs = runsOf(decodeXml(body), 400);
      const spans = runs.map((r) => {
        names.add(this.use(r.piece));
        return `<tspan font-family="${r.piece.name}">${encodeXml(r.text)}</tspan>`;
      });
      return `<text${attrs}>${spans.join('')}</text>`;
    });
    const fallback = this.use(primaryPiece(400));
    // Without its own width and height the drawing fills the box given below (viewBox kept).
    const fitted = prepared.replace(/<svg([^>]*)>/, (_m, attrs: string) => `<svg${attrs.replace(/\s(?:width|height)="[^"]*"/g, '')}>`);
    SVGtoPDF(this.doc as unknown as typeof PDFDocument, fitted, x, this.y, {
      width,
      height,
      fontCallback: (family: string) => {
        const name = family.replace(/['"]/g, '').trim();
        return names.has(name) ? name : fallback;
      },
    });
    this.y += height;
  }

  /** Ends the document: page footers, then the bytes. */
  finish(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    if (this.footer) {
      for (let i = 0; i < range.count; i++) {
        this.doc.switchToPage(range.start + i);
        const y = this.doc.page.height - MARGIN - FOOTER_SPACE + 8;
        this.line(this.footer(i + 1, range.count), this.left, y, { size: 8, color: '#6b7785', align: 'center', width: this.width });
      }
    }
    return new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
      this.doc.end();
    });
  }
}

const XML_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'" };

function decodeXml(s: string): string {
  return s.replace(/&(?:amp|lt|gt|quot|apos|#39);|&#(\d+);|&#x([0-9a-f]+);/gi, (m, dec?: string, hex?: string) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : XML_ENTITIES[m]!,
  );
}

function encodeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
