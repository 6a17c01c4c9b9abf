import { randomBytes } from 'node:crypto';
import {
  ChannelType, Client, Events, GatewayIntentBits, MessageFlags, Partials, ThreadAutoArchiveDuration, type AnyThreadChannel, type Interaction, type Message,
  type SendableChannels,
} from 'discord.js';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { QuestionError } from '../answer/answerer.js';
import { describeLetter } from '../answer/describe.js';
import type { LetterService } from '../service/letter-service.js';
import { Conversations } from '../answer/follow-up.js';
import { FeedbackLog } from '../feedback/log.js';
import { answerMessage, answerQuestion, logFailure } from './answering.js';
import { ChannelSettings } from './channel-settings.js';
import { commands } from './commands/index.js';
import { components } from './components/index.js';
import { threadName } from './components/thread.js';
import { Sessions, type BotContext } from './context.js';
import { conversationOf } from './threads.js';
import { Cooldown } from './cooldown.js';
import { Limiter } from './limiter.js';
import { Rebuilds } from './rebuilds.js';
import { NO_MENTIONS, inert, plain, renderAnswer } from './render.js';
import { watchLetters } from './watcher.js';

export interface Bot {
  client: Client;
  /** Finishes in-flight answers, stops watching, and disconnects. */
  stop(): Promise<void>;
}

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
    rebuilds: new Rebuilds((full) => opts.service.reindex(full), log),
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
  const byName = new Map(commands.map((c) => [c.data.name, c]));
  const byPrefix = new Map(components.map((c) => [c.prefix, c]));
  // Commands' own buttons ("ask:", "letters:") and the shared components ("fb:", "show:", "thread:").
  const componentFor = (customId: string) => {
    const prefix = customId.split(':')[0];
    return byPrefix.get(prefix) ?? byName.get(prefix);
  };
  let closing = false;

  /** The user gets a short message with an error id; the log gets the details. */
  const fail = async (where: string, err: unknown, reply: (text: string) => Promise<unknown>): Promise<string> => {
    const id = randomBytes(4).toString('hex');
    log.error({ errorId: id, where, err: redact(err, config.DISCORD_TOKEN) }, 'handler failed');
    await reply(`Sorry, something went wrong (error ${id}).`).catch((e) => log.warn({ errorId: id, err: redact(e, config.DISCORD_TOKEN) }, 'could not report the error'));
    return id;
  };

  client.on(Events.InteractionCreate, async (interaction: Interaction) => {
    if (closing) return;
    try {
      if (interaction.isChatInputCommand()) await byName.get(interaction.commandName)?.execute(interaction, ctx);
      else if (interaction.isAutocomplete()) await byName.get(interaction.commandName)?.autocomplete?.(interaction, ctx);
      else if (interaction.isButton()) await componentFor(interaction.customId)?.button?.(interaction, ctx);
      else if (interaction.isStringSelectMenu()) await byPrefix.get(interaction.customId.split(':')[0])?.select?.(interaction, ctx);
      else if (interaction.isModalSubmit()) await byPrefix.get(interaction.customId.split(':')[0])?.modal?.(interaction, ctx);
    } catch (err) {
      if (!interaction.isRepliable()) return log.error({ err: redact(err, config.DISCORD_TOKEN) }, 'autocomplete failed');
      const errorId = await fail(interaction.isCommand() ? `/${interaction.commandName}` : 'button', err, (text) =>
        interaction.deferred || interaction.replied
          ? interaction.followUp({ ...plain(text), flags: MessageFlags.Ephemeral })
          : interaction.reply({ ...plain(text), flags: MessageFlags.Ephemeral }),
      );
      // A question that failed is a coverage gap too: /report lists it.
      if (interaction.isChatInputCommand() && interaction.commandName === 'ask') logFailure(ctx, interaction.options.getString('question') ?? '', interaction.user.id, errorId);
    }
  });

  client.on(Events.MessageCreate, async (message: Message) => {
    if (closing || message.author.bot || message.system || !client.user || !message.inGuild()) return;
    const channel = message.channel;
    const thread = channel.isThread() ? channel : null;
    // In a thread Epistle started, every message from a member is a question: no mention needed.
    const ownThread = !!thread && thread.ownerId === client.user.id;
    const setting = ctx.settings.get(thread?.parentId ?? message.channelId);
    if (setting.mode === 'off') return;
    const mentioned = message.mentions.users.has(client.user.id);
    if (!ownThread && !mentioned && setting.mode !== 'all') return;
    const question = message.content.replace(new RegExp(`<@!?${client.user.id}>`, 'g'), '').trim();
    if (!question) return;
    try {
      const wait = ctx.cooldown.take(message.author.id);
      if (wait) {
        await message.reply(plain(`You're asking quickly: please wait ${Math.ceil(wait / 1000)} s before the next question.`));
        return;
      }
      if (ownThread) {
        const history = await conversationOf(thread, ctx, client.user.id, message.id);
        const asked = await answerQuestion(ctx, { question, userId: message.author.id, history, channel: 'thread' });
        ctx.conversations.add(thread.id, asked.turn);
        await thread.send({ ...answerMessage(ctx, asked), reply: { messageReference: message.id, failIfNotExists: false } });
        return;
      }
      const threads = setting.reply === 'thread' && !thread && (channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement);
      const asked = await answerQuestion(ctx, { question, userId: message.author.id, channel: thread ? 'thread' : 'channel' });
      if (threads) {
        const started = await startThread(message, question);
        if (started) {
          ctx.conversations.set(started.id, [asked.turn]);
          await started.send(answerMessage(ctx, asked));
          return;
        }
      }
      await message.reply(answerMessage(ctx, asked));
    } catch (err) {
      if (err instanceof QuestionError) await message.reply(plain(err.message));
      else logFailure(ctx, question, message.author.id, await fail('mention', err, (text) => message.reply(plain(text))));
    }
  });

  /** A thread on the question; null when Discord refuses (no permission): the answer then goes inline. */
  const startThread = async (message: Message<true>, question: string): Promise<AnyThreadChannel | null> => {
    try {
      return await message.startThread({ name: threadName(question), autoArchiveDuration: ThreadAutoArchiveDuration.OneDay });
    } catch (err) {
      log.warn({ err: redact(err, config.DISCORD_TOKEN), channelId: message.channelId }, 'could not start a thread; answering inline');
      return null;
    }
  };

  // Letters known so far, id → content hash. What to announce is what the index holds beyond them, whichever
  // update indexed it (the watcher's, /reindex, /add-letter): a full rebuild, whose report counts every letter as
  // added, announces nothing, and a letter another update picked up first is still announced.
  // During a first build every letter is new: the announcements start once it is done.
  let known: Map<string, string> | null = null;
  void ctx.service.ready.then(() => (known = ctx.service.holdings()));

  // New letters dropped into the folder: reindexed, then announced.
  const watcher = watchLetters(opts.lettersDir, () => {
    if (closing) return;
    void ctx.rebuilds
      .request('letters folder changed')
      .then(async (r) => {
        log.info({ added: r.added, changed: r.changed, removed: r.removed }, 'letters folder changed; index updated');
        const before = known;
        const now = ctx.service.holdings();
        if (!before) return;
        const added = [...now.keys()].filter((id) => !before.has(id));
        const changed = [...now].filter(([id, hash]) => before.has(id) && before.get(id) !== hash).map(([id]) => id);
        known = now;
        if (!config.ANNOUNCE_CHANNEL_ID || !(added.length || changed.length)) return;
        const channel = await client.channels.fetch(config.ANNOUNCE_CHANNEL_ID);
        if (!channel?.isSendable()) return;
        const lines = [...added.map((id) => ['New letter', id] as const), ...changed.map((id) => ['Updated letter', id] as const)].map(([what, id]) => {
          const l = ctx.service.letter(id);
          return `${what}: ${inert(l ? describeLetter(l.meta).replace(' to ', ' → ') : id)} · \`${id}\``;
        });
        await (channel as SendableChannels).send(plain(lines.join('\n')));
      })
      .catch((err) => log.error({ err: redact(err, config.DISCORD_TOKEN) }, 'reindex after a change failed'));
  });

  client.once(Events.ClientReady, (c) => log.info({ user: c.user.tag, guilds: c.guilds.cache.size }, 'connected to Discord'));
  await client.login(config.DISCORD_TOKEN);

  return {
    client,
    async stop() {
      closing = true;
      watcher.close();
      await ctx.limiter.idle();
      // A running index update stops between two embedding calls; a first build goes on at the next start.
      await ctx.service.close();
      await ctx.rebuilds.idle();
      await ctx.feedback.flush();
      await client.destroy();
    },
  };
}

/** The channel settings in DATA_DIR; a damaged file is reported and the defaults apply. */
function loadSettings(config: Config, log: Logger): ChannelSettings {
  const { settings, problem } = ChannelSettings.load(config.DATA_DIR, config.ASK_CHANNEL_IDS);
  if (problem) log.error(problem);
  return settings;
}

/** An error with the token scrubbed from its message and stack. */
export function redact(err: unknown, token: string | undefined): unknown {
  if (!token) return err;
  const scrub = (s: string) => s.split(token).join('[token]');
  if (err instanceof Error) {
    const copy = new Error(scrub(err.message));
    copy.name = err.name;
    copy.stack = err.stack ? scrub(err.stack) : undefined;
    return copy;
  }
  return typeof err === 'string' ? scrub(err) : err;
}
