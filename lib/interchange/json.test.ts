import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonError, JsonReader, parseJson } from './json';

describe('the strict JSON reader', () => {
  it('reads any JSON exactly as JSON.parse does, whole or cut into chunks anywhere', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), (value, cuts, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        const whole = parseJson(text);
        // Same value (fast-check's -0 and JSON.parse's agree), and no problems unless keys repeat.
        expect(whole).toMatchObject({ ok: true });
        if (whole.ok) expect(whole.value).toStrictEqual(JSON.parse(text));
        const reader = new JsonReader();
        let at = 0;
        for (const c of [...cuts.map((n) => n % (text.length + 1))].sort((a, b) => a - b)) {
          reader.push(text.slice(at, c));
          at = c;
        }
        reader.push(text.slice(at));
        expect(reader.finish()).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('names a repeated key with its line and column, and still reads the rest', () => {
    const r = parseJson('{\n  "a": 1,\n  "b": {"x": 1, "x": 2},\n  "a": 3\n}');
    expect(r.ok && r.problems.map((p) => p.message)).toEqual([
      '第 3 行第 17 列：键“x”重复出现（位于 b）；每个键只能出现一次',
      '第 4 行第 3 列：键“a”重复出现；每个键只能出现一次',
    ]);
  });

  it('keeps __proto__ as an ordinary key and never touches a prototype', () => {
    const r = parseJson('{"__proto__": {"polluted": true}, "a": 1}');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses nesting beyond the bound before building it, at the place it happens', () => {
    const deep = `{"a":${'['.repeat(1_000_000)}`;
    expect(parseJson(deep, { maxDepth: 64 })).toEqual({ ok: false, problems: [{ message: 'JSON 格式错误，第 1 行第 69 列：嵌套超过 64 层，拒绝读取' }] });
  });

  it('refuses an over-long string without quoting it', () => {
    const r = parseJson(`{"code": "${'x'.repeat(2000)}"}`, { maxString: 1000 });
    expect(r).toEqual({ ok: false, problems: [{ message: 'JSON 格式错误，第 1 行第 10 列：字符串超过 1,000 个字符，拒绝读取' }] });
  });

  it('says where a file stops making sense, and that a cut file is incomplete', () => {
    expect(parseJson('{"a": 1,\n "b": tru }')).toMatchObject({ ok: false, problems: [{ message: 'JSON 格式错误，第 2 行第 7 列：无效的值“tru ”' }] });
    expect(parseJson('{"a": [1, 2')).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('文件不完整') }] });
    expect(parseJson('{"a": "85')).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('字符串没有结束的引号') }] });
    expect(parseJson('{"a": 1} x')).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('多余的内容') }] });
    expect(parseJson('{"a": 01}')).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('无效的数字“01”') }] });
    expect(() => new JsonReader().finish()).toThrow(JsonError);
  });

  it('hands each element of the streamed array over and keeps none of them', () => {
    const seen: [unknown, number][] = [];
    const reader = new JsonReader({ stream: { key: 'departments', fn: (v, i) => seen.push([v, i]) } });
    reader.push('{"format": "x", "departments": [{"code": "a"}, {"code": "b", "n": [1]}], "nested": {"departments": [1]}}');
    expect(reader.finish()).toEqual({ format: 'x', departments: [], nested: { departments: [1] } });
    expect(seen).toEqual([
      [{ code: 'a' }, 0],
      [{ code: 'b', n: [1] }, 1],
    ]);
  });
});
