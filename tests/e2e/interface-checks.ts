import type { Page } from 'playwright-core';
import { indexSystem, type System } from '@/lib/scoring';
import type { RoundScores } from '@/db/queries';

/**
 * The checks the browser suite runs on every page: no stray Chinese in English mode, nothing that
 * makes a phone scroll sideways.
 */

/** Every name that comes from data and may stand inside an English sentence: units, groups, rounds, the system's words. */
export function dataNames(rounds: RoundScores[]): string[] {
  const names = new Set<string>();
  for (const rs of rounds) {
    names.add(rs.round.name);
    for (const d of rs.scores.departments) names.add(d.name).add(d.group).add(d.grade);
    for (const s of systemNames(rs.system)) names.add(s);
  }
  // Longest first, so a name containing another is taken whole.
  return [...names].filter(Boolean).sort((a, b) => b.length - a.length);
}

function systemNames(system: System): string[] {
  const out = [system.name, ...system.grades.map((g) => g.label)];
  for (const [, f] of Object.entries(system.fields)) out.push(f.name, ...(f.unit ? [f.unit] : []), ...(f.description ? [f.description] : []));
  for (const l1 of system.indicators) {
    out.push(l1.name);
    for (const l2 of l1.children) out.push(l2.name, ...('description' in l2 && l2.description ? [l2.description] : []));
  }
  for (const { leaf } of indexSystem(system).leaves) {
    out.push(leaf.name, ...(leaf.description ? [leaf.description] : []));
    if (leaf.rule.kind === 'checklist') out.push(...leaf.rule.items);
    if (leaf.rule.kind === 'grade') out.push(...leaf.rule.grades.map((g) => g.label));
    if (leaf.rule.kind === 'judgement') out.push(...leaf.rule.points);
  }
  return out;
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

// Runs in the page, so written as plain JavaScript (a bundler's helpers would not exist there).
const COLLECT_TEXT = `(() => {
  const skip = (el) => !el || Boolean(el.closest('[data-name], script, style, noscript, [lang]:not([lang="en"])'));
  const where = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      const id = e.getAttribute('data-testid') ? '[' + e.getAttribute('data-testid') + ']' : e.id ? '#' + e.id : e.classList[0] ? '.' + e.classList[0] : '';
      parts.unshift(e.tagName.toLowerCase() + id);
    }
    return parts.join('>');
  };
  const out = [['title', document.title]];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!skip(el) && n.textContent.trim()) out.push([where(el), n.textContent]);
  }
  for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    if (skip(el)) continue;
    for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
      const v = el.getAttribute(a);
      if (v) out.push([where(el) + '@' + a, v]);
    }
  }
  return out;
})()`;

const OVERFLOW = `(() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  const out = ['page ' + document.documentElement.scrollWidth + 'px wide on a ' + width + 'px screen'];
  const name = (e) => e.tagName.toLowerCase() + (e.getAttribute('data-testid') ? '[' + e.getAttribute('data-testid') + ']' : e.classList[0] ? '.' + e.classList[0] : '');
  const sticksOut = (e) => e.getBoundingClientRect().right > width + 1;
  for (const el of document.body.querySelectorAll('*')) {
    // Inside a box that scrolls by itself (a wide table), sticking out is that box's business;
    // of nested elements that stick out, the outermost is named, with where it is.
    if (!sticksOut(el) || (el.parentElement && (sticksOut(el.parentElement) || el.parentElement.closest('.table-scroll, .chart-box')))) continue;
    const path = [];
    for (let e = el; e && e !== document.body && path.length < 5; e = e.parentElement) path.unshift(name(e));
    out.push(path.join('>') + ' right=' + Math.round(el.getBoundingClientRect().right));
    if (out.length > 8) break;
  }
  return out;
})()`;

/**
 * What on the page is Chinese and not data: text and the attributes a reader hears (aria-label,
 * title, placeholder, alt), outside elements marked `data-name` (names, comments, anything typed
 * by a user) or written in another language on purpose (`lang`, e.g. the 中文 switch). Known data
 * names are taken out of sentences they stand in. Returns each offending snippet with its place.
 */
export async function strayChinese(page: Page, names: string[]): Promise<string[]> {
  const found = (await page.evaluate(COLLECT_TEXT)) as [string, string][];
  // A chart cuts a long name short ("示例·王虎..."): a cut name is still the name.
  const cut = (text: string) => text.replace(/(\S+?)(?:\.\.\.|…)/g, (m, head: string) => (names.some((n) => n.startsWith(head)) ? '' : m));
  const strip = (text: string) => cut(names.reduce((s, n) => (s.includes(n) ? s.split(n).join('') : s), text));
  return found.filter(([, text]) => CJK.test(strip(text))).map(([w, text]) => `${w}: ${text.trim().slice(0, 120)}`);
}

/** Elements sticking out of a phone's screen: the page itself must not scroll sideways. */
export async function sidewaysOverflow(page: Page): Promise<string[]> {
  return (await page.evaluate(OVERFLOW)) as string[];
}
