import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ROOT } from '../helpers/corpus.js';
import type { DiscordEmulator } from './emulator.js';

/** The real bot (`npm start` with a token) against the emulator, on a corpus folder; `env` adds or overrides. */
export function spawnBot(emu: DiscordEmulator, token: string, corpus: { dir: string; letters: string; index: string }, env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'src/cli.ts'), 'start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DISCORD_TOKEN: token,
      DISCORD_API_URL: emu.apiUrl,
      DISCORD_GUILD_ID: emu.guildId,
      LETTERS_DIR: corpus.letters,
      INDEX_DIR: corpus.index,
      DATA_DIR: join(corpus.dir, 'data'),
      EMBEDDER: 'bundled',
      LOG_LEVEL: 'debug',
      ...env,
    },
  });
}

/**
 * Whether the bot's log says its index is complete: `npm start` connects at once and builds or updates the index
 * in the background, then logs "INDEX_DIR/: N letters, …".
 */
export function indexReady(logs: string, corpus: { index: string }): boolean {
  return logs.includes(`${corpus.index}/: `);
}
