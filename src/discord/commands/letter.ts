import { readFile } from 'node:fs/promises';
import { basename, resolve, sep } from 'node:path';
import { AttachmentBuilder, EmbedBuilder, MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { StoredLetter } from '../../indexing/letter-index.js';
import { humanDate } from '../../letters/summary.js';
import type { BotContext, Command } from '../context.js';
import { inert, NO_MENTIONS, plain } from '../render.js';
import { autocompleteLetters } from './names.js';

/** The largest file Discord takes from a bot in a server without boosts (10 MiB). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * A scanned letter's original file (the image or PDF that OCR read), to check quotes against; or why it is not
 * attached. Only a file inside the letters folder is read.
 */
export async function originalScan(letter: StoredLetter, lettersDir: string): Promise<{ file: AttachmentBuilder } | { note: string } | null> {
  if (!letter.scan) return null;
  const root = resolve(lettersDir);
  const path = resolve(root, letter.file);
  if (!path.startsWith(root + sep)) return { note: 'the original scan is outside the letters folder' };
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return { note: 'the original scan could not be read' };
  }
  if (bytes.length > MAX_ATTACHMENT_BYTES) return { note: `the original scan (${(bytes.length / 1048576).toFixed(1)} MB) is too large to attach` };
  return { file: new AttachmentBuilder(bytes, { name: basename(letter.file), description: 'The original scan, which the text was read from by OCR' }) };
}

export const letterCommand: Command = {
  data: new SlashCommandBuilder()
    .setName('letter')
    .setDescription('Show one letter: its metadata, its opening, and its full text as a file.')
    .addStringOption((o) => o.setName('id').setDescription('The letter').setRequired(true).setAutocomplete(true)),

  async execute(interaction: ChatInputCommandInteraction, ctx: BotContext) {
    const id = interaction.options.getString('id', true);
    const letter = ctx.service.letter(id);
    if (!letter) {
      await interaction.reply({ ...plain(`No letter \`${inert(id)}\`. Try /letters.`), flags: MessageFlags.Ephemeral });
      return;
    }
    const m = letter.meta;
    const person = (p: { name: string; role: string | null }) => inert(p.role ? `${p.name}, ${p.role}` : p.name);
    const opening = letter.body.slice(0, 700);
    const embed = new EmbedBuilder()
      .setTitle(inert(`${m.sender ?? 'Unknown sender'} → ${m.recipients.map((r) => r.name).join(', ') || '?'}`).slice(0, 256))
      .setDescription(`${opening.split('\n').map((l) => `> ${inert(l)}`).join('\n')}${letter.body.length > 700 ? '\n> …' : ''}`.slice(0, 4000))
      .addFields(
        { name: 'From', value: inert([m.sender ?? '?', m.senderRole].filter(Boolean).join(', ')).slice(0, 1024), inline: true },
        { name: 'To', value: (m.recipients.map(person).join('\n') || '?').slice(0, 1024), inline: true },
        { name: 'Date', value: `${humanDate(m.date)}${m.place ? `, ${inert(m.place)}` : ''}`, inline: true },
        ...(m.cc.length ? [{ name: 'CC', value: m.cc.map(person).join('\n').slice(0, 1024) }] : []),
      );
    const file = new AttachmentBuilder(Buffer.from(letter.body, 'utf8'), { name: `${letter.id.split('/').pop()}.txt`, description: 'The cleaned full text' });
    // A scan's text is OCR text: the original goes with it, so quotes can be checked against the image. Uploading
    // it may take longer than Discord waits for a reply, so the reply is deferred first.
    if (letter.scan) await interaction.deferReply();
    const scan = await originalScan(letter, ctx.lettersDir);
    const pages = letter.scan?.pages.length ?? 0;
    const scanNote = scan ? ` · scanned, read by OCR (${pages} page${pages === 1 ? '' : 's'})${'note' in scan ? `; ${scan.note}` : ''}` : '';
    embed.setFooter({ text: `${letter.file} · ${letter.labels.length} passages${scanNote}`.slice(0, 2048) });
    const files = scan && 'file' in scan ? [file, scan.file] : [file];
    const message = { embeds: [embed], files, allowedMentions: NO_MENTIONS };
    if (interaction.deferred) await interaction.editReply(message);
    else await interaction.reply(message);
  },

  autocomplete: autocompleteLetters,
};
