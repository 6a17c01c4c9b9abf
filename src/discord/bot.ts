import { Client, GatewayIntentBits, Partials } from 'discord.js';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { BuildStopped } from '../indexing/build.js';
import type { LetterService, UpdateEvent } from '../service/letter-service.js';
import { Conversations } from '../answer/follow-up.js';
import { FeedbackLog } from '../feedback/log.js';
import { startAnnouncer } from './announcer.js';
import { ChannelSettings } from './channel-settings.js';
import { Sessions, type BotContext } from './context.js';
import { Cooldown } from './cooldown.js';
import { events } from './events/index.js';
import { redact } from './failures.js';
import { Limiter } from './limiter.js';
import { NO_MENTIONS } from './render.js';
import { watchLetters } from './watcher.js';

export interface Bot {
  client: Client;
  /**
   * Shuts down within STOP_WITHIN_MS, whatever the network does: stops taking events and watching, stops the
   * running index update, gives the handlers in flight (answers) ANSWER_GRACE_MS, then disconnects.
   */
  stop(): Promise<void>;
}

/** How long the answers (and other handlers) in flight get to finish once a shutdown starts. */
export const ANSWER_GRACE_MS = 3000;
/** When `stop()` resolves at the latest. `docker stop` and systemd send SIGKILL 10 s after SIGTERM. */
export const STOP_WITHIN_MS = 4500;

/**
 * The intents the bot needs. Message content (privileged) is read for follow-ups in threads and in `all`
 * channels; MESSAGE_CONTENT_INTENT=off leaves it out, and then only mentions and slash commands are answered.
 */
export function intentsFor(config: Config): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];
  if (config.MESSAGE_CONTENT_INTENT === 'on') intents.push(GatewayIntentBits.MessageContent);
  return intents;
}

export async function startBot(opts: { service: LetterService; config: Config; lettersDir: string; log: Logger }): Promise<Bot> {
  const { config, log } = opts;
  const ctx: BotContext = {
    service: opts.service,
    config,
    lettersDir: opts.lettersDir,
    log,
    cooldown: new Cooldown(config.ASK_RATE_LIMIT, config.ASK_RATE_WINDOW_SECONDS * 1000),
    limiter: new Limiter(config.ANSWER_CONCURRENCY),
    sessions: new Sessions(),
    settings: loadSettings(config, log),
    feedback: FeedbackLog.fromConfig(config),
    conversations: new Conversations(),
  };
  const client = new Client({
    intents: intentsFor(config),
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    rest: config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {},
  });
  let closing = false;

  // Every index update (the watcher's, /reindex, /add-letter, and the one `npm start` began) in the log, with
  // the reasons of every request it serves.
  const unobserve = ctx.service.observeUpdates(logUpdate(log));

  // One file per gateway event (events/); the handlers in flight are what a shutdown waits for.
  const inFlight = new Set<Promise<void>>();
  for (const event of events) {
    const execute = event.execute as (ctx: BotContext, ...args: unknown[]) => Promise<void> | void;
    const listener = (...args: unknown[]) => {
      if (closing) return;
      const handled: Promise<void> = Promise.resolve()
        .then(() => execute(ctx, ...args))
        .catch((err: unknown) => log.error({ err: redact(err, config.DISCORD_TOKEN), event: event.name }, 'event handler failed'))
        .finally(() => inFlight.delete(handled));
      inFlight.add(handled);
    };
    if (event.once) client.once(event.name, listener);
    else client.on(event.name, listener);
  }

  const announcer = startAnnouncer(ctx, client);

  // Letters dropped into the folder: indexed (and then announced, by the announcer).
  const watcher = watchLetters(opts.lettersDir, () => {
    if (closing) return;
    ctx.service.reindex(false, 'letters folder changed').then(
      (r) => log.info({ added: r.added, changed: r.changed, removed: r.removed }, 'letters folder changed; index updated'),
      (err: unknown) => {
        if (!(err instanceof BuildStopped)) log.error({ err: redact(err, config.DISCORD_TOKEN) }, 'reindex after a change failed');
      },
    );
  });

  await client.login(config.DISCORD_TOKEN);

  let stopped: Promise<void> | null = null;
  return {
    client,
    stop() {
      stopped ??= (async () => {
        const t0 = performance.now();
        const left = () => Math.max(0, STOP_WITHIN_MS - (performance.now() - t0));
        closing = true;
        watcher.close();
        // At once: the running index update stops between two embedding calls (a first build goes on from its
        // last slice at the next start), and an update asked for meanwhile is dropped. Answers do not need it.
        const updates = ctx.service.close();
        // Answers in flight get their chance: with Discord unreachable their replies fail (or hang), so not forever.
        const answers = inFlight.size;
        const answered = await within(ANSWER_GRACE_MS, Promise.all(inFlight));
        await within(Math.min(500, left()), announcer.stop());
        await within(Math.min(500, left()), ctx.feedback.flush());
        // A gateway that cannot be reached would keep destroy() waiting for a close frame.
        const disconnected = await within(Math.min(1000, left()), client.destroy());
        const indexClosed = await within(left(), updates);
        unobserve();
        log.info(
          { ms: Math.round(performance.now() - t0), answers, unfinished: answered ? 0 : inFlight.size, disconnected, indexClosed },
          answered && disconnected && indexClosed ? 'shut down' : 'shut down at the deadline',
        );
      })();
      return stopped;
    },
  };
}

/** The bot's log of index updates: "index update started", "… finished" (with the counts) and "… failed". */
function logUpdate(log: Logger): (event: UpdateEvent) => void {
  return (e) => {
    if (e.phase === 'started') log.info({ why: e.why, full: e.full }, 'index update started');
    else if (e.phase === 'finished') log.info({ why: e.why, ms: e.ms, added: e.report?.added, changed: e.report?.changed, removed: e.report?.removed }, 'index update finished');
    else log.warn({ why: e.why, ms: e.ms, err: e.error?.message }, 'index update failed');
  };
}

/** Whether `work` settled within `ms` (its failure counts as settled: it is no longer running). */
async function within(ms: number, work: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(
      () => true,
      () => true,
    ), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** The channel settings in DATA_DIR; a damaged file is reported and the defaults apply. */
function loadSettings(config: Config, log: Logger): ChannelSettings {
  const { settings, problem } = ChannelSettings.load(config.DATA_DIR, config.ASK_CHANNEL_IDS);
  if (problem) log.error(problem);
  return settings;
}
