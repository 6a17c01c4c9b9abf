import { AttachmentBuilder, MessageFlags, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { parseSince } from '../../commands/report.js';
import { UsageError } from '../../commands/errors.js';
import { renderReportText, summarise } from '../../feedback/report.js';
import type { BotContext, Command } from '../context.js';
import { canManage } from '../permissions.js';
import { LIMITS, NO_MENTIONS, plain } from '../render.js';

/** /report: questions, coverage gaps, thumbs-down and citations from the feedback log (Manage Server). */
export const reportCommand: Command = {
  data: new SlashCommandBuilder()
    .setName('report')
    .setDescription('What was asked, what went unanswered, and the feedback.')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .addStringOption((o) => o.setName('since').setDescription('From this date (YYYY-MM-DD)')),

  async execute(interaction: ChatInputCommandInteraction, ctx: BotContext) {
    if (!interaction.inGuild() || !canManage(interaction)) {
      await interaction.reply({ ...plain('Only members with Manage Server can read the report.'), flags: MessageFlags.Ephemeral });
      return;
    }
    if (ctx.config.FEEDBACK_LOG === 'off') {
      await interaction.reply({ ...plain('The feedback log is off (FEEDBACK_LOG=off): there is nothing to report.'), flags: MessageFlags.Ephemeral });
      return;
    }
    let since: Date | undefined;
    try {
      const given = interaction.options.getString('since');
      since = given ? parseSince(given) : undefined;
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      await interaction.reply({ ...plain(err.message.replace('--since', 'since')), flags: MessageFlags.Ephemeral });
      return;
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await ctx.feedback.flush();
    const { entries } = await ctx.feedback.readEntries({ since });
    const letters = ctx.service.letters().map((l) => ({ letterId: l.letterId, sender: l.sender, recipients: l.recipients, date: l.date }));
    const text = renderReportText(summarise(entries, { since, letters }));
    if (text.length <= LIMITS.content - 10) {
      await interaction.editReply({ content: `\`\`\`\n${text.replace(/`/g, "'")}\n\`\`\``.slice(0, LIMITS.content), allowedMentions: NO_MENTIONS });
      return;
    }
    const file = new AttachmentBuilder(Buffer.from(text, 'utf8'), { name: 'epistle-report.txt' });
    await interaction.editReply({ content: 'The report is long: it is attached.', files: [file], allowedMentions: NO_MENTIONS });
  },
};
