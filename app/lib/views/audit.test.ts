import { describe, expect, it } from 'vitest';
import { translator } from '@/app/i18n';
import { formats } from '@/app/i18n/format';
import { JULU } from '@/tests/scoring/helpers';
import { auditEntryView, type AuditContext, type AuditRowIn } from './audit';

const context: AuditContext = {
  units: new Map([
    ['xiaolvzhai', '小吕寨镇人民政府'],
    ['demo-dicun', '示例·堤村乡'],
  ]),
  rounds: new Map([['2021', { name: '2021年度部门整体支出绩效评价', system: JULU }]]),
  bureau: '财政局',
};
const row = (action: string, before: unknown, after: unknown, extra: Partial<AuditRowIn> = {}): AuditRowIn => ({
  id: 1,
  createdAt: new Date('2024-05-08T06:30:00Z'),
  actor: 'admin',
  action,
  roundSlug: '2021',
  departmentCode: 'xiaolvzhai',
  targetUsername: null,
  before,
  after,
  address: null,
  ...extra,
});
const zh = (r: AuditRowIn) => auditEntryView(r, context, translator('zh-CN'), formats('zh-CN'), 'zh-CN');
const text = (lines: { label: string; value: string }[]) => lines.map((l) => `${l.label}：${l.value}`);

describe('the audit log, as a clerk reads it', () => {
  it('names the action, the round and the unit beside its code', () => {
    const e = zh(row('submission.submit', null, null));
    expect(e).toMatchObject({ action: '提交填报', round: '2021年度部门整体支出绩效评价', unit: '小吕寨镇人民政府（xiaolvzhai）', at: '2024-05-08 14:30' });
  });

  it('labels submitted values by their template header and statuses in words, never by storage key', () => {
    const e = zh(row('submission.submit', { version: 1, status: 'draft', values: { budget: '1000' } }, { version: 2, status: 'submitted', values: { budget: '1049.6', 'fund_compliance.3': '否' } }));
    expect(text(e.before)).toEqual(['版本：1', '状态：草稿', '预算数（万元）：1000']);
    expect(text(e.after)).toEqual(['版本：2', '状态：已提交', '预算数（万元）：1049.6', '资金使用合规性·要点3（是/否）：否']);
    expect(JSON.stringify(e)).not.toMatch(/values\.|budget/);
  });

  it('leaves out row ids (snapshotId, batchId) and says the round status and engine in words', () => {
    const e = zh(row('round.publish', { status: 'reviewing' }, { status: 'published', publication: 2, snapshotId: 17, engineVersion: '1.1.0', departments: 21 }, { departmentCode: null }));
    expect(text(e.after)).toEqual(['状态：已发布', '第几次发布：2', '计分引擎：1.1.0', '单位数：21']);
    expect(JSON.stringify(e)).not.toContain('snapshotId');
  });

  it('shows evaluations under the indicator’s name and the bureau in the viewer’s language', () => {
    const r = row('evaluation.score', { evaluator: '财政局', values: { duty_completion: null } }, { evaluator: '财政局', values: { duty_completion: '7.50' }, comments: { duty_completion: '材料齐全' } });
    expect(text(zh(r).after)).toEqual(['评价人：财政局', '履职完成情况（0–10 分）：7.50', '评分意见 · 履职完成情况：材料齐全']);
    const en = auditEntryView(r, context, translator('en'), formats('en'), 'en');
    expect(text(en.after)).toEqual(['Evaluator：Finance bureau', '履职完成情况 (0–10 pts)：7.50', 'Comment · 履职完成情况：材料齐全']);
  });

  it('lists enrolled units by name, and counts them when there are many', () => {
    const e = zh(row('round.enrol', null, { source: 'copy:2020', added: { xiaolvzhai: '乡镇', 'demo-dicun': '乡镇' }, newDepartments: [], alreadyEnrolled: [] }, { departmentCode: null }));
    expect(text(e.after)).toEqual(['来源：从往年轮次复制（2020）', '小吕寨镇人民政府（xiaolvzhai）：乡镇', '示例·堤村乡（demo-dicun）：乡镇', '新增单位：—', '已参评：—']);
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`u${i}`, i + 1]));
    expect(text(zh(row('round.import', null, { versions: many, batchId: 3 })).after)).toEqual(['新版本：30 个单位']);
  });

  it('labels sign-ins: the login, a wrong password and its delay', () => {
    expect(zh(row('auth.login', null, null, { roundSlug: null, departmentCode: null })).action).toBe('登录');
    const failed = zh(row('auth.login_failed', null, { username: 'xiaolvzhai', via: 'login', delaySeconds: 1 }, { roundSlug: null, departmentCode: null, actor: 'anonymous' }));
    expect(failed.action).toBe('密码错误');
    expect(text(failed.after)).toEqual(['用户名：xiaolvzhai', '方式：登录', '延迟（秒）：1']);
    const throttled = zh(row('auth.throttled', null, { username: 'xiaolvzhai', via: 'password-change', scope: 'address', retryAfterSeconds: 30 }, { roundSlug: null, departmentCode: null, actor: 'anonymous' }));
    expect(throttled.action).toBe('登录被限速');
    expect(text(throttled.after)).toEqual(['用户名：xiaolvzhai', '方式：修改密码', '限速依据：本机地址', '需等待（秒）：30']);
  });
});
