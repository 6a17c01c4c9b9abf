/**
 * Conversations through the real bot process against the emulator: threads, follow-ups, feedback, Show letter,
 * private answers, channel settings across a restart, an `off` channel, and the bot's own messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { indexReady, spawnBot } from './bot-process.js';
import { DiscordEmulator, type StoredMessage } from './emulator.js';
import { ROOT, tempCorpus } from '../helpers/corpus.js';
import { runCliAsync } from '../helpers/cli.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.fake.conversation-token';
const KELAM = '000_54ce065e8f9db68d';
const DELVAUX = '001_87c08d64c831245f';
const AKHMADOV = 'b03-letter-to-french-pm-akhmadov';
let emu: DiscordEmulator;
let bot: ChildProcess;
let logs = '';
const corpus = tempCorpus();
cpSync(join(ROOT, 'tests/eval/letters', `${AKHMADOV}.txt`), join(corpus.letters, `${AKHMADOV}.txt`));
const DATA = join(corpus.dir, 'data');

type Embed = { description?: string; title?: string; color?: number };
const textOf = (body: { content?: string; embeds?: Embed[] } | undefined) => [body?.content ?? '', ...(body?.embeds ?? []).map((e) => `${e.title ?? ''}\n${e.description ?? ''}`)].join('\n');
const customIds = (body: { components?: { components: { custom_id?: string }[] }[] } | undefined) =>
  (body?.components ?? []).flatMap((r) => r.components.map((c) => c.custom_id ?? ''));
const answersIn = (channelId: string) => emu.messagesIn(channelId).filter((m) => m.data.author?.id === emu.userIds.bot && (m.data.embeds ?? []).length);

async function startBot(): Promise<void> {
  logs = '';
  bot = spawnBot(emu, TOKEN, corpus, { ASK_RATE_LIMIT: '100' });
  bot.stdout!.on('data', (d) => (logs += d));
  bot.stderr!.on('data', (d) => (logs += d));
  await emu.waitUntil(() => !!emu.session?.connected && /connected to Discord/.test(logs) && indexReady(logs, corpus), 180_000, 'the bot to connect');
}

async function stopBot(): Promise<void> {
  if (bot && bot.exitCode === null) {
    bot.kill('SIGTERM');
    await new Promise((r) => bot.once('exit', r));
  }
}

/** Waits for the next answer Epistle posts in `channelId` after `before` answers. */
async function nextAnswer(channelId: string, before: number): Promise<StoredMessage> {
  await emu.waitUntil(() => answersIn(channelId).length > before, 90_000, `an answer in ${channelId}`);
  return answersIn(channelId)[before];
}

/** Asks in the thread, as a member, without mentioning the bot; returns the answer's text. */
async function followUp(threadId: string, question: string): Promise<StoredMessage> {
  const before = answersIn(threadId).length;
  emu.sendMessage({ content: question, channelId: threadId, author: 'member' });
  return nextAnswer(threadId, before);
}

let threadId = '';
let firstAnswer: StoredMessage;

beforeAll(async () => {
  emu = new DiscordEmulator({ token: TOKEN, heartbeatInterval: 1000 });
  await emu.start();
  const reg = await runCliAsync(['register'], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: emu.apiUrl, DISCORD_GUILD_ID: emu.guildId });
  expect(reg.status, reg.stderr).toBe(0);
  await startBot();
}, 240_000);

afterAll(async () => {
  await stopBot();
  await emu?.stop();
});

