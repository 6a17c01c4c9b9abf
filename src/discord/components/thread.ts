import { MessageFlags, ThreadAutoArchiveDuration, type ButtonInteraction } from 'discord.js';
import type { AnsweredQuestion, BotContext, Component } from '../context.js';
import { plain } from '../render.js';

/** A thread's name: the question, on one line, within Discord's 100 characters. */
export function threadName(question: string): string {
  const q = question.replace(/<@!?\d+>/g, '').replace(/\s+/g, ' ').trim() || 'Question';
  return q.length <= 90 ? q : `${q.slice(0, q.lastIndexOf(' ', 88) > 40 ? q.lastIndexOf(' ', 88) : 88)} …`;
}

/** "Follow up in a thread" under an /ask answer: a thread on the answer, remembering it as the first turn. */
export const threadComponent: Component = {
  prefix: 'thread',
  async button(interaction: ButtonInteraction, ctx: BotContext) {
    const asked = ctx.sessions.get<AnsweredQuestion>(interaction.customId.split(':')[1]);
    if (!asked) {
      await interaction.reply({ ...plain('That answer has expired; ask again.'), flags: MessageFlags.Ephemeral });
      return;
    }
    const message = interaction.message;
    const existing = message.thread;
    const thread = existing ?? (await message.startThread({ name: threadName(asked.answer.question), autoArchiveDuration: ThreadAutoArchiveDuration.OneDay }));
    if (!existing) ctx.conversations.set(thread.id, [asked.turn]);
    await interaction.reply({ ...plain(`Ask your follow-up questions in <#${thread.id}>: no need to mention me there.`), flags: MessageFlags.Ephemeral });
  },
};
