import { AttachmentBuilder, EmbedBuilder, MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { humanDate } from '../../letters/summary.js';
import type { BotContext, Command } from '../context.js';
import { inert, NO_MENTIONS, plain } from '../render.js';
import { autocompleteLetters } from './names.js';

export const letterCommand: Command = {
  data: new SlashCommandBuilder()
    .setName('letter')
    .setDescription('Show one letter: its metadata, its opening, and its full text as a file.')
    .addStringOption((o) => o.setName('id').setDescription('The letter').setRequired(true).setAutocomplete(true)),

  async execute(interaction: ChatInputCommandInteraction, ctx: BotContext) {
    const id = interaction.options.getString('id', true);
    const letter = ctx.service.letter(id);
    if (!letter) {
      await interaction.reply({ ...plain(`No letter \`${inert(id)}\`. Try /letters.`), flags: MessageFlags.Ephemeral });
      return;
    }
    const m = letter.meta;
    const person = (p: { name: string; role: string | null }) => inert(p.role ? `${p.name}, ${p.role}` : p.name);
    const opening = letter.body.slice(0, 700);
    const embed = new EmbedBuilder()
      .setTitle(inert(`${m.sender ?? 'Unknown sender'} → ${m.recipients.map((r) => r.name).join(', ') || '?'}`).slice(0, 256))
      .setDescription(`${opening.split('\n').map((l) => `> ${inert(l)}`).join('\n')}${letter.body.length > 700 ? '\n> …' : ''}`.slice(0, 4000))
      .addFields(
        { name: 'From', value: inert([m.sender ?? '?', m.senderRole].filter(Boolean).join(', ')).slice(0, 1024), inline: true },
        { name: 'To', value: (m.recipients.map(person).join('\n') || '?').slice(0, 1024), inline: true },
        { name: 'Date', value: `${humanDate(m.date)}${m.place ? `, ${inert(m.place)}` : ''}`, inline: true },
        ...(m.cc.length ? [{ name: 'CC', value: m.cc.map(person).join('\n').slice(0, 1024) }] : []),
      )
      .setFooter({ text: `${letter.file} · ${letter.labels.length} passages` });
    const file = new AttachmentBuilder(Buffer.from(letter.body, 'utf8'), { name: `${letter.id.split('/').pop()}.txt`, description: 'The cleaned full text' });
    await interaction.reply({ embeds: [embed], files: [file], allowedMentions: NO_MENTIONS });
  },

  autocomplete: autocompleteLetters,
};