describe('conversations in Discord', () => {
  it('a mention gets its answer in a thread started on the question', async () => {
    const question = emu.sendMessage({ content: `<@${emu.userIds.bot}> What is Kelam asking France for?`, author: 'member' });
    await emu.waitUntil(() => !!emu.threadOf(question), 90_000, 'a thread on the question');
    const thread = emu.threadOf(question)!;
    threadId = thread.id;
    expect(thread.owner_id).toBe(emu.userIds.bot);
    expect(thread.name).toBe('What is Kelam asking France for?');
    firstAnswer = await nextAnswer(threadId, 0);
    expect(textOf(firstAnswer.data)).toContain('to cancel the extradition decree');
    expect(textOf(firstAnswer.data)).toContain(`\`${KELAM}\``);
    // Nothing but the question in the channel itself: the answer is in the thread.
    expect(emu.messagesIn(emu.channelIds.general).filter((m) => m.data.author?.id === emu.userIds.bot && m.data.embeds?.length)).toHaveLength(0);
    const ids = customIds(firstAnswer.data);
    expect(ids.some((id) => id.startsWith('fb:up:'))).toBe(true);
    expect(ids.some((id) => id.startsWith('fb:down:'))).toBe(true);
    expect(ids.some((id) => id.startsWith('show:'))).toBe(true);
  }, 120_000);

  it('a follow-up in the thread, with no mention, is answered with the inherited letter', async () => {
    const a = await followUp(threadId, 'And what did he ask for?');
    const text = textOf(a.data);
    expect(text).toContain('Following up on Tunne Kelam → Manuel Valls, 29 June 2016');
    expect(text).toContain('to cancel the extradition decree');
    const when = textOf((await followUp(threadId, 'When was that?')).data);
    expect(when).toContain('29 June 2016');
    expect(when).not.toContain(DELVAUX);
    const cc = textOf((await followUp(threadId, 'Who else got a copy?')).data);
    expect(cc).toContain('Jean-Jacques Urvoas');
  }, 180_000);

  it('a follow-up that names someone new starts afresh', async () => {
    const a = textOf((await followUp(threadId, 'What did Delvaux-Stehres write?')).data);
    expect(a).not.toContain('Following up on');
    expect(a).toContain(`\`${DELVAUX}\``);
    const b = textOf((await followUp(threadId, 'What about Akhmadov?')).data);
    expect(b).not.toContain('Following up on');
    expect(b).toContain(`\`${AKHMADOV}\``);
  }, 180_000);

  it('👍 is recorded; 👎 opens a modal whose reason is recorded; the log holds no user id', async () => {
    const up = customIds(firstAnswer.data).find((id) => id.startsWith('fb:up:'))!;
    const down = customIds(firstAnswer.data).find((id) => id.startsWith('fb:down:'))!;
    const upId = emu.sendInteraction({ type: 'button', customId: up, messageId: firstAnswer.data.id, channelId: threadId });
    const upReply = await emu.waitForInteractionResponse(upId, (r) => r.callbackType === 4, 10_000);
    expect(upReply.ephemeral).toBe(true);
    const downId = emu.sendInteraction({ type: 'button', customId: down, messageId: firstAnswer.data.id, channelId: threadId });
    await emu.waitForInteractionResponse(downId, (r) => r.callbackType === 9, 10_000);
    const modal = emu.modalShown(downId)!;
    expect(modal.custom_id).toBe(`fb:why:${down.split(':')[2]}`);
    const submit = emu.sendInteraction({ type: 'modal', modalOf: downId, fields: { reason: 'It quoted the wrong paragraph' } } as never);
    const thanks = await emu.waitForInteractionResponse(submit, (r) => r.callbackType === 4, 10_000);
    expect(thanks.ephemeral).toBe(true);
    await emu.waitUntil(() => existsSync(join(DATA, 'feedback.jsonl')) && /It quoted the wrong paragraph/.test(readFileSync(join(DATA, 'feedback.jsonl'), 'utf8')), 10_000, 'the feedback entry');
    const log = readFileSync(join(DATA, 'feedback.jsonl'), 'utf8');
    const entries = log.trim().split('\n').map((l) => JSON.parse(l));
    expect(entries.find((e) => e.kind === 'feedback' && e.vote === 'down')).toMatchObject({ answerId: down.split(':')[2], question: 'What is Kelam asking France for?', letterIds: [KELAM] });
    expect(entries.some((e) => e.kind === 'feedback' && e.vote === 'up')).toBe(true);
    expect(log).not.toContain(emu.userIds.member);
  }, 60_000);

  it('Show letter opens the cited letter, ephemerally, with the quoted sentences marked', async () => {
    const show = customIds(firstAnswer.data).find((id) => id.startsWith('show:'))!;
    const id = emu.sendInteraction({ type: 'button', customId: show, messageId: firstAnswer.data.id, channelId: threadId });
    const reply = await emu.waitForInteractionResponse(id, (r) => r.callbackType === 4, 10_000);
    expect(reply.ephemeral).toBe(true);
    const text = textOf(reply.body.data ?? reply.body);
    expect(text).toContain('Tunne Kelam → Manuel Valls');
    expect(text).toMatch(/\*\*[^*]*cancel the extradition decree[^*]*\*\*/);
    expect(reply.files.length).toBe(1);
  }, 30_000);

  it('/ask private:true answers ephemerally, with no thread button; /ask offers a thread to follow up in', async () => {
    const priv = emu.sendInteraction({ type: 'command', name: 'ask', options: { question: 'Which court approved the extradition?', private: true } });
    const deferred = await emu.waitForInteractionResponse(priv, (r) => r.callbackType === 5, 10_000);
    expect(deferred.ephemeral).toBe(true);
    const edit = await emu.waitForInteractionResponse(priv, (r) => r.kind === 'editOriginal', 90_000);
    expect(textOf(edit.body)).toContain('Court of Appeal in Lyon');
    expect(customIds(edit.body).some((c) => c.startsWith('thread:'))).toBe(false);

    const open = emu.sendInteraction({ type: 'command', name: 'ask', options: { question: 'Which court approved the extradition?' } });
    const answer = await emu.waitForInteractionResponse(open, (r) => r.kind === 'editOriginal', 90_000);
    const button = customIds(answer.body).find((c) => c.startsWith('thread:'))!;
    expect(button).toBeDefined();
    const message = emu.originalMessage(open)!;
    const click = emu.sendInteraction({ type: 'button', customId: button, messageId: message.data.id });
    await emu.waitForInteractionResponse(click, (r) => r.callbackType === 4, 10_000);
    await emu.waitUntil(() => !!emu.threadOf(message.data.id), 10_000, 'a thread on the answer');
    const a = textOf((await followUp(emu.threadOf(message.data.id)!.id, 'When was that?')).data);
    expect(a).toContain('Following up on Mady Delvaux-Stehres');
    expect(a).toContain('25 May 2015');
  }, 240_000);

  it("the bot's own messages, and other bots', are never taken as questions", async () => {
    const before = emu.messagesIn(threadId).length;
    emu.sendMessage({ content: 'And what did he ask for?', channelId: threadId, author: 'bot' });
    await new Promise((r) => setTimeout(r, 4000));
    expect(emu.messagesIn(threadId).length).toBe(before + 1);
  }, 30_000);

  it('settings survive a restart, and the thread still remembers its conversation', async () => {
    const set = emu.sendInteraction({ type: 'command', name: 'settings', subcommand: 'channel', options: { reply: 'inline' }, user: 'admin' });
    const done = await emu.waitForInteractionResponse(set, (r) => r.callbackType === 4, 10_000);
    expect(done.body.data.content).toContain('replies in the channel');
    await stopBot();
    await startBot();
    const show = emu.sendInteraction({ type: 'command', name: 'settings', subcommand: 'show', user: 'admin' });
    const shown = await emu.waitForInteractionResponse(show, (r) => r.callbackType === 4, 10_000);
    expect(shown.body.data.content).toContain(`<#${emu.channelIds.general}>: mention: answers when mentioned; replies in the channel`);
    // The conversation of the first thread, rebuilt from its messages: its last answer quoted Akhmadov's letter.
    const a = textOf((await followUp(threadId, 'When was it written?')).data);
    expect(a).toContain('Following up on Ainhoa Ibarra Goñi');
    expect(a).toContain('8 July 2020');
    // Inline now: a mention is answered by a reply in the channel, no thread.
    const before = answersIn(emu.channelIds.general).length;
    const q = emu.sendMessage({ content: `<@${emu.userIds.bot}> Who wrote to Valls in 2015?`, author: 'member' });
    const reply = await nextAnswer(emu.channelIds.general, before);
    expect(reply.data.message_reference?.message_id).toBe(q);
    expect(emu.threadOf(q)).toBeUndefined();
  }, 300_000);

  it('in an off channel Epistle is silent, even when mentioned; /ask there gets an ephemeral hint', async () => {
    const set = emu.sendInteraction({ type: 'command', name: 'settings', subcommand: 'channel', options: { mode: 'off' }, user: 'admin' });
    await emu.waitForInteractionResponse(set, (r) => r.callbackType === 4, 10_000);
    const before = emu.messagesIn(emu.channelIds.general).length;
    emu.sendMessage({ content: `<@${emu.userIds.bot}> What is Kelam asking France for?`, author: 'member' });
    await new Promise((r) => setTimeout(r, 5000));
    expect(emu.messagesIn(emu.channelIds.general).length).toBe(before + 1);
    const ask = emu.sendInteraction({ type: 'command', name: 'ask', options: { question: 'What is Kelam asking France for?' } });
    const hint = await emu.waitForInteractionResponse(ask, (r) => r.callbackType === 4, 10_000);
    expect(hint.ephemeral).toBe(true);
    expect(hint.body.data.content).toMatch(/switched off in this channel/);
  }, 60_000);

  it('/report summarises the questions, the thumbs-down with its reason, and the letters cited', async () => {
    const id = emu.sendInteraction({ type: 'command', name: 'report', user: 'admin' });
    const reply = await emu.waitForInteractionResponse(id, (r) => r.kind === 'editOriginal', 30_000);
    const text = reply.body.content as string;
    expect(text).toContain('What is Kelam asking France for?');
    expect(text).toContain('It quoted the wrong paragraph');
    expect(text).toContain(KELAM);
  }, 60_000);
});
