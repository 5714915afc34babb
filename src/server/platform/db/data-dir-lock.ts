// The embedded database belongs to one process. PGlite does not lock its folder, so the server holds a
// pid file in BIHUAN_DATA_DIR; a second opener refuses, and a lock left by a killed process is taken over.
import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'server.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new DataDirLockedError(
          `数据目录 ${dataDir} 正被另一个 bihuan 进程 (pid ${pid}) 使用。` +
            `The embedded database in ${dataDir} is in use by another bihuan process (pid ${pid}): stop it, or set BIHUAN_DATA_DIR to another folder. ` +
            'CLI commands reach a running server over HTTP (--url, --token) instead of opening its files.',
        );
      }
      // left behind by a process that is gone (kill -9, power loss): take it over
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataDirLockedError(`could not lock ${dataDir}`);
}
