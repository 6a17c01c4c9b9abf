import { wordCount } from '../text-utils.js';

/** One line of the cleaned body, trimmed, with its position. */
export interface BodyLine {
  text: string;
  index: number;
}

export function bodyLines(body: string): BodyLine[] {
  return body.split('\n').map((text, index) => ({ text: text.trim(), index }));
}

/** Lines longer than this are never names, titles or header fields. */
export const MAX_NAME_LINE = 300;

/** E-mail addresses, web addresses, phone and fax numbers: "jan@justice.example", "Tel. +420 …". */
export const CONTACT = /(?:\d{3,}|@|https?:|www\.|\btel\b|phone|fax|e-?mail)/i;

/** A postal address line: a number, a street, a building, a post box, "c/o …", how it is sent ("By e-mail and registered post"). */
export const ADDRESS_LINE =
  /\d|\b(?:street|st\.|road|rd\.|avenue|ave\.|boulevard|blvd|rue|via|viale|piazza|palazzo|palais|palace|hôtel|calle|plaza|platz|strasse|straße|gasse|lane|square|quai|p\.?\s?o\.?\s+box|cedex)\b|^c\/o\b|^(?:sent\s+)?by\s+(?:e-?mail|fax|post|registered|hand|courier)\b/i;
/** A street and a number: "Calle de Sueca, 21", "12 Rue du Lac". */
const STREET = /\b(?:street|st\.|road|rd\.|avenue|ave\.|boulevard|blvd|rue|via|viale|piazza|calle|plaza|platz|strasse|straße|gasse|lane|square|quai)\b/i;
export const isStreetAddress = (text: string): boolean => STREET.test(text) && /\d/.test(text);

/** A list item's marker: "- ", "* ", "• ", "1. ", "2) ". */
export const LIST_MARKER = /^(?:[-*•–·]|\d{1,3}[.)])\s+/;

/** A header line listing e-mail addresses, long as it may be: "Cc : Anne Peeters <anne@…>; Marc Dewitte <marc@…>". */
const ADDRESS_HEADER = /^[\p{L}][\p{L} .]{0,19}:\s*\S.*@[\w-]+\.[\w.-]+/u;
const isAddressHeader = (text: string) => text.length <= MAX_NAME_LINE && ADDRESS_HEADER.test(text);
/** A memo's or briefing's labelled header line, long as it may be: "For: Members of the … Committee visiting …, 22-26 September". */
const HEADER_LABEL = /^(?:to|from|for|cc|date|subject|prepared\s+(?:for|by))\s*:/i;

/** Which lines are running text, computed once per body: a long line that ends a sentence or runs on, or a line of a narrowly wrapped paragraph. */
const proseCache = new WeakMap<BodyLine[], boolean[]>();

function proseFlags(lines: BodyLine[]): boolean[] {
  let flags = proseCache.get(lines);
  if (!flags) {
    flags = lines.map((l, i) => wordCount(l.text) > 15 && !l.text.startsWith('#') && !isAddressHeader(l.text) && !HEADER_LABEL.test(l.text) && (/[.!?;:,"”’)»]$/.test(l.text) || Boolean(lines[i + 1]?.text)));
    markWrappedParagraphs(lines, flags);
    proseCache.set(lines, flags);
  }
  return flags;
}

/** Marks the lines of paragraphs wrapped at a narrow width: lines of 8 words or more, 20 in all, ending a sentence. */
function markWrappedParagraphs(lines: BodyLine[], flags: boolean[]): void {
  for (let first = 0; first < lines.length; first++) {
    if (!lines[first].text) continue;
    let last = first;
    while (last + 1 < lines.length && lines[last + 1].text) last++;
    const block = lines.slice(first, last + 1);
    const words = block.reduce((n, l) => n + wordCount(l.text), 0);
    const wrapped = block.length > 1 && words >= 20 && block.slice(0, -1).every((l) => wordCount(l.text) >= 8) && /[.!?:;]["”’)»]?$/.test(lines[last].text);
    if (wrapped) for (let i = first; i <= last; i++) flags[i] ||= !lines[i].text.startsWith('#');
    first = last;
  }
}

/** Whether line `i` is running text. */
export function isProse(lines: BodyLine[], i: number): boolean {
  return proseFlags(lines)[i];
}

/** Index of the first line of running text, or `lines.length`. */
export function firstProse(lines: BodyLine[]): number {
  const i = proseFlags(lines).indexOf(true);
  return i < 0 ? lines.length : i;
}

/** Index after the last line of running text, or 0. */
export function afterLastProse(lines: BodyLine[]): number {
  return proseFlags(lines).lastIndexOf(true) + 1;
}

/** Index after the last line before `to` that is running text or ends a sentence, or 0. */
export function afterLastSentence(lines: BodyLine[], to: number): number {
  for (let i = Math.min(to, lines.length) - 1; i >= 0; i--) {
    if (isProse(lines, i) || (wordCount(lines[i].text) >= 4 && /[.!?]["”’)»]?$/.test(lines[i].text))) return i + 1;
  }
  return 0;
}

/** The runs of non-blank lines between `from` and `to`. */
export function blocksBetween(lines: BodyLine[], from: number, to: number): BodyLine[][] {
  const blocks: BodyLine[][] = [];
  let block: BodyLine[] = [];
  for (let i = Math.max(from, 0); i < Math.min(to, lines.length); i++) {
    if (lines[i].text) block.push(lines[i]);
    else if (block.length) {
      blocks.push(block);
      block = [];
    }
  }
  if (block.length) blocks.push(block);
  return blocks;
}

/** Markdown heading marks and list markers removed: "# Open letter" → "Open letter". */
export function plainLine(text: string): string {
  return text.replace(/^#+\s*/, '').replace(LIST_MARKER, '').trim();
}
