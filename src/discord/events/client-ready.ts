import { Events, type Client } from 'discord.js';
import type { BotEvent } from '../context.js';

/** Connected: the gateway session is ready. */
export const clientReady: BotEvent<Events.ClientReady> = {
  name: Events.ClientReady,
  once: true,
  execute(ctx, client: Client<true>) {
    ctx.log.info({ user: client.user.tag, guilds: client.guilds.cache.size }, 'connected to Discord');
  },
};
