import { ChannelType, Events, ThreadAutoArchiveDuration, type AnyThreadChannel, type Message } from 'discord.js';
import { QuestionError } from '../../answer/answerer.js';
import { answerMessage, answerQuestion, logFailure } from '../answering.js';
import { threadName } from '../components/thread.js';
import type { BotContext, BotEvent } from '../context.js';
import { redact, reportFailure } from '../failures.js';
import { plain } from '../render.js';
import { conversationOf } from '../threads.js';

/**
 * Questions in messages: an @mention, any message in a channel in mode `all`, and every message in a thread
 * Epistle started (a follow-up, answered with the thread's conversation).
 */
export const messageCreate: BotEvent<Events.MessageCreate> = {
  name: Events.MessageCreate,
  async execute(ctx, message: Message) {
    const me = message.client.user;
    if (message.author.bot || message.system || !me || !message.inGuild()) return;
    const channel = message.channel;
    const thread = channel.isThread() ? channel : null;
    // In a thread Epistle started, every message from a member is a question: no mention needed.
    const ownThread = !!thread && thread.ownerId === me.id;
    const setting = ctx.settings.get(thread?.parentId ?? message.channelId);
    if (setting.mode === 'off') return;
    const mentioned = message.mentions.users.has(me.id);
    if (!ownThread && !mentioned && setting.mode !== 'all') return;
    const question = message.content.replace(new RegExp(`<@!?${me.id}>`, 'g'), '').trim();
    if (!question) return;
    try {
      const wait = ctx.cooldown.take(message.author.id);
      if (wait) {
        await message.reply(plain(`You're asking quickly: please wait ${Math.ceil(wait / 1000)} s before the next question.`));
        return;
      }
      if (ownThread) {
        const history = await conversationOf(thread, ctx, me.id, message.id);
        const asked = await answerQuestion(ctx, { question, userId: message.author.id, history, channel: 'thread' });
        ctx.conversations.add(thread.id, asked.turn);
        await thread.send({ ...answerMessage(ctx, asked), reply: { messageReference: message.id, failIfNotExists: false } });
        return;
      }
      const threads = setting.reply === 'thread' && !thread && (channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement);
      const asked = await answerQuestion(ctx, { question, userId: message.author.id, channel: thread ? 'thread' : 'channel' });
      if (threads) {
        const started = await startThread(ctx, message, question);
        if (started) {
          ctx.conversations.set(started.id, [asked.turn]);
          await started.send(answerMessage(ctx, asked));
          return;
        }
      }
      await message.reply(answerMessage(ctx, asked));
    } catch (err) {
      if (err instanceof QuestionError) await message.reply(plain(err.message));
      else logFailure(ctx, question, message.author.id, await reportFailure(ctx, 'mention', err, (text) => message.reply(plain(text))));
    }
  },
};

/** A thread on the question; null when Discord refuses (no permission): the answer then goes inline. */
async function startThread(ctx: BotContext, message: Message<true>, question: string): Promise<AnyThreadChannel | null> {
  try {
    return await message.startThread({ name: threadName(question), autoArchiveDuration: ThreadAutoArchiveDuration.OneDay });
  } catch (err) {
    ctx.log.warn({ err: redact(err, ctx.config.DISCORD_TOKEN), channelId: message.channelId }, 'could not start a thread; answering inline');
    return null;
  }
}
