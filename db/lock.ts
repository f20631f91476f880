import fs from 'node:fs';

/**
 * PGlite lets only one process open a data folder; a second one would corrupt it. A lock file
 * beside the folder holds the owner's pid. A lock left by a dead process is taken over.
 */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`数据目录 ${dataDir} 正被进程 ${pid} 使用：请先停止应用，或改用网页上传 / 设置 DATABASE_URL`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDirLock(dataDir: string): () => void {
  const lockPath = `${dataDir.replace(/[\\/]+$/, '')}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          if (fs.readFileSync(lockPath, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.on('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let owner = NaN;
    try {
      owner = Number.parseInt(fs.readFileSync(lockPath, 'utf8').trim(), 10);
    } catch {
      continue; // removed between our attempts: try again
    }
    // Our own pid counts as busy too: two handles in one process corrupt the folder just the same.
    if (Number.isInteger(owner) && alive(owner)) throw new DataDirBusyError(dataDir, owner);
    // Stale: the owner died without cleaning up, or the file is unreadable.
    try {
      fs.unlinkSync(lockPath);
    } catch {
      // Another process took it over first; the next attempt sees its pid.
    }
  }
  throw new Error(`无法获取数据目录锁 ${lockPath}`);
}
