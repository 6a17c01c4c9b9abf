import { MessageFlags, type ButtonInteraction, type StringSelectMenuInteraction } from 'discord.js';
import type { AnsweredQuestion, BotContext, Component } from '../context.js';
import { citedLetters, plain, renderLetterWithQuotes } from '../render.js';

/** Shows a cited letter, ephemerally, with the sentences the answer quoted in bold. */
async function show(interaction: ButtonInteraction | StringSelectMenuInteraction, ctx: BotContext, key: string, letterId?: string): Promise<void> {
  const asked = ctx.sessions.get<AnsweredQuestion>(key);
  const id = letterId ?? (asked ? citedLetters(asked.answer)[0]?.letterId : undefined);
  const letter = id ? ctx.service.letter(id) : undefined;
  if (!letter) {
    await interaction.reply({ ...plain(asked ? 'That letter is no longer in the index.' : 'That answer has expired; use /letter to open a letter.'), flags: MessageFlags.Ephemeral });
    return;
  }
  const quoted = (asked?.answer.citations ?? []).filter((c) => c.letterId === letter.id);
  await interaction.reply({ ...renderLetterWithQuotes(letter, quoted), flags: MessageFlags.Ephemeral });
}

export const showLetterComponent: Component = {
  prefix: 'show',
  async button(interaction, ctx) {
    await show(interaction, ctx, interaction.customId.split(':')[1]);
  },
  async select(interaction, ctx) {
    await show(interaction, ctx, interaction.customId.split(':')[1], interaction.values[0]);
  },
};
