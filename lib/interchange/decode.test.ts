import { describe, expect, it } from 'vitest';
import { encodeGbk, encodeUtf16 } from '@/tests/interchange/encodings';
import { decodeStreamed, decodeText, type Encoding } from './decode';

const text = 'code,name,group\r\nd1,小吕寨镇人民政府,乡镇\r\nd2,县教育局,县直部门\r\n';

async function streamed(bytes: Buffer, chunk = 7) {
  const open = async function* () {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  };
  const r = await decodeStreamed(open, async (chunks) => {
    let s = '';
    for await (const c of chunks) s += c;
    return s;
  });
  return r.ok ? { text: r.value, encoding: r.encoding, warning: r.warning } : r;
}

describe('reading the bytes of a text file', () => {
  const cases: [string, Buffer, Encoding, boolean][] = [
    ['UTF-8', Buffer.from(text), 'utf-8', false],
    ['UTF-8 with a BOM', Buffer.from(`\ufeff${text}`), 'utf-8', false],
    ['UTF-16 LE with a BOM', encodeUtf16(text, 'le'), 'utf-16le', false],
    ['UTF-16 BE with a BOM', encodeUtf16(text, 'be'), 'utf-16be', false],
    ['GBK', encodeGbk(text), 'gb18030', true],
  ];
  it.each(cases)('%s, whole or in chunks split anywhere', async (_name, bytes, encoding, warned) => {
    const whole = decodeText(bytes);
    expect(whole).toMatchObject({ ok: true, text, encoding });
    expect(whole.ok && Boolean(whole.warning)).toBe(warned);
    for (const chunk of [1, 2, 3, 5, 4096]) expect(await streamed(bytes, chunk)).toMatchObject({ text, encoding });
  });

  it('keeps a UTF-8 file with a damaged byte as UTF-8, the damage marked for the checks to refuse', async () => {
    const bytes = Buffer.from(text);
    const damaged = Buffer.concat([bytes.subarray(0, 25), Buffer.from([0xff]), bytes.subarray(25)]);
    const r = decodeText(damaged);
    expect(r).toMatchObject({ ok: true, encoding: 'utf-8' });
    expect(r.ok && r.text).toContain('\ufffd');
    expect(await streamed(damaged)).toMatchObject({ encoding: 'utf-8', text: r.ok ? r.text : '' });
  });

  it('refuses UTF-16 without a BOM in one line rather than guessing', async () => {
    expect(decodeText(encodeUtf16(text, 'le', false))).toEqual({ ok: false, problems: [{ message: expect.stringContaining('不带 BOM 的 UTF-16') }] });
    expect(await streamed(encodeUtf16(text, 'be', false))).toMatchObject({ ok: false });
  });
});
