import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D } from './decimal';
import { changeOf, cmpFraction, fixedText, fractionOf, percentText, quotientOf, roundHalfUp, roundHalfUpSafe, scaledOf, scaledOfText, scaledText, trimmedText } from './exact';

/** Decimal text of any length: up to 40 integer digits and 20 decimals, either sign. */
const decimalText = fc
  .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,40}$/), fc.stringMatching(/^[0-9]{0,20}$/))
  .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`);

describe('scaledOf reads decimal.js values exactly', () => {
  it('agrees with the plain text for values of any size', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        const fromDecimal = scaledOf(new D(text));
        const fromText = scaledOfText(text);
        expect([fromDecimal.int, fromDecimal.exp]).toEqual([fromText.int, fromText.exp]);
        expect(new D(scaledText(fromDecimal)).eq(new D(text))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['1209.54', 120954n, -2],
    ['0', 0n, 0],
    ['0.00012', 12n, -5],
    ['1e21', 1n, 21],
    ['123456789012345.67', 12345678901234567n, -2],
    ['-3.25', -325n, -2],
    ['100', 1n, 2],
  ])('%s is %s × 10^%i', (text, int, exp) => {
    expect(scaledOf(new D(text))).toEqual({ int, exp });
  });
});

describe('fractions compare exactly, on doubles or BigInt', () => {
  const big = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });
  const pos = fc.bigInt({ min: 1n, max: 10n ** 30n });
  it('cmpFraction equals the sign of the BigInt cross product', () => {
    fc.assert(
      fc.property(big, pos, big, pos, (a, b, c, d) => {
        const want = Math.sign(Number(a * d - c * b));
        expect(cmpFraction(fractionOf(a, b), fractionOf(c, d))).toBe(want);
      }),
      { numRuns: 500 },
    );
  });

  it('quotients and changes of 15-digit amounts are exact', () => {
    // 999999999999999.99 / 333333333333333.32 is just above 3; in doubles it is exactly 3.
    expect(999999999999999.99 / 333333333333333.32).toBe(3);
    const q = quotientOf(new D('999999999999999.99'), new D('333333333333333.32'));
    expect(cmpFraction(q, fractionOf(3n, 1n))).toBe(1);
    expect(cmpFraction(quotientOf(new D('999999999999999.99'), new D('333333333333333.33')), fractionOf(3n, 1n))).toBe(0);
    const c = changeOf(new D('1000000000000000.01'), new D('1000000000000000'));
    expect([c.num, c.den]).toEqual([1n, 100000000000000000n]);
  });
});

describe('rounding half-up', () => {
  it('rounds ties away from zero and nothing else', () => {
    expect(roundHalfUp(5n, 10n)).toBe(1n);
    expect(roundHalfUp(4n, 10n)).toBe(0n);
    expect(roundHalfUp(-5n, 10n)).toBe(-1n);
    expect(fixedText(2675n, 100000n, 2)).toBe('0.03');
    expect(fixedText(1n, 8n, 2)).toBe('0.13');
    expect(fixedText(-1n, 100000n, 2)).toBe('-0.00');
    expect(trimmedText(152382n, 1000000n, 6)).toBe('0.152382');
    expect(trimmedText(1n, 1n, 6)).toBe('1');
    expect(percentText(fractionOf(43n, 42n))).toBe('102.38');
  });

  it('the double path agrees with BigInt wherever it answers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 40 }), (n, d) => {
        const fast = roundHalfUpSafe(n, d);
        if (fast === fast) expect(BigInt(fast)).toBe(roundHalfUp(BigInt(n), BigInt(d)));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('a metric value from stored decimal text', () => {
  it('ratioOfText gives the exact fraction and its decimal', async () => {
    const { ratioOfText } = await import('./metric');
    const r = ratioOfText('0.152382');
    expect([r.kind, r.num, r.den, r.x.toFixed()]).toEqual(['value', 152382n, 1000000n, '0.152382']);
    expect(cmpFraction(r, fractionOf(152382n, 1000000n))).toBe(0);
  });
});
