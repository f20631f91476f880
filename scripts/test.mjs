#!/usr/bin/env node
/**
 * `npm test`: the lint of the layers, then the unit/database/CLI suite and the browser suite side by
 * side. The browser suite spends much of its time waiting on Chromium and the server; running the
 * CPU-bound unit suite in those gaps is what brings the whole run under 8 minutes on 2 cores.
 * The unit suite's output is held back and printed in one piece when it ends, so the two never mix
 * line by line. Exit status: 0 only when lint and both suites pass.
 */
import { spawn, spawnSync } from 'node:child_process';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const lint = spawnSync('npm', ['run', 'lint'], { stdio: 'inherit' });
if (lint.status !== 0) process.exit(lint.status ?? 1);

function run(config, { quiet }) {
  const child = spawn(npx, ['vitest', 'run', '--config', config], { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  const held = [];
  if (quiet) {
    child.stdout.on('data', (b) => held.push(b));
    child.stderr.on('data', (b) => held.push(b));
  }
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      if (quiet) process.stdout.write(`\n── ${config} ──\n${Buffer.concat(held).toString()}\n`);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

const [unit, browser] = await Promise.all([run('tests/vitest.config.ts', { quiet: true }), run('tests/e2e/vitest.config.ts', { quiet: false })]);
console.log(`\nnpm test: unit/database/CLI ${unit === 0 ? 'passed' : `failed (${unit})`}, browser ${browser === 0 ? 'passed' : `failed (${browser})`}`);
process.exit(unit || browser);
