import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { BuildStopped, type BuildReport } from '../../indexing/build.js';
import type { BotContext, Command } from '../context.js';
import { canManage } from '../permissions.js';
import { inert, plain } from '../render.js';

export const reindexCommand: Command = {
  data: new SlashCommandBuilder()
    .setName('reindex')
    .setDescription('Update the index from the letters folder.')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addBooleanOption((o) => o.setName('full').setDescription('Rebuild everything, re-embedding every passage')),

  async execute(interaction: ChatInputCommandInteraction, ctx: BotContext) {
    // Discord hides the command from members without Manage Server; checked here too.
    if (!canManage(interaction)) {
      await interaction.reply({ ...plain('Only members who can manage this server can reindex.'), flags: MessageFlags.Ephemeral });
      return;
    }
    await interaction.deferReply();
    let r: BuildReport;
    try {
      r = await ctx.service.reindex(interaction.options.getBoolean('full') ?? false, `/reindex by ${interaction.user.id}`);
    } catch (err) {
      if (!(err instanceof BuildStopped)) throw err;
      await interaction.editReply(plain('Not reindexed: Epistle is shutting down. The index is brought up to date at the next start.'));
      return;
    }
    const lines = [
      `Reindexed in ${(r.durationMs / 1000).toFixed(1)} s: ${r.added} added, ${r.changed} changed, ${r.removed} removed, ${r.unchanged} unchanged.`,
      `${r.letters} letters, ${r.passages} passages (${r.passagesEmbedded} embedded now).`,
      ...(r.errors.length ? [`${r.errors.length} file(s) could not be read:`, ...r.errors.slice(0, 10).map((e) => `• ${inert(e.file)}: ${inert(e.reason)}`)] : []),
    ];
    await interaction.editReply(plain(lines.join('\n')));
  },
};
