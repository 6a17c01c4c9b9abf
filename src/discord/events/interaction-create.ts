import { Events, MessageFlags, type Interaction } from 'discord.js';
import { logFailure } from '../answering.js';
import { commands } from '../commands/index.js';
import { components } from '../components/index.js';
import type { BotEvent } from '../context.js';
import { redact, reportFailure } from '../failures.js';
import { plain } from '../render.js';

const byName = new Map(commands.map((c) => [c.data.name, c]));
const byPrefix = new Map(components.map((c) => [c.prefix, c]));
/** Commands' own buttons ("ask:", "letters:") and the shared components ("fb:", "show:", "thread:"). */
const componentFor = (customId: string) => {
  const prefix = customId.split(':')[0];
  return byPrefix.get(prefix) ?? byName.get(prefix);
};

/** Slash commands, autocomplete, buttons, select menus and modals, routed to commands/ and components/. */
export const interactionCreate: BotEvent<Events.InteractionCreate> = {
  name: Events.InteractionCreate,
  async execute(ctx, interaction: Interaction) {
    try {
      if (interaction.isChatInputCommand()) await byName.get(interaction.commandName)?.execute(interaction, ctx);
      else if (interaction.isAutocomplete()) await byName.get(interaction.commandName)?.autocomplete?.(interaction, ctx);
      else if (interaction.isButton()) await componentFor(interaction.customId)?.button?.(interaction, ctx);
      else if (interaction.isStringSelectMenu()) await byPrefix.get(interaction.customId.split(':')[0])?.select?.(interaction, ctx);
      else if (interaction.isModalSubmit()) await byPrefix.get(interaction.customId.split(':')[0])?.modal?.(interaction, ctx);
    } catch (err) {
      if (!interaction.isRepliable()) return void ctx.log.error({ err: redact(err, ctx.config.DISCORD_TOKEN) }, 'autocomplete failed');
      const errorId = await reportFailure(ctx, interaction.isCommand() ? `/${interaction.commandName}` : 'button', err, (text) =>
        interaction.deferred || interaction.replied
          ? interaction.followUp({ ...plain(text), flags: MessageFlags.Ephemeral })
          : interaction.reply({ ...plain(text), flags: MessageFlags.Ephemeral }),
      );
      // A question that failed is a coverage gap too: /report lists it.
      if (interaction.isChatInputCommand() && interaction.commandName === 'ask') logFailure(ctx, interaction.options.getString('question') ?? '', interaction.user.id, errorId);
    }
  },
};
