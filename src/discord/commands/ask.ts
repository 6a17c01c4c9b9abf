import { MessageFlags, SlashCommandBuilder, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { MAX_QUESTION_LENGTH } from '../../answer/answerer.js';
import { answerMessage, answerQuestion } from '../answering.js';
import type { AnsweredQuestion, BotContext, Command } from '../context.js';
import { NO_MENTIONS, plain, renderAnswer } from '../render.js';
import { autocompleteNames } from './names.js';

export const askCommand: Command = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask the letters a question; the answer quotes them.')
    .addStringOption((o) => o.setName('question').setDescription('Your question').setRequired(true).setMaxLength(MAX_QUESTION_LENGTH))
    .addStringOption((o) => o.setName('recipient').setDescription('Only letters to this person').setAutocomplete(true))
    .addStringOption((o) => o.setName('sender').setDescription('Only letters from this person').setAutocomplete(true))
    .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer')),

  async execute(interaction: ChatInputCommandInteraction, ctx: BotContext) {
    const channelId = interaction.channel?.isThread() ? (interaction.channel.parentId ?? interaction.channelId) : interaction.channelId;
    if (interaction.inGuild() && ctx.settings.get(channelId).mode === 'off') {
      const open = Object.entries(ctx.settings.all()).filter(([, s]) => s.mode === 'all').map(([id]) => `<#${id}>`);
      const where = open.length ? `Ask in ${open.join(', ')}, or mention me in a channel where I'm on.` : "Mention me or use /ask in a channel where I'm on.";
      await interaction.reply({ ...plain(`I'm switched off in this channel. ${where}`), flags: MessageFlags.Ephemeral });
      return;
    }
    const question = interaction.options.getString('question', true);
    // Not left to the option's max_length: an over-long or empty question is refused at once, before deferring.
    const length = question.trim().length;
    if (!length || length > MAX_QUESTION_LENGTH) {
      const why = length ? `Your question is ${length} characters long; the limit is ${MAX_QUESTION_LENGTH}.` : 'Your question is empty.';
      await interaction.reply({ ...plain(why), flags: MessageFlags.Ephemeral });
      return;
    }
    const wait = ctx.cooldown.take(interaction.user.id);
    if (wait) {
      await interaction.reply({ ...plain(`You're asking quickly: please wait ${Math.ceil(wait / 1000)} s before the next question.`), flags: MessageFlags.Ephemeral });
      return;
    }
    const privately = interaction.options.getBoolean('private') ?? false;
    // Discord's 3-second deadline: acknowledge first, answer after.
    await interaction.deferReply(privately ? { flags: MessageFlags.Ephemeral } : {});
    const asked = await answerQuestion(ctx, {
      question,
      userId: interaction.user.id,
      filter: { recipient: interaction.options.getString('recipient') ?? undefined, sender: interaction.options.getString('sender') ?? undefined },
      channel: interaction.inGuild() ? (interaction.channel?.isThread() ? 'thread' : 'channel') : 'dm',
    });
    // A thread cannot start on an ephemeral message, nor in a DM or inside another thread.
    const threadButton = !privately && interaction.inGuild() && !interaction.channel?.isThread();
    await interaction.editReply(answerMessage(ctx, asked, { threadButton }));
  },

  autocomplete: autocompleteNames,

  async button(interaction: ButtonInteraction, ctx: BotContext) {
    const [, key, from] = interaction.customId.split(':');
    const answer = ctx.sessions.get<AnsweredQuestion>(key)?.answer;
    if (!answer) {
      await interaction.reply({ ...plain('That answer has expired; ask again.'), flags: MessageFlags.Ephemeral });
      return;
    }
    await interaction.reply({ ...renderAnswer(answer, { from: Number(from), moreId: `ask:${key}` }), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
  },
};
