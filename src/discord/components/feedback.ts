import { ActionRowBuilder, MessageFlags, ModalBuilder, TextInputBuilder, TextInputStyle, type ButtonInteraction, type ModalSubmitInteraction } from 'discord.js';
import type { AnsweredQuestion, BotContext, Component } from '../context.js';
import { plain } from '../render.js';

/** The reason a 👎 may give, at most. */
const MAX_REASON = 1000;

/** The question and letters of an answer still in memory; after a restart the log joins them by answer id. */
function answered(ctx: BotContext, answerId: string): Pick<AnsweredQuestion['answer'], 'question'> & { letterIds: string[] } {
  const found = ctx.sessions.find<AnsweredQuestion>((s) => (s as AnsweredQuestion)?.answerId === answerId);
  return { question: found?.answer.question ?? '', letterIds: found?.turn.letterIds ?? [] };
}

async function record(ctx: BotContext, userId: string, answerId: string, vote: 'up' | 'down', reason?: string): Promise<void> {
  const { question, letterIds } = answered(ctx, answerId);
  await ctx.feedback.logFeedback({ userId, answerId, vote, question, letterIds, ...(reason ? { reason } : {}) });
}

/** 👍 records at once; 👎 asks for an optional reason in a modal. */
export const feedbackComponent: Component = {
  prefix: 'fb',

  async button(interaction: ButtonInteraction, ctx: BotContext) {
    const [, vote, answerId] = interaction.customId.split(':');
    if (vote === 'up') {
      await record(ctx, interaction.user.id, answerId, 'up');
      await interaction.reply({ ...plain('Thanks: noted that this answer helped.'), flags: MessageFlags.Ephemeral });
      return;
    }
    const modal = new ModalBuilder()
      .setCustomId(`fb:why:${answerId}`)
      .setTitle('What was wrong with this answer?')
      .addComponents(
        new ActionRowBuilder<TextInputBuilder>().addComponents(
          new TextInputBuilder().setCustomId('reason').setLabel('Reason (optional)').setStyle(TextInputStyle.Paragraph).setRequired(false).setMaxLength(MAX_REASON),
        ),
      );
    await interaction.showModal(modal);
  },

  async modal(interaction: ModalSubmitInteraction, ctx: BotContext) {
    const [, , answerId] = interaction.customId.split(':');
    const reason = interaction.fields.getTextInputValue('reason').trim().slice(0, MAX_REASON);
    await record(ctx, interaction.user.id, answerId, 'down', reason || undefined);
    await interaction.reply({ ...plain('Thanks: noted that this answer did not help.'), flags: MessageFlags.Ephemeral });
  },
};
