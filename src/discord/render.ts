import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, escapeMarkdown, type MessageCreateOptions } from 'discord.js';
import type { Answer, Citation } from '../answer/answer.js';
import { humanDate, type LetterSummary } from '../letters/summary.js';

/** Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = { content: 2000, description: 4096, fields: 25, embedTotal: 6000, embeds: 10, title: 256 } as const;
/** Quotes per page of an answer. */
export const QUOTES_PER_PAGE = 3;
/** Letters per page of /letters. */
export const LETTERS_PER_PAGE = 10;

/** Nobody is ever pinged: not by a letter, not by a question. */
export const NO_MENTIONS = { parse: [] as never[], repliedUser: false };

export type MessagePayload = Pick<MessageCreateOptions, 'content' | 'embeds' | 'components' | 'files'> & { allowedMentions: typeof NO_MENTIONS };

/**
 * Text from a letter or a user, made inert: no markdown (emphasis, code, spoilers, headings, lists, block
 * quotes, masked links), no mentions, no links that render as pings.
 */
export function inert(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true })
    .replace(/[[\]]/g, '\\$&') // every masked link, not only the first of a line (escapeMarkdown's maskedLink)
    .replace(/^( *)(-#|>)/gm, '$1\\$2') // subtext, block quotes
    .replace(/@/g, '@\u200b')
    .replace(/<#/g, '<\u200b#');
}

/** Metadata on one line: a line break in a name must not start a line of its own (a forged citation). */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
/** A lead (an overview of many letters) leaves room for its quotes. */
const MAX_LEAD_CHARS = 1500;
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, text.lastIndexOf(' ', max - 2))} …`);

/** One quote as a block quote with its citation line. Every line of the quote stays inside the block quote. */
export function quoteBlock(c: Citation): string {
  const lines = c.quote.split(/\r\n?|[\n\u2028\u2029]/).map((l) => `> ${inert(l)}`);
  const who = oneLine(`${c.sender ?? 'Unknown sender'} → ${c.recipients.join(', ') || '?'}, ${humanDate(c.date)}`);
  return `${lines.join('\n')}\n— ${inert(who)} · \`${oneLine(c.letterId).replace(/`/g, "'")}\``;
}

/** A block longer than an embed allows is cut at a line, and says so: never silently. */
function fit(block: string, max: number): string {
  if (block.length <= max) return block;
  const cut = block.lastIndexOf('\n', max - 40);
  return `${block.slice(0, cut > 0 ? cut : max - 40)}\n> … (quote continues in the letter)`;
}

/**
 * Packs blocks into embed descriptions: whole blocks only, within 4096 characters an embed and 6000
 * a message. Returns the pages of descriptions and how many blocks fitted.
 */
export function packBlocks(head: string, blocks: string[]): { descriptions: string[]; used: number } {
  const descriptions: string[] = [];
  let current = head;
  let total = head.length;
  let used = 0;
  for (const raw of blocks) {
    const block = fit(raw, LIMITS.description - 10);
    const sep = current ? '\n\n' : '';
    if (current.length + sep.length + block.length <= LIMITS.description) {
      if (total + sep.length + block.length > LIMITS.embedTotal - 200) break;
      current += sep + block;
      total += sep.length + block.length;
    } else {
      if (total + block.length > LIMITS.embedTotal - 200 || descriptions.length + 2 > LIMITS.embeds) break;
      descriptions.push(current);
      current = block;
      total += block.length;
    }
    used++;
  }
  if (current) descriptions.push(current);
  return { descriptions, used };
}

/** An answer page: the lead, then quotes `from`..`from+3`, and a "More sources" button while more remain. */
export function renderAnswer(answer: Answer, opts: { from?: number; moreId?: string } = {}): MessagePayload {
  const from = opts.from ?? 0;
  const head = from === 0 ? `**${inert(clip(oneLine(answer.lead), MAX_LEAD_CHARS))}**` : `**More sources** (${from + 1}–)`;
  const perPage = from === 0 ? Math.max(QUOTES_PER_PAGE, answer.show ?? 0) : QUOTES_PER_PAGE;
  const blocks = answer.citations.slice(from, from + perPage).map(quoteBlock);
  if (answer.abstained && answer.closest.length && from === 0) {
    blocks.push(`Closest letters:\n${answer.closest.map((l) => `• ${inert(oneLine(`${l.sender ?? '?'} → ${l.recipients.join(', ') || '?'}, ${humanDate(l.date)}`))} · \`${l.letterId}\``).join('\n')}`);
  }
  const { descriptions, used } = packBlocks(head, blocks);
  const embeds = descriptions.map((d, i) => {
    const e = new EmbedBuilder().setDescription(d).setColor(answer.abstained ? 0x99aab5 : 0x5865f2);
    if (i === descriptions.length - 1) e.setFooter({ text: `${answer.citations.length} source${answer.citations.length === 1 ? '' : 's'} · quotes are verbatim` });
    return e;
  });
  const shown = from + Math.min(used, perPage);
  const components = [];
  if (opts.moreId && shown < answer.citations.length) {
    components.push(
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId(`${opts.moreId}:${shown}`).setLabel(`More sources (${answer.citations.length - shown})`).setStyle(ButtonStyle.Secondary),
      ),
    );
  }
  return { embeds, components, allowedMentions: NO_MENTIONS };
}

/** A page of the catalogue, with previous/next buttons when there is more than one page. */
export function renderLetters(rows: LetterSummary[], page: number, pagerId: string | null, title: string): MessagePayload {
  const pages = Math.max(1, Math.ceil(rows.length / LETTERS_PER_PAGE));
  const p = Math.min(Math.max(page, 0), pages - 1);
  const slice = rows.slice(p * LETTERS_PER_PAGE, (p + 1) * LETTERS_PER_PAGE);
  const lines = slice.map(
    (r) => `**${humanDate(r.date)}** · ${inert(r.sender ?? '?')} → ${inert(r.recipients.join(', ') || '?')}${r.cc.length ? ` (cc ${inert(r.cc.join(', '))})` : ''} · \`${r.letterId}\``,
  );
  const embed = new EmbedBuilder()
    .setTitle(inert(title).slice(0, LIMITS.title))
    .setDescription(lines.length ? lines.join('\n').slice(0, LIMITS.description) : 'No letters match.')
    .setFooter({ text: `${rows.length} letter${rows.length === 1 ? '' : 's'}${pages > 1 ? ` · page ${p + 1} of ${pages}` : ''}` });
  const components = [];
  if (pagerId && pages > 1) {
    components.push(
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId(`${pagerId}:${p - 1}`).setLabel('Previous').setStyle(ButtonStyle.Secondary).setDisabled(p === 0),
        new ButtonBuilder().setCustomId(`${pagerId}:${p + 1}`).setLabel('Next').setStyle(ButtonStyle.Secondary).setDisabled(p >= pages - 1),
      ),
    );
  }
  return { embeds: [embed], components, allowedMentions: NO_MENTIONS };
}

/** Plain text that must fit one message: cut at a line boundary. */
export function plain(text: string): MessagePayload {
  const t = text.length <= LIMITS.content ? text : `${text.slice(0, text.lastIndexOf('\n', LIMITS.content - 20))}\n…`;
  return { content: t, allowedMentions: NO_MENTIONS };
}
