import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The text of a PDF as a reader's "select all, copy" gives it, page by page, extracted with
 * Mozilla's pdf.js: what tests compare against the page. Items are joined; a line ends in "\n".
 */
export async function pdfText(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  try {
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    }
  } finally {
    await doc.destroy();
  }
  return pages;
}

/** Text with every run of white space removed: table cells wrap, so words compare without the breaks. */
export const squeeze = (s: string) => s.replace(/\s+/g, '');

/**
 * The fonts a PDF uses, as its font dictionaries name them (`ABCDEF+Name` marks an embedded
 * subset), and whether every one of them is embedded (a font file per font).
 */
export function pdfFonts(bytes: Uint8Array): { names: string[]; allEmbedded: boolean } {
  const raw = Buffer.from(bytes).toString('latin1');
  const names = [...new Set([...raw.matchAll(/\/BaseFont\s*\/([^\s/<>[\]]+)/g)].map((m) => m[1]!))];
  const descriptors = [...raw.matchAll(/\/Type\s*\/FontDescriptor/g)].length;
  const files = [...raw.matchAll(/\/FontFile[23]?\s+\d+\s+0\s+R/g)].length;
  return { names, allEmbedded: descriptors > 0 && files === descriptors };
}

/** Each page's size in points, [width, height], rounded: 595 × 842 is A4 portrait. */
export async function pdfPageSizes(bytes: Uint8Array): Promise<[number, number][]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const out: [number, number][] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const [x0, y0, x1, y1] = (await doc.getPage(i)).view as [number, number, number, number];
      out.push([Math.round(x1 - x0), Math.round(y1 - y0)]);
    }
    return out;
  } finally {
    await doc.destroy();
  }
}
