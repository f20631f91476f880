import { D, type Decimal } from './decimal';

// Plain decimal notation only: "18.8841.4", "1e3", "12,5", "" and a dangling point ("85.", what a
// file cut inside its last cell leaves) are rejected rather than guessed at.
const DECIMAL_TEXT = /^[+-]?(\d+(\.\d+)?|\.\d+)$/;

export type Parsed = { ok: true; value: Decimal } | { ok: false; message: string };

/** Accepts a JSON number or a decimal string (spec §6). */
export function parseDecimal(raw: unknown): Parsed {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { ok: false, message: `不是有限的数：${raw}` };
    // -0 is zero: one value, one message (decimal.js would keep the sign and call it negative).
    return { ok: true, value: new D(raw === 0 ? 0 : raw) };
  }
  if (typeof raw === 'string') {
    const text = raw.trim();
    if (!DECIMAL_TEXT.test(text)) return { ok: false, message: `不是有效的数字：“${raw}”` };
    const value = new D(text);
    return { ok: true, value: value.isZero() ? new D(0) : value };
  }
  if (raw === undefined || raw === null) return { ok: false, message: '缺少数值' };
  return { ok: false, message: `应为数字，实为 ${typeof raw}` };
}

