import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEPARTMENT_CODE } from '@/lib/scoring';
import { badCharacter, codeProblem, nameProblem, tidyMessage } from './text-rules';

describe('stored text', () => {
  it('a department code is 1–64 of A–Z, a–z, 0–9, - and _', () => {
    for (const ok of ['101001', 'xiaolvzhai', 'demo-guanting', 'A_1']) expect(codeProblem(ok)).toBeNull();
    expect(codeProblem('乡镇01')).toContain('只能由字母、数字、- 和 _ 组成');
    expect(codeProblem('a b')).toContain('只能由字母');
    expect(codeProblem('x'.repeat(65))).toBe('单位代码过长（65 个字符），最多 64 个');
    expect(codeProblem('a\u0000')).toBe('单位代码含有控制字符 U+0000（NUL）');
  });

  it('a file’s code cell is refused exactly when the engine refuses the code: one rule', () => {
    const near = fc.constantFrom(...'aZ09-_ .中\u0000\ufffd/'.split(''));
    const code = fc.oneof(fc.string({ unit: near, maxLength: 70 }), fc.string({ maxLength: 70 }), fc.string({ unit: fc.constantFrom('a', '1'), minLength: 60, maxLength: 70 }));
    fc.assert(fc.property(code, (c) => (codeProblem(c) === null) === DEPARTMENT_CODE.test(c)), { numRuns: 2000 });
  });

  it('a name may hold any printable text up to 200 characters, counted as people count them', () => {
    expect(nameProblem('示例·县文化广电和旅游局（本级）')).toBeNull();
    expect(nameProblem('𠀀'.repeat(200))).toBeNull();
    expect(nameProblem('名'.repeat(201))).toBe('单位名称过长（201 个字符），最多 200 个');
    expect(nameProblem('名称\n')).toContain('U+000A');
    expect(nameProblem('\u0085')).toContain('U+0085');
  });

  it('finds lone surrogates and replacement characters, not pairs', () => {
    expect(badCharacter('😀')).toBeNull();
    expect(badCharacter('a\ud800b')).toContain('U+D800');
    expect(badCharacter('\udc00')).toContain('U+DC00');
    expect(badCharacter('单\ufffd位')).toContain('U+FFFD');
  });

  it('makes a message safe to print: controls visible, long quotes cut in the middle', () => {
    expect(tidyMessage('a\u0000b\u001b[31m\ud800')).toBe('a\\u0000b\\u001b[31m\\ud800');
    const long = tidyMessage(`“${'x'.repeat(1_000_000)}”不是 是/否`);
    expect(long.length).toBeLessThanOrEqual(320);
    expect(long).toContain('中间略去');
    expect(long.endsWith('不是 是/否')).toBe(true);
  });
});
