import { describe, expect, it } from 'vitest';
import { needsTouch, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, sessionState } from './session-policy';

const t0 = new Date('2024-03-01T08:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('session expiry', () => {
  it('keeps a session alive while it is used', () => {
    expect(sessionState({ createdAt: t0, lastSeenAt: at(SESSION_IDLE_MS - 1000) }, at(SESSION_IDLE_MS + 1000))).toBe('valid');
  });

  it('ends a session left idle for two hours', () => {
    expect(sessionState({ createdAt: t0, lastSeenAt: t0 }, at(SESSION_IDLE_MS))).toBe('idle');
  });

  it('ends a session twelve hours after login even if it was used all the time', () => {
    expect(sessionState({ createdAt: t0, lastSeenAt: at(SESSION_ABSOLUTE_MS - 1) }, at(SESSION_ABSOLUTE_MS))).toBe('expired');
  });

  it('writes last-seen only every few minutes', () => {
    expect(needsTouch({ createdAt: t0, lastSeenAt: t0 }, at(60_000))).toBe(false);
    expect(needsTouch({ createdAt: t0, lastSeenAt: t0 }, at(5 * 60_000))).toBe(true);
  });
});
