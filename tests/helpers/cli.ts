import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface RunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `src/cli.ts` as `npm run` would, with a clean Epistle environment plus `env`. */
export function runCli(args: string[], env: Record<string, string> = {}, cwd = ROOT): RunResult {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(LETTERS_DIR|INDEX_DIR|DISCORD_|EMBEDD|MAX_LETTER|LOG_LEVEL)/.test(k)),
  );
  const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(ROOT, 'src/cli.ts'), ...args], {
    cwd,
    env: { ...base, EMBEDDER: 'bundled', ...env },
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** As runCli, without blocking the event loop (for servers in this process, such as the Discord emulator). */
export function runCliAsync(args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<RunResult> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(LETTERS_DIR|INDEX_DIR|DISCORD_|EMBEDD|MAX_LETTER|LOG_LEVEL)/.test(k)),
  );
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'src/cli.ts'), ...args], { cwd, env: { ...base, EMBEDDER: 'bundled', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status, signal) => done({ status, signal, stdout, stderr }));
  });
}
