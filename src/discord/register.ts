import { REST, Routes } from 'discord.js';
import type { Config } from '../config.js';
import { commandPayloads } from './commands/index.js';

/** Registers the slash commands: in the guild DISCORD_GUILD_ID (at once) or globally (up to an hour). */
export async function registerCommands(config: Config): Promise<{ scope: string; count: number }> {
  if (!config.DISCORD_TOKEN) throw new Error('DISCORD_TOKEN is not set');
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(config.DISCORD_TOKEN);
  const app = (await rest.get(Routes.currentApplication())) as { id: string };
  const body = commandPayloads(!!config.LETTER_EDITOR_ROLE_ID);
  if (config.DISCORD_GUILD_ID) {
    await rest.put(Routes.applicationGuildCommands(app.id, config.DISCORD_GUILD_ID), { body });
    return { scope: `guild ${config.DISCORD_GUILD_ID}`, count: body.length };
  }
  await rest.put(Routes.applicationCommands(app.id), { body });
  return { scope: 'global', count: body.length };
}
