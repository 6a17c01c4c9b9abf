import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `src/cli.ts` as `npm run` would, with a clean Epistle environment plus `env`. */
export function runCli(args: string[], env: Record<string, string> = {}, cwd = ROOT): RunResult {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(LETTERS_DIR|INDEX_DIR|DISCORD_|EMBEDD|MAX_LETTER|LOG_LEVEL)/.test(k)),
  );
  const r = spawnSync(TSX, [resolve(ROOT, 'src/cli.ts'), ...args], {
    cwd,
    env: { ...base, EMBEDDER: 'bundled', ...env },
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
