import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.js';
import { runCli } from './helpers/cli.js';

describe('configuration', () => {
  it('has sane defaults, and treats empty values as unset', () => {
    const c = parseConfig({ DISCORD_TOKEN: '', EMBEDDING_MODEL_DIR: '  ' });
    expect(c.LETTERS_DIR).toBe('seeds');
    expect(c.INDEX_DIR).toBe('index');
    expect(c.EMBEDDER).toBe('auto');
    expect(c.EMBEDDING_MODEL).toBe('Xenova/bge-small-en-v1.5');
    expect(c.DISCORD_TOKEN).toBeUndefined();
    expect(c.EMBEDDING_MODEL_DIR).toBeUndefined();
    expect(c.MAX_LETTER_BYTES).toBe(20 * 1024 * 1024);
    expect(c.EMBED_WORKERS).toBe(availableParallelism());
    expect(parseConfig({ EMBED_WORKERS: '0' }).EMBED_WORKERS).toBe(0);
  });

  it('names every problem at once', () => {
    let error: unknown;
    try {
      parseConfig({ EMBEDDER: 'gpt', DISCORD_GUILD_ID: 'abc', DISCORD_API_URL: 'not a url', MAX_LETTER_BYTES: '-3' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const key of ['EMBEDDER', 'DISCORD_GUILD_ID', 'DISCORD_API_URL', 'MAX_LETTER_BYTES']) expect(problems).toContain(key);
    expect(problems).toContain('"gpt"');
  });

  it('exits 2 with one message listing every problem', () => {
    const r = runCli(['letters'], { EMBEDDER: 'gpt', DISCORD_GUILD_ID: 'abc' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/configuration error/);
    expect(r.stderr).toContain('EMBEDDER');
    expect(r.stderr).toContain('DISCORD_GUILD_ID');
    expect(r.stdout).toBe('');
  });

  it('rejects a bad EMBED_WORKERS with the other problems, and exits 2', () => {
    for (const bad of ['-1', '1.5', 'many']) {
      let error: unknown;
      try {
        parseConfig({ EMBED_WORKERS: bad, EMBEDDER: 'gpt' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(2);
      expect(problems.join('\n')).toContain(`EMBED_WORKERS: must be`);
      expect(problems.join('\n')).toContain(JSON.stringify(bad));
    }
    const r = runCli(['letters'], { EMBED_WORKERS: 'many', DISCORD_GUILD_ID: 'abc' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/configuration error/);
    expect(r.stderr).toContain('EMBED_WORKERS: must be a whole number (got "many")');
    expect(r.stderr).toContain('DISCORD_GUILD_ID');
    expect(r.stdout).toBe('');
  });

  it('exits 2 on a bad option or a missing letters folder', () => {
    expect(runCli(['letters', '--bogus']).status).toBe(2);
    const r = runCli(['letters', '--letters', '/nonexistent/letters']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('/nonexistent/letters');
    expect(runCli(['letters', '--from', 'someday']).status).toBe(2);
  });
});
