import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { MessageFlags, SlashCommandBuilder, type Attachment, type ChatInputCommandInteraction } from 'discord.js';
import { buildLetter } from '../../letters/catalogue.js';
import { parseDateValue } from '../../letters/dates.js';
import { extractLetter, SUPPORTED_EXTENSIONS } from '../../letters/readers/index.js';
import { sidecarPathFor } from '../../letters/sidecar-schema.js';
import { humanDate } from '../../letters/summary.js';
import type { BotContext, Command } from '../context.js';
import { canManage } from '../permissions.js';
import { inert, plain } from '../render.js';

export class UploadError extends Error {}

/** A safe file name inside the letters folder: no path, no hidden file, only plain characters. */
export function safeLetterName(name: string): string {
  const base = basename(name.replace(/\\/g, '/'));
  const ext = extname(base).toLowerCase();
  if (!SUPPORTED_EXTENSIONS.includes(ext)) throw new UploadError(`unsupported file type ${ext || '(none)'}; send ${SUPPORTED_EXTENSIONS.join(', ')}`);
  const stem = base.slice(0, base.length - ext.length).normalize('NFKD').replace(/[^\w.-]+/g, '_').replace(/^[._-]+/, '').slice(0, 80);
  if (!stem) throw new UploadError(`the file name ${JSON.stringify(name)} has no usable characters`);
  return `${stem}${ext}`;
}

/** Executables and scripts are refused whatever their extension. */
export function looksExecutable(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 4);
  return (
    head.toString('latin1', 0, 2) === 'MZ' || // Windows PE
    head.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46])) || // ELF
    [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(head.readUInt32BE(0)) || // Mach-O
    head.toString('latin1', 0, 2) === '#!'
  );
}

async function download(attachment: Attachment, maxBytes: number): Promise<Buffer> {
  if (attachment.size > maxBytes) throw new UploadError(`the file is ${(attachment.size / 1048576).toFixed(1)} MB; the limit is ${(maxBytes / 1048576).toFixed(1)} MB`);
  const res = await fetch(attachment.url);
  if (!res.ok || !res.body) throw new UploadError(`could not download the attachment (HTTP ${res.status})`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) throw new UploadError(`the file is over the ${(maxBytes / 1048576).toFixed(1)} MB limit`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

export const addLetterCommand: Command = {
  data: new SlashCommandBuilder()
    .setName('add-letter')
    .setDescription('Add a letter (text, e-mail, PDF, Word, HTML, or a scan: PNG, JPEG, TIFF) to the collection.')
    .setDefaultMemberPermissions(null)
    .addAttachmentOption((o) => o.setName('file').setDescription('The letter').setRequired(true))
    .addStringOption((o) => o.setName('sender').setDescription('Who wrote it (overrides what is read from it)').setMaxLength(200))
    .addStringOption((o) => o.setName('recipient').setDescription('To whom (overrides what is read from it)').setMaxLength(200))
    .addStringOption((o) => o.setName('date').setDescription('Its date, e.g. 2016-06-29 or 29 June 2016').setMaxLength(50))
    .addBooleanOption((o) => o.setName('replace').setDescription('Replace a letter of the same name')),

  async execute(interaction: ChatInputCommandInteraction, ctx: BotContext) {
    if (!canManage(interaction, ctx.config.LETTER_EDITOR_ROLE_ID)) {
      await interaction.reply({ ...plain('Only members who can manage this server, or letter editors, can add letters.'), flags: MessageFlags.Ephemeral });
      return;
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const attachment = interaction.options.getAttachment('file', true);
    const dateText = interaction.options.getString('date');
    const date = dateText ? parseDateValue(dateText) : null;
    try {
      if (dateText && !date) throw new UploadError(`"${dateText}" is not a date`);
      const name = safeLetterName(attachment.name);
      // Discord sends bare file names; a path (absolute, or climbing with ../) is an attempt, refused.
      if (/[\\/]/.test(attachment.name)) throw new UploadError('the file name must not contain a folder path');
      const lettersDir = resolve(ctx.lettersDir);
      const target = resolve(lettersDir, name);
      if (!target.startsWith(lettersDir + sep)) throw new UploadError('that file name points outside the letters folder');
      if (existsSync(target) && !interaction.options.getBoolean('replace')) throw new UploadError(`${name} already exists; set replace to replace it`);
      const bytes = await download(attachment, ctx.config.MAX_LETTER_BYTES);
      if (looksExecutable(bytes)) throw new UploadError('that file is a program, not a letter');

      // Checked where no watcher looks (a hidden file), then moved into place.
      const staging = join(dirname(target), `.upload-${interaction.id}${extname(name)}`);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(staging, bytes);
      const sidecar: Record<string, unknown> = {};
      const sender = interaction.options.getString('sender');
      const recipient = interaction.options.getString('recipient');
      if (sender) sidecar.sender = sender;
      if (recipient) sidecar.recipients = [recipient];
      if (date) sidecar.date = date;
      let preview;
      try {
        preview = buildLetter(name, await extractLetter(staging, { maxBytes: ctx.config.MAX_LETTER_BYTES }), sidecar as never);
      } catch (err) {
        await rm(staging, { force: true });
        throw new UploadError((err as Error).message);
      }
      if (Object.keys(sidecar).length) await writeFile(resolve(lettersDir, sidecarPathFor(name)), JSON.stringify(sidecar, null, 2) + '\n');
      await rename(staging, target);
      const report = await ctx.rebuilds.request(`/add-letter ${name}`);
      const m = preview.meta;
      await interaction.editReply(
        plain(
          [
            `Added **${inert(name)}** (${report.added} added, ${report.changed} changed):`,
            `From: ${inert(m.sender ?? 'unknown')}${m.senderRole ? `, ${inert(m.senderRole)}` : ''}`,
            `To: ${inert(m.recipients.map((r) => r.name).join(', ') || 'unknown')}`,
            `Date: ${humanDate(m.date)}${m.place ? `, ${inert(m.place)}` : ''}`,
            `Passages: ${preview.passages.length}`,
          ].join('\n'),
        ),
      );
    } catch (err) {
      if (!(err instanceof UploadError)) throw err;
      await interaction.editReply(plain(`Not added: ${inert(err.message)}`));
    }
  },
};
