import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { tempCorpus, ROOT } from './helpers/corpus.js';

/** Runs `npm start`'s entry point without a token, feeding `input` on stdin. */
function startConsole(input: string, env: Record<string, string>, closeWhen?: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'src/cli.ts'), 'start'], {
      cwd: ROOT,
      env: { ...process.env, DISCORD_TOKEN: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr }));
    if (!closeWhen) child.stdin.end(input);
    else child.stderr.on('data', () => closeWhen.test(stderr) && child.stdin.end(input));
  });
}

describe('npm start without a token: the console', () => {
  it('opens at once on a first build: answers say that no letter is in yet, and quitting stops the build', async () => {
    const c = tempCorpus();
    const r = await startConsole('What is Kelam asking France for?\n/quit\n', { EMBEDDER: 'bundled', LETTERS_DIR: c.letters, INDEX_DIR: c.index, HOME: c.dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/updating the index: there is no index yet/);
    expect(r.stdout).toMatch(/Epistle: indexing 2 letters .*answers come from the letters indexed so far/);
    expect(r.stdout).toContain('No letter is indexed yet (0 of 2)');
    expect(r.stderr).toMatch(/the index update stopped; it goes on at the next start/);
  }, 120_000);

  it('builds the index, says how to connect Discord, answers with citations, lists letters and quits', async () => {
    const c = tempCorpus();
    // The first build, to its end: the input closes once the build has reported.
    const first = await startConsole('', { EMBEDDER: 'bundled', LETTERS_DIR: c.letters, INDEX_DIR: c.index, HOME: c.dir }, /added 2, changed 0/);
    expect(first.code).toBe(0);
    const r = await startConsole(
      "Who was copied on Kelam's letter?\n/letters valls\n/letter 001_87c08d64c831245f\n/help\nWhat is the capital of Kazakhstan?\n/quit\nnever read\n",
      { EMBEDDER: 'bundled', LETTERS_DIR: c.letters, INDEX_DIR: c.index, HOME: join(c.dir) },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Epistle: 2 letters, \d+ passages indexed/);
    expect(r.stdout).toContain('DISCORD_TOKEN');
    // The cited answer.
    expect(r.stdout).toContain('Mr Jean-Jacques Urvoas, Minister of Justice of the Republic of France');
    expect(r.stdout).toContain('— Tunne Kelam to Manuel Valls, 29 June 2016 [000_54ce065e8f9db68d]');
    // /letters, /letter, /help.
    expect(r.stdout).toMatch(/2015-05-25\s+Mady Delvaux-Stehres/);
    expect(r.stdout).toContain('From: Mady Delvaux-Stehres, Member of the European Parliament, S&D');
    expect(r.stdout).toContain('/reindex');
    // Abstention.
    expect(r.stdout).toContain("The letters don't say.");
    expect(first.stderr).toMatch(/updating the index: there is no index yet/);
    expect(r.stderr).not.toMatch(/updating the index/);
  }, 120_000);

  it('Ctrl-D (end of input) exits cleanly', async () => {
    const c = tempCorpus();
    const r = await startConsole('', { EMBEDDER: 'bundled', LETTERS_DIR: c.letters, INDEX_DIR: c.index, HOME: c.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 letters/);
  }, 120_000);
});
