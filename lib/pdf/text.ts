import { charWidth, runsOf, type Weight } from './fonts';

/** Width of a one-line text in points. */
export function textWidth(text: string, size: number, weight: Weight): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch, weight);
  return w * size;
}

// Characters a line may not start with (Chinese typesetting: closing marks stay with what they close).
const NO_START = /^[，。、：；！？）》」』】〕,.;:!?)\]%％…—]/;
// A token: a run of Latin letters/digits and their punctuation, one CJK character, or spaces.
const TOKEN = /[\s]+|[A-Za-z0-9.,:;!?%+\-−/()[\]<>=≤≥×·'"@#&*_~^$€¥]+|./gsu;

function tokens(text: string): string[] {
  const out: string[] = [];
  for (const t of text.match(TOKEN) ?? []) {
    if (out.length && NO_START.test(t) && !/^\s/.test(out[out.length - 1]!)) out[out.length - 1] += t;
    else out.push(t);
  }
  return out;
}

/**
 * Breaks text into lines no wider than `width`: between CJK characters, at spaces, and inside a
 * Latin run only when the run alone is wider than a line. Explicit line breaks are kept.
 */
export function wrapText(text: string, width: number, size: number, weight: Weight): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    let w = 0;
    const push = () => {
      lines.push(line.trimEnd());
      line = '';
      w = 0;
    };
    for (const tok of tokens(para)) {
      const tw = textWidth(tok, size, weight);
      if (/^\s+$/.test(tok)) {
        if (line !== '') {
          line += tok;
          w += tw;
        }
      } else if (w + tw <= width) {
        line += tok;
        w += tw;
      } else if (tw <= width) {
        push();
        line = tok;
        w = tw;
      } else {
        // One token wider than a line: cut it by character, carrying on the current line.
        for (const ch of tok) {
          const cw = textWidth(ch, size, weight);
          if (w + cw > width && line.trim() !== '') push();
          line += ch;
          w += cw;
        }
      }
    }
    push();
  }
  return lines;
}

export { runsOf };
