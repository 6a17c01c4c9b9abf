/**
 * Shutting down as docker stop or systemd do it (SIGTERM, then SIGKILL 10 s later), against the real bot process:
 * whatever the network does, the bot exits 0 within 5 s, with its index intact.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { indexReady, spawnBot } from './bot-process.js';
import { DiscordEmulator } from './emulator.js';
import { tempCorpus } from '../helpers/corpus.js';
import { runCliAsync } from '../helpers/cli.js';
import { writeSpamAssassinLetters } from '../../bench/corpora.js';
import { INDEX_FILES, LetterIndex } from '../../src/indexing/letter-index.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.fake.shutdown-token-that-must-never-be-logged';
/** Docker sends SIGKILL 10 s after SIGTERM; the bot must be gone well before. */
const EXIT_WITHIN_MS = 5000;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** A running bot and everything it printed. */
function startBot(emu: DiscordEmulator, corpus: { dir: string; letters: string; index: string }) {
  const bot = spawnBot(emu, TOKEN, corpus);
  const out = { logs: '', bot };
  bot.stdout!.on('data', (d) => (out.logs += d));
  bot.stderr!.on('data', (d) => (out.logs += d));
  cleanup.push(() => {
    if (bot.exitCode === null && bot.signalCode === null) bot.kill('SIGKILL');
  });
  return out;
}

/** Sends SIGTERM; resolves with the exit code and how long the exit took (null code: still running after `limitMs`). */
async function terminate(bot: ChildProcess, limitMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const t0 = Date.now();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => bot.once('exit', (code, signal) => resolve({ code, signal })));
  bot.kill('SIGTERM');
  const closed = new Promise<void>((resolve) => bot.once('close', () => resolve()));
  const r = await Promise.race([exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), limitMs))]);
  const ms = Date.now() - t0;
  // The exit can come before the bot's stdout is drained: wait for it, so the log is whole.
  if (r) await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5000))]);
  return { code: r?.code ?? null, signal: r?.signal ?? null, ms };
}

async function emulator(): Promise<DiscordEmulator> {
  const emu = new DiscordEmulator({ token: TOKEN, heartbeatInterval: 1000 });
  await emu.start();
  cleanup.push(() => emu.stop());
  return emu;
}

function tempDir<T extends { dir: string }>(corpus: T): T {
  cleanup.push(() => rmSync(corpus.dir, { recursive: true, force: true }));
  return corpus;
}

describe('SIGTERM', () => {
  it.each([
    ['refused (the emulator is gone)', (emu: DiscordEmulator) => emu.stop()],
    ['black-holed (requests and the gateway hang)', (emu: DiscordEmulator) => emu.blackhole()],
  ])('with Discord unreachable, %s: answers in flight get their chance, then exit 0 within 5 s, the index intact', async (_how, unreachable) => {
    const emu = await emulator();
    const corpus = tempDir(tempCorpus());
    const reg = await runCliAsync(['register'], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: emu.apiUrl, DISCORD_GUILD_ID: emu.guildId });
    expect(reg.status, reg.stderr).toBe(0);
    const run = startBot(emu, corpus);
    await emu.waitUntil(() => !!emu.session?.connected && /connected to Discord/.test(run.logs) && indexReady(run.logs, corpus), 120_000, 'the bot to connect');

    // A question, answered while the network is up…
    const answered = emu.sendInteraction({ type: 'command', name: 'ask', options: { question: 'What new evidence did Kelam mention?' }, user: 'member' });
    await emu.waitForInteractionResponse(answered, (r) => r.kind === 'editOriginal', 60_000);
    // …and one in flight when the network goes: its answer cannot be delivered.
    const inFlight = emu.sendInteraction({ type: 'command', name: 'ask', options: { question: 'Where did Ablyazov obtain political asylum?' }, user: 'member' });
    await emu.waitForInteractionResponse(inFlight, (r) => r.kind === 'callback', 5000);
    await unreachable(emu);

    const { code, signal, ms } = await terminate(run.bot);
    expect({ code, signal, withinLimit: ms <= EXIT_WITHIN_MS }, run.logs.slice(-3000)).toEqual({ code: 0, signal: null, withinLimit: true });
    expect(run.logs).toMatch(/shutting down: finishing answers in flight/);
    expect(run.logs).toMatch(/"answers":1,.*"msg":"shut down/);
    expect(run.logs).not.toContain(TOKEN);
    // The index folder loads, as the next start will load it; no lock is left behind.
    const index = LetterIndex.load(corpus.index);
    expect(index.letters.size).toBe(2);
    expect(existsSync(`${corpus.index}.lock`)).toBe(false);
  }, 180_000);

  it('during the first build: exit 0 within 5 s, and the next start goes on from the published slices', async () => {
    const emu = await emulator();
    const corpus = tempDir(tempCorpus());
    const ids = await writeSpamAssassinLetters(corpus.letters, { limit: 60 });
    expect(ids).toHaveLength(60);
    const total = ids.length + 2;
    const manifest = join(corpus.index, INDEX_FILES.manifest);
    const first = startBot(emu, corpus);
    // Connected, and the first slice published: the build is under way.
    await emu.waitUntil(() => !!emu.session?.connected && /connected to Discord/.test(first.logs) && existsSync(manifest), 120_000, 'the bot to connect and publish a slice');
    expect(indexReady(first.logs, corpus)).toBe(false);

    const { code, signal, ms } = await terminate(first.bot);
    expect({ code, signal, withinLimit: ms <= EXIT_WITHIN_MS }, first.logs.slice(-3000)).toEqual({ code: 0, signal: null, withinLimit: true });
    expect(first.logs).toMatch(/the index update stopped; it goes on at the next start/);
    // What was published is a whole index, marked partial.
    const published = LetterIndex.load(corpus.index);
    const kept = published.letters.size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(total);
    expect(JSON.parse(readFileSync(manifest, 'utf8')).partial).toMatchObject({ indexed: kept, total });
    expect(existsSync(`${corpus.index}.lock`)).toBe(false);

    // The next start goes on from there: the letters already in are not indexed again.
    const second = startBot(emu, corpus);
    await emu.waitUntil(() => indexReady(second.logs, corpus), 150_000, 'the index to be complete');
    expect(second.logs).toContain('updating the index: the first build did not finish');
    const report = second.logs.split('\n').find((l) => l.includes(`${corpus.index}/: `))!;
    expect(report).toContain(`${corpus.index}/: ${total} letters`);
    expect(report).toMatch(new RegExp(`added ${total - kept}, changed 0, removed 0, unchanged ${kept}`));
    expect(LetterIndex.load(corpus.index).manifest.partial).toBeUndefined();
    const again = await terminate(second.bot);
    expect({ code: again.code, withinLimit: again.ms <= EXIT_WITHIN_MS }).toEqual({ code: 0, withinLimit: true });
  }, 300_000);
});
