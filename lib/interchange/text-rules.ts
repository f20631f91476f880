/**
 * What a stored text field may hold. Codes, names and groups come from files and forms and end up
 * in the database, in pages and in exports: each is checked here, once, before anything is written,
 * so the database never sees a megabyte-long code and a page never shows a damaged character.
 */

import { DEPARTMENT_CODE, DEPARTMENT_CODE_MAX } from '@/lib/scoring';

export const NAME_MAX = 200;
export const GROUP_MAX = 64;

/** A visible description of a character, for messages: “U+0000”. */
function codePoint(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The first character a stored text must not contain: C0/C1 control characters (tab and line
 * breaks included: a name is one line), a lone UTF-16 surrogate, or U+FFFD (what a decoder puts
 * where a byte was not valid in the file's encoding). Null when the text is clean.
 */
export function badCharacter(s: string): string | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return `含有控制字符 ${codePoint(c)}${c === 0 ? '（NUL）' : ''}`;
    if (c === 0xfffd) return '含有无法识别的字符“�”（U+FFFD，通常是文件编码不对或已损坏）；请另存为 UTF-8 后重新导入';
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return `含有不成对的代理字符 ${codePoint(c)}`;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return `含有不成对的代理字符 ${codePoint(c)}`;
  }
  return null;
}

/** Length in characters as people count them (a surrogate pair is one). */
function length(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * What is wrong with a department code (单位编码), or null: the engine's one rule (DEPARTMENT_CODE,
 * which enrolment and the cohort reader apply too), said precisely for a cell of a file or a form.
 * `code` is already trimmed.
 */
export function codeProblem(code: string): string | null {
  if (DEPARTMENT_CODE.test(code)) return null;
  if (code === '') return '缺少单位代码';
  if (code.length > DEPARTMENT_CODE_MAX) return `单位代码过长（${code.length} 个字符），最多 ${DEPARTMENT_CODE_MAX} 个`;
  const bad = badCharacter(code);
  if (bad) return `单位代码${bad}`;
  return `单位代码“${code}”只能由字母、数字、- 和 _ 组成（如 101001）`;
}

/** A one-line text field such as a department's name or group, or a round's name. */
export function textProblem(value: string, label: string, max: number): string | null {
  const n = length(value);
  if (n > max) return `${label}过长（${n} 个字符），最多 ${max} 个`;
  const bad = badCharacter(value);
  return bad ? `${label}${bad}` : null;
}

export const nameProblem = (name: string) => textProblem(name, '单位名称', NAME_MAX);
export const groupProblem = (group: string) => textProblem(group, '分组', GROUP_MAX);

/**
 * A message safe to print and to show: control characters made visible, lone surrogates replaced,
 * and an over-long message (one quoting a huge cell) cut in the middle. Messages quote what the
 * user typed, and that can be anything.
 */
export function tidyMessage(message: string, max = 300): string {
  let out = '';
  for (let i = 0; i < message.length; i++) {
    const c = message.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < message.length && message.charCodeAt(i + 1) >= 0xdc00 && message.charCodeAt(i + 1) <= 0xdfff) {
      out += message[i]! + message[i + 1]!;
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) out += `\\u${c.toString(16)}`;
    else out += message[i]!;
  }
  const chars = [...out];
  if (chars.length <= max) return out;
  const keep = Math.floor((max - 20) / 2);
  return `${chars.slice(0, keep).join('')}…（中间略去 ${chars.length - 2 * keep} 个字符）…${chars.slice(-keep).join('')}`;
}

/** A round's slug: it becomes a URL and a file name, e.g. 2021. */
export const ROUND_SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
