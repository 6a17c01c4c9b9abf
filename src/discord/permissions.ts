import { PermissionFlagsBits, type GuildMember, type APIInteractionGuildMember, type Interaction } from 'discord.js';

/** Manage Server, or (for letter editing) the configured editor role. */
export function canManage(interaction: Interaction, editorRoleId?: string): boolean {
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  if (!editorRoleId) return false;
  const member = interaction.member as GuildMember | APIInteractionGuildMember | null;
  if (!member) return false;
  const roles = member.roles;
  return Array.isArray(roles) ? roles.includes(editorRoleId) : roles.cache.has(editorRoleId);
}
