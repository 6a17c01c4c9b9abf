import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface RunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** This process's environment without Epistle's variables, then the bundled embedder and `env`. */
function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(LETTERS_DIR|INDEX_DIR|DISCORD_|EMBEDD|MAX_LETTER|LOG_LEVEL)/.test(k)));
  return { ...base, EMBEDDER: 'bundled', ...env };
}

/** Runs `src/cli.ts` as `npm run` would, with a clean Epistle environment plus `env`. */
export function runCli(args: string[], env: Record<string, string> = {}, cwd = ROOT): RunResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(ROOT, 'src/cli.ts'), ...args], {
    cwd,
    env: cliEnv(env),
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** As runCli, without blocking the event loop (for servers in this process, such as the Discord emulator). */
export function runCliAsync(args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<RunResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'src/cli.ts'), ...args], { cwd, env: cliEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status, signal) => done({ status, signal, stdout, stderr }));
  });
}

/** Builds the index in a child process that kills itself (SIGKILL) at a failpoint of the write (see index-until-failpoint.ts). */
export function indexUntilFailpoint(letters: string, index: string, point: string, env: Record<string, string> = {}): RunResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(ROOT, 'tests/helpers/index-until-failpoint.ts'), letters, index, point], {
    cwd: ROOT,
    env: cliEnv(env),
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}
