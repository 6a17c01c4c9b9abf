import {
  ActionRowBuilder, AttachmentBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, escapeMarkdown, StringSelectMenuBuilder, type MessageCreateOptions,
} from 'discord.js';
import { progressNote, type Answer, type Citation } from '../answer/answer.js';
import type { StoredLetter } from '../indexing/letter-index.js';
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
  const who = oneLine(`${c.sender ?? 'Unknown sender'} → ${c.recipients.join(', ') || '?'}, ${humanDate(c.date)}${c.page ? `, p. ${c.page}${c.scanned ? ' (scanned)' : ''}` : ''}`);
  return `${lines.join('\n')}\n— ${inert(who)} · \`${oneLine(c.letterId).replace(/`/g, "'")}\``;
}

/** A block longer than an embed allows is cut at a line, and says so: never silently. */
function fitBlock(block: string, max: number): string {
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
    const block = fitBlock(raw, LIMITS.description - 10);
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

/** The buttons under an answer; each id is a custom-id prefix its handler reads. */
export interface AnswerControls {
  /** "More sources": `${moreId}:${from}`. */
  moreId?: string;
  /** 👍 / 👎: `fb:up:${answerId}`, `fb:down:${answerId}`. */
  answerId?: string;
  /** "Show letter": `show:${showKey}` (a select menu `show:${showKey}` when the answer cites several letters). */
  showKey?: string;
  /** "Follow up in a thread": `thread:${threadKey}`. */
  threadKey?: string;
}

/** The letters of an answer, each once, in order of citation. */
export function citedLetters(answer: Answer): Citation[] {
  const seen = new Set<string>();
  return answer.citations.filter((c) => !seen.has(c.letterId) && seen.add(c.letterId));
}

/** A follow-up says which letters it took its context from. */
function contextLine(answer: Answer): string | null {
  if (!answer.followUp) return null;
  const named = answer.followUp.letterIds.map((id) => {
    const c = answer.citations.find((x) => x.letterId === id);
    return c ? `${c.sender ?? 'Unknown sender'} → ${c.recipients.join(', ') || '?'}, ${humanDate(c.date)}` : id;
  });
  const previous = answer.followUp.previous ? ` (from “${inert(oneLine(clip(answer.followUp.previous, 120)))}”)` : '';
  return `-# Following up on ${inert(oneLine(named.join('; ')))}${previous}`;
}

/** An answer page: the lead, then quotes `from`..`from+3`, and its buttons. */
export function renderAnswer(answer: Answer, opts: { from?: number } & AnswerControls = {}): MessagePayload {
  const from = opts.from ?? 0;
  const context = from === 0 ? contextLine(answer) : null;
  const progress = from === 0 && answer.progress ? `\n-# ${progressNote(answer.progress)}` : '';
  const head = from === 0 ? `${context ? `${context}\n` : ''}**${inert(clip(oneLine(answer.lead), MAX_LEAD_CHARS))}**${progress}` : `**More sources** (${from + 1}–)`;
  const perPage = from === 0 ? Math.max(QUOTES_PER_PAGE, answer.show ?? 0) : QUOTES_PER_PAGE;
  const blocks = answer.citations.slice(from, from + perPage).map(quoteBlock);
  if (answer.abstained && answer.closest.length && from === 0) {
    blocks.push(`Closest letters:\n${answer.closest.map((l) => `• ${inert(oneLine(`${l.sender ?? '?'} → ${l.recipients.join(', ') || '?'}, ${humanDate(l.date)}`))} · \`${l.letterId}\``).join('\n')}`);
  }
  const { descriptions, used } = packBlocks(head, blocks);
  const embeds = descriptions.map((d, i) => {
    const e = new EmbedBuilder().setDescription(d).setColor(answer.abstained ? ABSTAINED_COLOUR : 0x5865f2);
    if (i === descriptions.length - 1) e.setFooter({ text: `${answer.citations.length} source${answer.citations.length === 1 ? '' : 's'} · quotes are verbatim` });
    return e;
  });
  const shown = from + Math.min(used, perPage);
  const buttons: ButtonBuilder[] = [];
  if (opts.moreId && shown < answer.citations.length) {
    buttons.push(new ButtonBuilder().setCustomId(`${opts.moreId}:${shown}`).setLabel(`More sources (${answer.citations.length - shown})`).setStyle(ButtonStyle.Secondary));
  }
  const letters = citedLetters(answer);
  if (from === 0 && opts.answerId) {
    buttons.push(
      new ButtonBuilder().setCustomId(`fb:up:${opts.answerId}`).setEmoji('👍').setStyle(ButtonStyle.Secondary),
      new ButtonBuilder().setCustomId(`fb:down:${opts.answerId}`).setEmoji('👎').setStyle(ButtonStyle.Secondary),
    );
  }
  if (from === 0 && opts.showKey && letters.length === 1) {
    buttons.push(new ButtonBuilder().setCustomId(`show:${opts.showKey}`).setLabel('Show letter').setStyle(ButtonStyle.Secondary));
  }
  if (from === 0 && opts.threadKey) {
    buttons.push(new ButtonBuilder().setCustomId(`thread:${opts.threadKey}`).setLabel('Follow up in a thread').setStyle(ButtonStyle.Primary));
  }
  const components: ActionRowBuilder<ButtonBuilder | StringSelectMenuBuilder>[] = [];
  if (buttons.length) components.push(new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(0, 5)));
  if (from === 0 && opts.showKey && letters.length > 1) {
    const menu = new StringSelectMenuBuilder()
      .setCustomId(`show:${opts.showKey}`)
      .setPlaceholder('Show a letter…')
      .addOptions(
        letters.slice(0, 25).map((c) => ({
          label: clip(oneLine(`${c.sender ?? 'Unknown sender'} → ${c.recipients.join(', ') || '?'}`), 100),
          description: clip(oneLine(`${humanDate(c.date)} · ${c.letterId}`), 100),
          value: c.letterId.slice(0, 100),
        })),
      );
    components.push(new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu));
  }
  return { embeds, components, allowedMentions: NO_MENTIONS };
}

/** The colour of an abstention: how a conversation rebuilt from a thread tells it from an answer. */
export const ABSTAINED_COLOUR = 0x99aab5;

/** Letter ids cited in a rendered answer's embeds (the `` `id` `` that ends each citation line). */
export function letterIdsOfRendered(descriptions: string[]): string[] {
  const ids: string[] = [];
  for (const d of descriptions) for (const m of d.matchAll(/^— .* · `([^`\n]+)`$/gm)) if (!ids.includes(m[1])) ids.push(m[1]);
  return ids;
}

/**
 * One letter, for "Show letter": its text around the quotes, the quoted sentences in bold, and the whole
 * cleaned text as a file.
 */
export function renderLetterWithQuotes(letter: StoredLetter, quoted: { start: number; end: number }[]): MessagePayload {
  const spans = [...quoted].filter((q) => q.end > q.start).sort((a, b) => a.start - b.start);
  const body = letter.body;
  const room = LIMITS.description - 200;
  // A window of the letter that starts shortly before the first quote.
  let from = spans.length ? Math.max(0, body.lastIndexOf('\n', Math.max(0, spans[0].start - 300)) + 1) : 0;
  if (spans.length && spans[0].start - from > 600) from = spans[0].start;
  let out = from > 0 ? '…\n' : '';
  let at = from;
  const add = (text: string, bold: boolean) => {
    const lines = text.split('\n').map((l) => (bold && l.trim() ? `**${inert(l)}**` : inert(l)));
    out += lines.join('\n');
  };
  for (const s of spans) {
    if (s.start < at || out.length > room) continue;
    add(body.slice(at, s.start), false);
    add(body.slice(s.start, s.end), true);
    at = s.end;
  }
  if (out.length < room) add(body.slice(at, at + (room - out.length)), false);
  if (out.length > room) out = `${out.slice(0, out.lastIndexOf('\n', room) > 0 ? out.lastIndexOf('\n', room) : room)}`;
  if (at < body.length || out.length >= room) out += '\n…';
  const m = letter.meta;
  const embed = new EmbedBuilder()
    .setTitle(inert(oneLine(`${m.sender ?? 'Unknown sender'} → ${m.recipients.map((r) => r.name).join(', ') || '?'}, ${humanDate(m.date)}`)).slice(0, LIMITS.title))
    .setDescription(out.slice(0, LIMITS.description))
    .setFooter({ text: `${letter.file} · quoted sentences in bold · the whole text is attached` });
  const file = new AttachmentBuilder(Buffer.from(body, 'utf8'), { name: `${letter.id.split('/').pop()}.txt`, description: 'The cleaned full text' });
  return { embeds: [embed], files: [file], components: [], allowedMentions: NO_MENTIONS };
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
