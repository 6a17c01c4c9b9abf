import { MessageFlags, SlashCommandBuilder, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { LetterSummary } from '../../letters/summary.js';
import type { BotContext, Command } from '../context.js';
import { plain, renderLetters } from '../render.js';
import { autocompleteNames } from './names.js';

interface Listing {
  rows: LetterSummary[];
  title: string;
}

export const lettersCommand: Command = {
  data: new SlashCommandBuilder()
    .setName('letters')
    .setDescription('List the letters, by date.')
    .addStringOption((o) => o.setName('recipient').setDescription('Letters to this person').setAutocomplete(true))
    .addStringOption((o) => o.setName('sender').setDescription('Letters from this person').setAutocomplete(true))
    .addIntegerOption((o) => o.setName('year').setDescription('Letters of this year').setMinValue(1000).setMaxValue(2999)),

  async execute(interaction: ChatInputCommandInteraction, ctx: BotContext) {
    const recipient = interaction.options.getString('recipient') ?? undefined;
    const sender = interaction.options.getString('sender') ?? undefined;
    const year = interaction.options.getInteger('year');
    const rows = ctx.service.letters({ recipient, sender, from: year ? `${year}-01-01` : undefined, to: year ? `${year}-12-31` : undefined });
    const title = ['Letters', sender && `from ${sender}`, recipient && `to ${recipient}`, year && `in ${year}`].filter(Boolean).join(' ');
    const key = ctx.sessions.put({ rows, title } satisfies Listing);
    await interaction.reply(renderLetters(rows, 0, `letters:${key}`, title));
  },

  autocomplete: autocompleteNames,

  async button(interaction: ButtonInteraction, ctx: BotContext) {
    const [, key, page] = interaction.customId.split(':');
    const listing = ctx.sessions.get<Listing>(key);
    if (!listing) {
      await interaction.reply({ ...plain('That list has expired; run /letters again.'), flags: MessageFlags.Ephemeral });
      return;
    }
    await interaction.update(renderLetters(listing.rows, Number(page), `letters:${key}`, listing.title));
  },
};
