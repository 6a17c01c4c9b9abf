import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { humanDate } from '../../letters/summary.js';
import { UploadError } from '../../service/uploads.js';
import type { BotContext, Command } from '../context.js';
import { canManage } from '../permissions.js';
import { inert, plain } from '../render.js';

// The checks live with the service (LetterService.addLetters); re-exported for the tests that import them here.
export { UploadError, looksExecutable, safeLetterName } from '../../service/uploads.js';

/** An attachment's bytes, stopped as soon as they pass `maxBytes`. */
async function download(url: string, maxBytes: number): Promise<Buffer> {
  const res = await fetch(url);
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
    const maxBytes = ctx.service.opts.maxBytes;
    // Checked, saved and indexed by the service; the file is downloaded only once its name has passed.
    const { files, report } = await ctx.service.addLetters(
      [
        {
          name: attachment.name,
          size: attachment.size,
          bytes: () => download(attachment.url, maxBytes),
          sender: interaction.options.getString('sender'),
          recipient: interaction.options.getString('recipient'),
          date: interaction.options.getString('date'),
          replace: interaction.options.getBoolean('replace') ?? false,
        },
      ],
      '/add-letter',
    );
    const added = files[0];
    if (!added.added) {
      await interaction.editReply(plain(`Not added: ${inert(added.reason)}`));
      return;
    }
    const m = added.meta;
    await interaction.editReply(
      plain(
        [
          report
            ? `Added **${inert(added.file)}** (${report.added} added, ${report.changed} changed):`
            : `Saved **${inert(added.file)}**; Epistle is shutting down, so it is indexed at the next start:`,
          `From: ${inert(m.sender ?? 'unknown')}${m.senderRole ? `, ${inert(m.senderRole)}` : ''}`,
          `To: ${inert(m.recipients.map((r) => r.name).join(', ') || 'unknown')}`,
          `Date: ${humanDate(m.date)}${m.place ? `, ${inert(m.place)}` : ''}`,
          `Passages: ${added.passages}`,
        ].join('\n'),
      ),
    );
  },
};
