import { describe, expect, it } from 'vitest';
import { en } from './en';
import { formats } from './format';
import { translator, type Message } from './index';
import { zhCN } from './zh-CN';

const placeholders = (m: Message) =>
  [...new Set((typeof m === 'string' ? [m] : [m.one, m.other]).flatMap((s) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1])))].sort();

describe('the one dictionary', () => {
  it('says the same things in both languages: every message fills the same placeholders', () => {
    const differ = Object.keys(zhCN).filter((k) => {
      const key = k as keyof typeof zhCN;
      // An English singular may leave the count out ("Fix this problem"), never add a placeholder.
      const enVars = typeof en[key] === 'string' ? placeholders(en[key]) : placeholders({ one: (en[key] as { other: string }).other, other: (en[key] as { other: string }).other });
      return placeholders(zhCN[key]).join() !== enVars.join();
    });
    expect(differ).toEqual([]);
  });

  it('has no Chinese in English messages at all: names from data never live in it', () => {
    const cjk = Object.entries(en).filter(([k, m]) => /[\u3400-\u9fff]/.test(JSON.stringify(m)));
    expect(cjk).toEqual([]);
  });

  it('gives English counts their plural form and leaves Chinese as it is', () => {
    const t = translator('en');
    expect(t('whatIfChanged', { n: 1 })).toBe('1 value changed (highlighted)');
    expect(t('whatIfChanged', { n: 3 })).toBe('3 values changed (highlighted)');
    expect(t('departmentsCount', { n: 1 })).toBe('1 department');
    expect(translator('zh-CN')('whatIfChanged', { n: 1 })).toBe('已修改 1 项（已高亮）');
  });

  it('keeps the three statuses apart: a submission, a round, an indicator score', () => {
    const t = translator('zh-CN');
    expect([t('submission.none'), t('submission.submitted'), t('submission.returned'), t('submission.accepted')]).toEqual(['未提交', '已提交', '已退回', '已接受']);
    expect([t('roundStatus.collecting'), t('roundStatus.reviewing'), t('roundStatus.published')]).toEqual(['填报中', '评审中', '已发布']);
    expect(t('leafStatus.pending')).toBe('待评议');
  });

  it('calls every unit 单位 in Chinese and "department" in English', () => {
    // 部门整体支出绩效评价 is the evaluation's official name (the app's and the PDFs' titles); 县直部门 a group users type.
    const official = new Set(['appTitle', 'appDescription', 'newGroupsHint', 'pdfScorecardTitle', 'pdfBulletinTitle']);
    const zh = Object.entries(zhCN).filter(([k]) => !official.has(k));
    expect(zh.filter(([, m]) => /部门/.test(m)).map(([k]) => k)).toEqual([]);
    // Placeholders ({unit}) are code, not words a reader sees.
    expect(Object.entries(en).filter(([, m]) => /\bunits?\b/i.test(JSON.stringify(m).replace(/\{\w+\}/g, ''))).map(([k]) => k)).toEqual([]);
  });
});

describe('dates and amounts per language', () => {
  // 06:30 UTC is 14:30 in China, the time zone every page shows.
  const at = new Date('2024-05-08T06:30:00Z');
  it('writes zh-CN moments as 2024-05-08 14:30 and English ones as 8 May 2024, 14:30', () => {
    expect(formats('zh-CN').dateTime(at)).toBe('2024-05-08 14:30');
    expect(formats('zh-CN').date(at)).toBe('2024-05-08');
    expect(formats('en').dateTime(at)).toBe('8 May 2024, 14:30');
    expect(formats('en').date(at)).toBe('8 May 2024');
    // A signed document's date: as the bureau writes it.
    expect(formats('zh-CN').documentDate(at)).toBe('2024年5月8日');
    expect(formats('en').documentDate(at)).toBe('8 May 2024');
  });

  it('takes the day in China time: 23:30 UTC is already the next day', () => {
    expect(formats('en').isoDate(new Date('2024-05-08T23:30:00Z'))).toBe('2024-05-09');
  });

  it('writes amounts the same way in both languages', () => {
    const info = { name: '预算数', unit: '万元' };
    expect(formats('zh-CN').quantity('1049.6', info)).toBe('1,049.6 万元');
    expect(formats('en').quantity('1049.6', info)).toBe('1,049.6 万元');
  });
});
