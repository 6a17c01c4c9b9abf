/**
 * The real bot process (`npm start` with a token) against the loopback Discord emulator: REST through
 * DISCORD_API_URL, the gateway discovered through GET /gateway/bot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { indexReady, spawnBot } from './bot-process.js';
import { DiscordEmulator } from './emulator.js';
import { THIRD_LETTER, tempCorpus } from '../helpers/corpus.js';
import { runCliAsync } from '../helpers/cli.js';
import { isVerbatimQuote } from '../../src/letters/verbatim.js';
import { loadLetters } from '../../src/letters/catalogue.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.fake.e2e-token-that-must-never-be-logged';
const KELAM = '000_54ce065e8f9db68d';
let emu: DiscordEmulator;
let bot: ChildProcess;
let logs = '';
const corpus = tempCorpus();
const ANNOUNCE = () => emu.channelIds.general;

type Embed = { description?: string; title?: string; fields?: { name: string; value: string }[] };
const embedsOf = (body: { embeds?: Embed[] } | undefined) => body?.embeds ?? [];
const textOf = (body: { content?: string; embeds?: Embed[] } | undefined) =>
  [body?.content ?? '', ...embedsOf(body).map((e) => `${e.title ?? ''}\n${e.description ?? ''}\n${(e.fields ?? []).map((f) => `${f.name}: ${f.value}`).join('\n')}`)].join('\n');
/** Block-quoted lines of a rendered answer, unescaped: the quote as Discord shows it. */
const quotesOf = (text: string) =>
  text.split('\n\n').filter((b) => b.startsWith('> ')).map((b) => b.split('\n').filter((l) => l.startsWith('> ')).map((l) => l.slice(2)).join('\n').replace(/\\([*_`~|>#\-[\]()\\])/g, '$1').replace(/@\u200b/g, '@'));

async function command(name: string, options: Record<string, unknown> = {}, user = 'member') {
  const id = emu.sendInteraction({ type: 'command', name, options: options as never, user });
  return id;
}

beforeAll(async () => {
  emu = new DiscordEmulator({ token: TOKEN, heartbeatInterval: 1000 });
  await emu.start();
  // Registration, as a user would run it first.
  const reg = await runCliAsync(['register'], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: emu.apiUrl, DISCORD_GUILD_ID: emu.guildId });
  expect(reg.status, reg.stderr).toBe(0);
  bot = spawnBot(emu, TOKEN, corpus, { ANNOUNCE_CHANNEL_ID: emu.channelIds.general, ASK_RATE_LIMIT: '50' });
  bot.stdout!.on('data', (d) => (logs += d));
  bot.stderr!.on('data', (d) => (logs += d));
  await emu.waitUntil(() => !!emu.session?.connected && /connected to Discord/.test(logs) && indexReady(logs, corpus), 120_000, 'the bot to connect');
}, 180_000);

afterAll(async () => {
  if (bot && bot.exitCode === null) {
    bot.kill('SIGTERM');
    await new Promise((r) => bot.once('exit', r));
  }
  await emu?.stop();
});

describe('the bot against the Discord emulator', () => {
  it('registers its commands in the guild', () => {
    const names = (emu.guildCommands.get(emu.guildId) ?? []).map((c) => c.name).sort();
    expect(names).toEqual(['add-letter', 'ask', 'letter', 'letters', 'reindex', 'report', 'settings']);
  });

  it('identifies with Guilds, GuildMessages and MessageContent (for follow-ups in threads)', () => {
    expect(emu.intents).toBe((1 << 0) | (1 << 9) | (1 << 15));
  });

  it('/ask defers within 3 s, then edits in a verbatim, cited answer', async () => {
    const sent = Date.now();
    const id = await command('ask', { question: 'What new evidence did Kelam mention?' });
    const defer = await emu.waitForInteractionResponse(id, (r) => r.kind === 'callback', 3000);
    expect(defer.callbackType).toBe(5);
    expect(defer.request.time - sent).toBeLessThan(3000);
    const edit = await emu.waitForInteractionResponse(id, (r) => r.kind === 'editOriginal', 60_000);
    const text = textOf(edit.body);
    expect(text).toContain('— Tunne Kelam → Manuel Valls, 29 June 2016 · `000_54ce065e8f9db68d`');
    expect(text).toContain(KELAM);
    const quotes = quotesOf(embedsOf(edit.body)[0].description!);
    expect(quotes.length).toBeGreaterThan(0);
    // The quote rule: a run of the letter's text, but for whitespace and the page furniture its cleaning removed
    // (a quote may run across a page break, as Kelam's "KazakhLeaks" paragraph does).
    const { letters: seeds } = await loadLetters(corpus.letters, { maxBytes: 20 * 1024 * 1024 });
    const verbatimIn = (id: string, q: string) => {
      const l = seeds.find((x) => x.id === id)!;
      return isVerbatimQuote(q, readFileSync(join(corpus.letters, `${id}.txt`), 'utf8'), l.furniture);
    };
    for (const q of quotes) expect({ q, ok: verbatimIn(KELAM, q) || verbatimIn('001_87c08d64c831245f', q) }).toEqual({ q, ok: true });
    expect(quotes.some((q) => q.includes('KazakhLeaks'))).toBe(true);
    // "More sources" shows the next quotes.
    const button = edit.body.components?.[0]?.components?.[0];
    expect(button?.label).toMatch(/More sources/);
    const more = emu.sendInteraction({ type: 'button', customId: button.custom_id, messageId: emu.originalMessage(id)?.data.id, user: 'member' });
    const page = await emu.waitForInteractionResponse(more, (r) => r.kind === 'callback', 10_000);
    expect(page.callbackType).toBe(4);
    expect(textOf(page.body.data)).toContain('More sources');
  }, 90_000);

  it('/letters autocompletes recipients and lists the letters', async () => {
    const ac = emu.sendInteraction({ type: 'autocomplete', name: 'letters', options: { recipient: 'val' }, focused: 'recipient', user: 'member' });
    const choices = await emu.waitForInteractionResponse(ac, (r) => r.callbackType === 8, 10_000);
    expect(choices.body.data.choices).toEqual([{ name: 'Manuel Valls', value: 'Manuel Valls' }]);
    const id = await command('letters', { recipient: 'Manuel Valls' });
    const reply = await emu.waitForInteractionResponse(id, (r) => r.callbackType === 4, 10_000);
    const text = textOf(reply.body.data);
    expect(text).toMatch(/25 May 2015.*Mady Delvaux-Stehres → Manuel Valls[\s\S]*29 June 2016.*Tunne Kelam → Manuel Valls/);
  });

  it('/letter shows the metadata and attaches the cleaned text', async () => {
    const ac = emu.sendInteraction({ type: 'autocomplete', name: 'letter', options: { id: 'kelam' }, user: 'member' });
    const choices = await emu.waitForInteractionResponse(ac, (r) => r.callbackType === 8, 10_000);
    expect(choices.body.data.choices[0]).toEqual({ name: 'Tunne Kelam → Manuel Valls, 29 June 2016', value: KELAM });
    const id = await command('letter', { id: KELAM });
    const reply = await emu.waitForInteractionResponse(id, (r) => r.callbackType === 4, 10_000);
    expect(textOf(reply.body.data)).toContain('Jean-Jacques Urvoas, Minister of Justice of the Republic of France');
    expect(reply.files).toHaveLength(1);
    expect(reply.files[0].name).toBe(`${KELAM}.txt`);
    expect(reply.files[0].data.toString('utf8')).toContain('leaked to the web some months ago.');
    expect(reply.files[0].data.toString('utf8')).not.toContain('HEORPA');
  });

  it('/reindex is refused to a plain member and done for an admin', async () => {
    const refused = await command('reindex', {}, 'member');
    const no = await emu.waitForInteractionResponse(refused, (r) => r.kind === 'callback', 10_000);
    expect(no.body.data.flags & 64).toBe(64);
    expect(textOf(no.body.data)).toMatch(/Only members who can manage this server/);
    const done = await command('reindex', {}, 'admin');
    const edit = await emu.waitForInteractionResponse(done, (r) => r.kind === 'editOriginal', 60_000);
    expect(textOf(edit.body)).toMatch(/Reindexed in [\d.]+ s: 0 added, 0 changed, 0 removed, 2 unchanged/);
  }, 90_000);

  it('/add-letter takes an attachment, after which /ask cites the new letter', async () => {
    const refused = await command('add-letter', { file: emu.addAttachment({ filename: 'x.txt', content: 'x' }) }, 'member');
    expect(textOf((await emu.waitForInteractionResponse(refused, (r) => r.kind === 'callback', 10_000)).body.data)).toMatch(/Only members/);
    const bad = await command('add-letter', { file: emu.addAttachment({ filename: '../../etc/passwd', content: 'root:x:0:0' }) }, 'admin');
    expect(textOf((await emu.waitForInteractionResponse(bad, (r) => r.kind === 'editOriginal', 10_000)).body)).toMatch(/Not added: unsupported file type/);
    const file = emu.addAttachment({ filename: 'Lettre Vestergaard.txt', content: THIRD_LETTER });
    const id = await command('add-letter', { file }, 'admin');
    const edit = await emu.waitForInteractionResponse(id, (r) => r.kind === 'editOriginal', 60_000);
    expect(textOf(edit.body)).toMatch(/Added \*\*Lettre\\_Vestergaard.txt\*\*|Added \*\*Lettre_Vestergaard.txt\*\*/);
    expect(textOf(edit.body)).toContain('From: Annika Vestergaard');
    expect(existsSync(join(corpus.letters, 'Lettre_Vestergaard.txt'))).toBe(true);
    const again = await command('add-letter', { file }, 'admin');
    expect(textOf((await emu.waitForInteractionResponse(again, (r) => r.kind === 'editOriginal', 10_000)).body)).toMatch(/already exists/);
    const ask = await command('ask', { question: 'What will the Council of State examine?' });
    const answer = await emu.waitForInteractionResponse(ask, (r) => r.kind === 'editOriginal', 60_000);
    expect(textOf(answer.body)).toContain('Annika Vestergaard → Bernard Cazeneuve, 14 March 2017');
  }, 120_000);

  it('a letter dropped into the folder is announced, then cited', async () => {
    const before = emu.messagesIn(ANNOUNCE()).length;
    writeFileSync(
      join(corpus.letters, '004_dropped.txt'),
      THIRD_LETTER.replace('Annika Vestergaard', 'Piet Janssen').replace('14 March 2017', '2 May 2017').replace('Fleury-Mérogis prison', 'Fresnes prison'),
    );
    await emu.waitUntil(() => emu.messagesIn(ANNOUNCE()).slice(before).some((m) => /New letter: Piet Janssen → Bernard Cazeneuve, 2 May 2017/.test(textOf(m.data))), 60_000, 'the announcement');
    const ask = await command('ask', { question: 'Which prison does Janssen mention?' });
    const answer = await emu.waitForInteractionResponse(ask, (r) => r.kind === 'editOriginal', 60_000);
    expect(textOf(answer.body)).toContain('Piet Janssen → Bernard Cazeneuve, 2 May 2017');
    expect(textOf(answer.body)).toContain('Fresnes');
  }, 120_000);

  it('in an inline channel, answers an @mention with a reply, pinging nobody', async () => {
    const set = emu.sendInteraction({ type: 'command', name: 'settings', subcommand: 'channel', options: { reply: 'inline' }, user: 'admin' });
    await emu.waitForInteractionResponse(set, (r) => r.callbackType === 4, 10_000);
    const before = emu.messagesIn(emu.channelIds.general).length;
    emu.sendMessage({ content: `<@${emu.userIds.bot}> who was copied on Kelam's letter? @everyone`, author: 'member' });
    await emu.waitUntil(() => emu.messagesIn(emu.channelIds.general).slice(before).some((m) => m.data.message_reference), 60_000, 'the reply');
    const reply = emu.messagesIn(emu.channelIds.general).slice(before).find((m) => m.data.message_reference)!;
    expect(textOf(reply.data)).toContain('Jean-Jacques Urvoas');
    expect(reply.pings).toEqual({ users: [], roles: [], everyone: false });
  }, 90_000);

  it('survives a dropped gateway connection by resuming', async () => {
    const identifies = emu.identifyCount;
    emu.dropConnection({ resumable: true });
    await emu.waitUntil(() => emu.resumeCount >= 1 && !!emu.session?.connected, 30_000, 'resume');
    expect(emu.identifyCount).toBe(identifies);
    const id = await command('letters', {});
    expect((await emu.waitForInteractionResponse(id, (r) => r.callbackType === 4, 10_000)).status).toBeLessThan(300);
  }, 60_000);

  it('retries a 429 on the edit route and loses no reply', async () => {
    emu.failNext('PATCH /webhooks/:app/:token/messages/@original', { status: 429, retryAfter: 0.3 });
    const id = await command('ask', { question: 'Which court approved the extradition?' });
    const edit = await emu.waitForInteractionResponse(id, (r) => r.kind === 'editOriginal', 60_000);
    expect(textOf(edit.body)).toContain('Court of Appeal in Lyon');
    const attempts = emu.interactionResponses(id, { includeFailed: true }).filter((r) => r.kind === 'editOriginal');
    expect(attempts.map((a) => a.status)).toEqual([429, 200]);
  }, 90_000);

  it('shows an error id when a reply cannot be made, logs the details, and stays up', async () => {
    emu.failNext('PATCH /webhooks/:app/:token/messages/@original', { status: 500, times: 20 });
    const id = await command('ask', { question: 'Which court approved the extradition?' });
    const followup = await emu.waitForInteractionResponse(id, (r) => r.kind === 'followup', 90_000);
    expect(followup.body.flags & 64).toBe(64);
    const errorId = /error ([0-9a-f]{8})/.exec(followup.body.content)?.[1];
    expect(errorId).toBeDefined();
    await emu.waitUntil(() => logs.includes(errorId!), 5000, 'the error in the log');
    // …and in the feedback log, with its question, for /report.
    const feedback = join(corpus.dir, 'data', 'feedback.jsonl');
    await emu.waitUntil(() => existsSync(feedback) && readFileSync(feedback, 'utf8').includes(`"errorId":"${errorId}"`), 5000, 'the error in the feedback log');
    expect(readFileSync(feedback, 'utf8').split('\n').find((l) => l.includes(errorId!))).toContain('"question":"Which court approved the extradition?"');
    emu.clearFaults();
    const next = await command('letters', {});
    expect((await emu.waitForInteractionResponse(next, (r) => r.callbackType === 4, 10_000)).status).toBeLessThan(300);
  }, 120_000);

  it('sets allowed_mentions on every outgoing message, and never logs the token', () => {
    const outgoing = emu.requests.filter((r) => r.method !== 'GET' && /\/(messages|callback|webhooks)/.test(r.path) && r.body && typeof r.body === 'object' && !('choices' in (r.body.data ?? {})) && r.status < 300);
    expect(outgoing.length).toBeGreaterThan(10);
    for (const r of outgoing) {
      const payload = r.path.endsWith('/callback') ? r.body.data : r.body;
      if (!payload || r.body.type === 5 || r.body.type === 6) continue;
      expect({ path: r.path, allowed: payload.allowed_mentions }).toEqual({ path: r.path, allowed: expect.objectContaining({ parse: [] }) });
    }
    expect(logs).not.toContain(TOKEN);
  });
});

describe('shutting down', () => {
  it('SIGTERM lets the answer in flight finish, then disconnects and exits 0', async () => {
    const id = emu.sendInteraction({ type: 'command', name: 'ask', options: { question: 'Where did Ablyazov obtain political asylum?' }, user: 'member' });
    await emu.waitForInteractionResponse(id, (r) => r.kind === 'callback', 5000);
    bot.kill('SIGTERM');
    // 'close' comes after the bot's stdout is drained, so the log is whole.
    const code = await new Promise((r) => bot.once('close', r));
    expect(code).toBe(0);
    expect(emu.interactionResponses(id).some((r) => r.kind === 'editOriginal')).toBe(true);
    expect(logs).toMatch(/shutting down/);
    expect(existsSync(`${corpus.index}.lock`)).toBe(false);
  }, 60_000);
});
