import { Events } from 'discord.js';
import type { BotEvent } from '../context.js';
import { redact } from '../failures.js';

/** The client's own errors (an 'error' event with no listener would end the process): logged, the bot stays up. */
export const clientError: BotEvent<Events.Error> = {
  name: Events.Error,
  execute(ctx, error: Error) {
    ctx.log.error({ err: redact(error, ctx.config.DISCORD_TOKEN) }, 'Discord client error');
  },
};
