import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** The tiny fixture model: real ONNX inference through transformers.js, fast enough to rebuild often. */
export const TINY_ENV = {
  EMBEDDER: 'transformers',
  EMBEDDING_MODEL: 'tiny-bert',
  EMBEDDING_MODEL_DIR: join(ROOT, 'tests/fixtures/models'),
};

/** This process's environment without any of Epistle's own settings: a child gets only what it is given. */
export function epistleFreeEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(LETTERS_DIR|INDEX_DIR|DATA_DIR|FEEDBACK_LOG|MESSAGE_CONTENT_INTENT|DISCORD_|EMBEDD|MAX_LETTER|LOG_LEVEL|EPISTLE_|ASK_|ANSWER_|ANNOUNCE_|LETTER_EDITOR)/.test(k)),
  );
}

export interface ChildResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Whether `killAfterMs` fired before the process ended. */
  killed: boolean;
}

/** Runs `src/cli.ts` with a clean Epistle environment plus `env`; optionally kill -9 after a delay. */
export function runCli(args: string[], env: Record<string, string>, opts: { killAfterMs?: number; timeoutMs?: number } = {}): Promise<ChildResult> {
  const base = epistleFreeEnv();
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args], { cwd: ROOT, env: { ...base, ...env } });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timers: NodeJS.Timeout[] = [];
    if (opts.killAfterMs !== undefined) {
      timers.push(setTimeout(() => {
        killed = child.exitCode === null && child.signalCode === null;
        child.kill('SIGKILL');
      }, opts.killAfterMs));
    }
    timers.push(setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 600_000));
    child.on('close', (status, signal) => {
      timers.forEach(clearTimeout);
      done({ status, signal, stdout, stderr, ms: performance.now() - t0, killed });
    });
  });
}
