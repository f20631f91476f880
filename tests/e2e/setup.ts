import { afterEach, expect } from 'vitest';
import { cspViolations } from './helpers';

// A page that works only because the browser forgave it a CSP violation is a broken page.
afterEach(() => {
  const seen = cspViolations.splice(0);
  expect(seen, 'Content-Security-Policy violations').toEqual([]);
});
