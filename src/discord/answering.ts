import type { LetterFilter } from '../search/filters.js';
import { turnOf, type Turn } from '../answer/follow-up.js';
import type { ChannelKind } from '../feedback/log.js';
import { newAnswerId } from '../feedback/log.js';
import type { AnsweredQuestion, BotContext } from './context.js';
import { renderAnswer, type MessagePayload } from './render.js';

/**
 * Answers a question as the next turn of its conversation (none for a question that starts one), and logs it.
 * A log that cannot be written costs the log entry, never the answer.
 */
export async function answerQuestion(
  ctx: BotContext,
  input: { question: string; userId: string; history?: readonly Turn[]; filter?: LetterFilter; channel: ChannelKind },
): Promise<AnsweredQuestion> {
  const { answer } = await ctx.limiter.run(() => ctx.service.followUp(input.question, input.history ?? [], input.filter));
  let answerId = newAnswerId();
  try {
    answerId = await ctx.feedback.logAnswer({ userId: input.userId, answer, channel: input.channel, answerId });
  } catch (err) {
    ctx.log.warn({ err }, 'could not write the feedback log');
  }
  return { answer, answerId, turn: turnOf(input.question, answer) };
}

/** An answer's first page with its buttons: More sources, 👍 👎, Show letter, and (for /ask) Follow up in a thread. */
export function answerMessage(ctx: BotContext, asked: AnsweredQuestion, opts: { threadButton?: boolean } = {}): MessagePayload {
  const key = ctx.sessions.put(asked);
  return renderAnswer(asked.answer, { moreId: `ask:${key}`, answerId: asked.answerId, showKey: key, threadKey: opts.threadButton ? key : undefined });
}

/** Records a failed question in the feedback log (best effort). */
export function logFailure(ctx: BotContext, question: string, userId: string, errorId: string): void {
  ctx.feedback.logError({ question, userId, errorId }).catch((err) => ctx.log.warn({ err }, 'could not write the feedback log'));
}
