import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';

export class IndexLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An exclusive lock held as a file created with O_EXCL. A lock whose process is gone
 * (same host, dead pid) is stale and taken over. Returns the release function.
 */
export function acquireLock(path: string, what: string): () => void {
  const me = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, me, { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder: { pid?: number; host?: string; since?: string } = {};
    try {
      holder = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      // Unreadable or half-written: treated as stale below.
    }
    const sameHost = !holder.host || holder.host === hostname();
    if (holder.pid && holder.pid !== process.pid && (!sameHost || alive(holder.pid))) {
      throw new IndexLockedError(
        `${what} is locked by another indexer (pid ${holder.pid}${sameHost ? '' : ` on ${holder.host}`}, since ${holder.since ?? '?'}); try again when it finishes`,
      );
    }
    rmSync(path, { force: true });
  }
  throw new IndexLockedError(`could not take the lock ${path}`);
}
