import { MessageType, type AnyThreadChannel, type Message } from 'discord.js';
import type { Turn } from '../answer/follow-up.js';
import type { BotContext } from './context.js';
import { ABSTAINED_COLOUR, letterIdsOfRendered } from './render.js';
import { MAX_CONTEXT_LETTERS } from '../answer/follow-up.js';

/** Messages read back to rebuild a conversation: the last 10 turns fit. */
const REBUILD_MESSAGES = 50;

/**
 * The conversation of one of Epistle's threads: from memory, or, after a restart, rebuilt from the thread's own
 * messages (each member's question, then Epistle's answer and the letters it cited). `before`: the message
 * being answered, left out.
 */
export async function conversationOf(thread: AnyThreadChannel, ctx: BotContext, botId: string, before: string): Promise<Turn[]> {
  const known = ctx.conversations.get(thread.id);
  if (known.length) return known;
  try {
    const fetched = await thread.messages.fetch({ limit: REBUILD_MESSAGES, before });
    // Discord lists a placeholder (type 21) for the message the thread was started on: read that message itself.
    const messages = [...fetched.values()].filter((m) => m.type !== MessageType.ThreadStarterMessage).sort((a, b) => a.createdTimestamp - b.createdTimestamp);
    // A thread started on a question (or on an /ask answer): its starter message has the thread's id.
    const starter = await thread.fetchStarterMessage().catch(() => null);
    if (starter && !messages.some((m) => m.id === starter.id)) messages.unshift(starter);
    ctx.conversations.set(thread.id, turnsOf(messages, botId));
  } catch (err) {
    ctx.log.warn({ err, threadId: thread.id }, 'could not read the thread back; the question stands alone');
  }
  return ctx.conversations.get(thread.id);
}

/** Question/answer pairs of a thread, oldest first. */
export function turnsOf(messages: Message[], botId: string): Turn[] {
  const turns: Turn[] = [];
  let question: string | null = null;
  for (const m of messages) {
    if (m.author.id !== botId) {
      if (!m.author.bot) question = m.content.replace(new RegExp(`<@!?${botId}>`, 'g'), '').trim() || null;
      continue;
    }
    // The starter of an /ask thread is Epistle's own answer: its question is not in the thread.
    const descriptions = m.embeds.map((e) => e.description ?? '').filter(Boolean);
    if (!descriptions.length) continue;
    const abstained = m.embeds[0]?.color === ABSTAINED_COLOUR;
    turns.push({
      question: question ?? '',
      letterIds: abstained ? [] : letterIdsOfRendered(descriptions).slice(0, MAX_CONTEXT_LETTERS),
      quoted: [],
      at: m.createdTimestamp,
    });
    question = null;
  }
  return turns;
}
