import { ChannelType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { ChannelSetting } from '../channel-settings.js';
import type { BotContext, Command } from '../context.js';
import { canManage } from '../permissions.js';
import { plain } from '../render.js';

const MODES: Record<ChannelSetting['mode'], string> = {
  off: 'off: silent, even when mentioned',
  mention: 'mention: answers when mentioned',
  all: 'all: every message is a question',
};

const describe = (s: ChannelSetting) => `${MODES[s.mode]}; replies ${s.reply === 'thread' ? 'in a thread' : 'in the channel'}`;

/** /settings channel, /settings show: where Epistle answers and how (Manage Server). */
export const settingsCommand: Command = {
  data: new SlashCommandBuilder()
    .setName('settings')
    .setDescription('Where Epistle answers, and how.')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .addSubcommand((s) =>
      s
        .setName('channel')
        .setDescription("Set a channel's mode and reply style.")
        .addStringOption((o) =>
          o.setName('mode').setDescription('When Epistle answers here').addChoices({ name: 'off', value: 'off' }, { name: 'mention', value: 'mention' }, { name: 'all', value: 'all' }),
        )
        .addStringOption((o) => o.setName('reply').setDescription('Answer in a thread or in the channel').addChoices({ name: 'thread', value: 'thread' }, { name: 'inline', value: 'inline' }))
        .addChannelOption((o) => o.setName('channel').setDescription('The channel (default: this one)').addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement)),
    )
    .addSubcommand((s) => s.setName('show').setDescription('Show the channel settings.')),

  async execute(interaction: ChatInputCommandInteraction, ctx: BotContext) {
    if (!interaction.inGuild() || !canManage(interaction)) {
      await interaction.reply({ ...plain('Only members with Manage Server can change the settings.'), flags: MessageFlags.Ephemeral });
      return;
    }
    if (interaction.options.getSubcommand() === 'show') {
      const saved = Object.entries(ctx.settings.all()).map(([id, s]) => `<#${id}>: ${describe(s)}`);
      const here = interaction.channel?.isThread() ? (interaction.channel.parentId ?? interaction.channelId) : interaction.channelId;
      const lines = [`This channel, <#${here}>: ${describe(ctx.settings.get(here))}.`, saved.length ? `Channels set:\n${saved.join('\n')}` : 'No channel is set: every channel follows the default.', `Default: ${describe(ctx.settings.get('0'))}.`];
      await interaction.reply({ ...plain(lines.join('\n')), flags: MessageFlags.Ephemeral });
      return;
    }
    const mode = interaction.options.getString('mode') as ChannelSetting['mode'] | null;
    const reply = interaction.options.getString('reply') as ChannelSetting['reply'] | null;
    const channelId = interaction.options.getChannel('channel')?.id ?? interaction.channelId;
    if (!mode && !reply) {
      await interaction.reply({ ...plain('Give a mode, a reply style, or both.'), flags: MessageFlags.Ephemeral });
      return;
    }
    const now = await ctx.settings.set(channelId, { ...(mode ? { mode } : {}), ...(reply ? { reply } : {}) });
    ctx.log.info({ channelId, ...now }, 'channel settings changed');
    await interaction.reply({ ...plain(`<#${channelId}>: ${describe(now)}.`), flags: MessageFlags.Ephemeral });
  },
};
