import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { woffToSfnt } from './woff';

/**
 * Noto Sans SC as bundled by @fontsource/noto-sans-sc, never a system font. The package ships the
 * font cut into pieces: one "chinese-simplified" file (8,000+ glyphs: the common hanzi, ASCII and
 * CJK punctuation) and about a hundred numbered slices that together hold every glyph (▲ ≥ ① …),
 * each with its unicode range in unicode.json. A PDF draws each character with the first piece
 * that has it; pdfkit embeds only the glyphs used (a subset of each piece).
 */

export type Weight = 400 | 700;
export const WEIGHTS: readonly Weight[] = [400, 700];

/** A font piece as registered in a PDF document: its name there and its sfnt bytes. */
export interface FontPiece {
  name: string;
  sfnt: Buffer;
}

const PRIMARY = 'chinese-simplified';

// Resolved from the app's own folder at run time, so bundling cannot move it.
function fontsourceDir(): string {
  const require = createRequire(path.join(process.cwd(), 'package.json'));
  return path.dirname(require.resolve('@fontsource/noto-sans-sc/package.json'));
}

interface Slice {
  key: string;
  ranges: [number, number][];
}

let slices: Slice[] | null = null;

/** The numbered slices and their unicode ranges ("[102]": "U+2264-2265,…"). */
function sliceTable(): Slice[] {
  if (slices) return slices;
  const doc = JSON.parse(fs.readFileSync(path.join(fontsourceDir(), 'unicode.json'), 'utf8')) as Record<string, string>;
  slices = Object.entries(doc)
    .filter(([k]) => /^\[\d+\]$/.test(k))
    .map(([k, v]) => ({
      key: k.slice(1, -1),
      ranges: v.split(',').map((r) => {
        const m = /U\+([0-9a-f]+)(?:-([0-9a-f]+))?/i.exec(r.trim());
        if (!m) throw new Error(`unicode.json: 无法识别的范围 ${r}`);
        return [parseInt(m[1]!, 16), parseInt(m[2] ?? m[1]!, 16)] as [number, number];
      }),
    }));
  return slices;
}

interface Loaded {
  piece: FontPiece;
  font: fontkit.Font;
}

// Each piece is read and unwrapped once per process (the primary: ~20 ms, 2.5 MB).
const loaded = new Map<string, Loaded>();

function load(key: string, weight: Weight): Loaded {
  const id = `${key}-${weight}`;
  let hit = loaded.get(id);
  if (!hit) {
    const file = path.join(fontsourceDir(), 'files', `noto-sans-sc-${key}-${weight}-normal.woff`);
    const sfnt = woffToSfnt(fs.readFileSync(file));
    const font = fontkit.create(sfnt) as fontkit.Font;
    hit = { piece: { name: `noto-${id}`, sfnt }, font };
    loaded.set(id, hit);
  }
  return hit;
}

const pieceOfChar = new Map<string, string | null>();

/** The key of the piece that draws code point `cp` at `weight`, or null when no piece has it. */
function pieceKey(cp: number, weight: Weight): string | null {
  const memo = `${weight}:${cp}`;
  const known = pieceOfChar.get(memo);
  if (known !== undefined) return known;
  let key: string | null = null;
  if (load(PRIMARY, weight).font.hasGlyphForCodePoint(cp)) key = PRIMARY;
  else {
    for (const s of sliceTable()) {
      if (!s.ranges.some(([a, b]) => cp >= a && cp <= b)) continue;
      if (load(s.key, weight).font.hasGlyphForCodePoint(cp)) {
        key = s.key;
        break;
      }
    }
  }
  pieceOfChar.set(memo, key);
  return key;
}

/** A stretch of text drawn with one piece. */
export interface Run {
  piece: FontPiece;
  text: string;
}

// Spaces, line breaks and joiners are drawn by whatever piece the neighbours use.
const NEUTRAL = /[\s\u200b-\u200d\ufe0f]/;

/** Cuts `text` into runs, each character in the first piece that has its glyph. */
export function runsOf(text: string, weight: Weight): Run[] {
  const runs: Run[] = [];
  let current: string | null = null;
  let buf = '';
  for (const ch of text) {
    const key: string = NEUTRAL.test(ch) ? (current ?? PRIMARY) : (pieceKey(ch.codePointAt(0)!, weight) ?? PRIMARY);
    if (key !== current && buf) {
      runs.push({ piece: load(current!, weight).piece, text: buf });
      buf = '';
    }
    current = key;
    buf += ch;
  }
  if (buf) runs.push({ piece: load(current!, weight).piece, text: buf });
  return runs;
}

/** Characters of `text` that no piece of the bundled font can draw (they would show as boxes). */
export function uncovered(text: string, weight: Weight = 400): string[] {
  const out = new Set<string>();
  for (const ch of text) if (!NEUTRAL.test(ch) && pieceKey(ch.codePointAt(0)!, weight) === null) out.add(ch);
  return [...out];
}

const advances = new Map<string, number>();

/** Advance width of one character in em (1 = the font size), as the piece that draws it sets it. */
export function charWidth(ch: string, weight: Weight): number {
  const memo = `${weight}:${ch}`;
  let w = advances.get(memo);
  if (w === undefined) {
    const key = pieceKey(ch.codePointAt(0)!, weight) ?? PRIMARY;
    const { font } = load(key, weight);
    w = font.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth / font.unitsPerEm;
    advances.set(memo, w);
  }
  return w;
}

/** The primary piece, which chart text is drawn with unless a run needs another. */
export function primaryPiece(weight: Weight): FontPiece {
  return load(PRIMARY, weight).piece;
}
