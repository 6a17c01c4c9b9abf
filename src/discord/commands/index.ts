import { PermissionFlagsBits } from 'discord.js';
import type { Command } from '../context.js';
import { addLetterCommand } from './add-letter.js';
import { askCommand } from './ask.js';
import { letterCommand } from './letter.js';
import { lettersCommand } from './letters.js';
import { reindexCommand } from './reindex.js';
import { reportCommand } from './report.js';
import { settingsCommand } from './settings.js';

export const commands: Command[] = [askCommand, lettersCommand, letterCommand, reindexCommand, addLetterCommand, settingsCommand, reportCommand];

/** The JSON Discord registers. With an editor role configured, /add-letter is open to all and gated in the handler. */
export function commandPayloads(editorRoleConfigured: boolean) {
  return commands.map((c) => {
    const json = c.data.toJSON();
    if (c === addLetterCommand && !editorRoleConfigured) return { ...json, default_member_permissions: PermissionFlagsBits.ManageGuild.toString() };
    return json;
  });
}
