import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { acquireDirLock, DataDirBusyError } from './lock';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-lock-'));
const dir = path.join(tmp, 'pglite');
const lockFile = `${dir}.lock`;
afterEach(() => fs.rmSync(lockFile, { force: true }));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A pid that surely belongs to no running process: one that just exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
}

describe('the PGlite data folder lock', () => {
  it('a folder in use by a live process is refused with a message saying what to do', () => {
    fs.writeFileSync(lockFile, String(process.ppid));
    expect(() => acquireDirLock(dir)).toThrow(DataDirBusyError);
    expect(() => acquireDirLock(dir)).toThrow(`数据目录 ${dir} 正被进程 ${process.ppid} 使用：请先停止应用，或改用网页上传 / 设置 DATABASE_URL`);
  });

  it('the same process cannot open the folder twice', () => {
    const release = acquireDirLock(dir);
    expect(() => acquireDirLock(dir)).toThrow(DataDirBusyError);
    release();
  });

  it('a lock left by a process that died is taken over', () => {
    fs.writeFileSync(lockFile, String(deadPid()));
    const release = acquireDirLock(dir);
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(lockFile)).toBe(false);
  });
});
