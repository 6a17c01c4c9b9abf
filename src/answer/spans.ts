import type { StoredLetter } from '../indexing/letter-index.js';
import { parseFullDate } from '../letters/dates.js';
import type { Span } from '../letters/passages.js';
import type { Person } from '../letters/types.js';
import { foldWords, isQuotedReply } from '../letters/text-utils.js';
import { isProse } from '../indexing/key-sentences.js';
import { isStreetAddress } from '../letters/metadata/lines.js';

/**
 * Where a letter states its own metadata, as spans of its body to quote: the dateline, the signature,
 * the CC block, the addressee, the opening.
 */

/** Lines of the body as spans, blank lines left out. */
export function lineSpans(letter: StoredLetter): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (const line of letter.body.split('\n')) {
    const lead = line.length - line.trimStart().length;
    if (line.trim()) out.push({ start: start + lead, end: start + line.trimEnd().length });
    start += line.length + 1;
  }
  return out;
}

const textOf = (letter: StoredLetter, s: Span) => letter.body.slice(s.start, s.end);

/** A block of consecutive lines from the first line that `from` accepts up to the last that `keep` does. */
export function blockSpan(letter: StoredLetter, from: (text: string) => boolean, keep: (text: string) => boolean, startAt = 0): Span | null {
  const lines = lineSpans(letter);
  const i = lines.findIndex((l, k) => k >= startAt && from(textOf(letter, l)));
  if (i < 0) return null;
  let j = i;
  while (j + 1 < lines.length && keep(textOf(letter, lines[j + 1]))) j++;
  return { start: lines[i].start, end: lines[j].end };
}

export function datelineSpan(letter: StoredLetter): Span | null {
  if (!letter.meta.date) return null;
  return blockSpan(letter, (t) => t.length < 100 && parseFullDate(t)?.iso === letter.meta.date, () => false);
}

/** Lines of a signature block after the name: roles, organisations, further signatories. */
const MAX_SIGNATURE_LINES = 8;
const CONTACT_OR_CC = /^(?:cc|c\.c\.|copy|copies|copie|en copie)\b|@|https?:|www\.|\b(?:tel|phone|fax)\b|\d{4,}/i;

/**
 * The signature block: the last short line that names the sender (their surname, or the whole name of an
 * organisation), with the short lines that follow it (role, organisation, further signatories).
 */
export function signatureSpan(letter: StoredLetter): Span | null {
  const sender = letter.meta.sender;
  if (!sender) return null;
  const lines = lineSpans(letter);
  const words = foldWords(sender).split(' ');
  const key = words.length > 1 && /^\p{Lu}/u.test(sender) && !letter.meta.signatories?.length ? words.slice(-1) : words;
  for (let k = lines.length - 1; k >= 0; k--) {
    const t = textOf(letter, lines[k]);
    const have = ` ${foldWords(t)} `;
    if (t.length >= 160 || !key.every((w) => have.includes(` ${w} `))) continue;
    // "> Dear Mr Kavanagh," below a reply is the message it answers, not its signature.
    if (isQuotedReply(letter.body, lines[k].start, lines[k].end)) continue;
    let end = k;
    while (end + 1 < lines.length && end - k < MAX_SIGNATURE_LINES) {
      const next = textOf(letter, lines[end + 1]);
      if (next.length >= 120 || CONTACT_OR_CC.test(next) || isStreetAddress(next) || /[.!?]$/.test(next) && next.split(' ').length > 8) break;
      end++;
    }
    return { start: lines[k].start, end: lines[end].end };
  }
  return null;
}

export function ccSpan(letter: StoredLetter, only?: string): Span | null {
  const names = letter.meta.cc.map((c) => foldWords(c.name)).filter((n) => !only || n === foldWords(only));
  if (!names.length) return null;
  const mentions = (t: string) => names.some((n) => foldWords(t).includes(n));
  if (only) {
    // "His lawyer, Zaur Guliyev (copied), was finally allowed…": a name in a wrapped line of prose is quoted with its sentence.
    const line = blockSpan(letter, mentions, () => false);
    const sentence = line && letter.sentences.find(([a, b]) => a <= line.start && b >= line.end && b - a > line.end - line.start);
    return sentence && isProse(letter.body.slice(sentence[0], sentence[1])) ? { start: sentence[0], end: sentence[1] } : (line ?? copiedInProse(letter, names));
  }
  return blockSpan(letter, (t) => /^(?:cc|c\.c\.|copy to|copies to|copy|copies)\b/i.test(t), (t) => mentions(t)) ?? copiedInProse(letter, names);
}

/**
 * An e-mail's Cc: is a header, not its text: the sentence that says whom it copies ("Margaux, our Head of Advocacy, is
 * in copy"), by their name, surname or given name.
 */
function copiedInProse(letter: StoredLetter, names: string[]): Span | null {
  const parts = new Set(names.flatMap((n) => [n, ...n.split(' ')]).filter((w) => w.length >= 3));
  const sentence = letter.sentences.find(([a, b]) => {
    const t = letter.body.slice(a, b);
    return /\b(?:in copy|copied|cc'?d|cc|in cc)\b/i.test(t) && foldWords(t).split(' ').some((w) => parts.has(w));
  });
  return sentence ? { start: sentence[0], end: sentence[1] } : null;
}

/** The lines that address `first` (by default the first recipient): their name, and their role below it. */
export function recipientSpan(letter: StoredLetter, first: Person | undefined = letter.meta.recipients[0]): Span | null {
  if (!first) return null;
  const name = foldWords(first.name);
  const roleWords = first.role ? foldWords(first.role) : '';
  const isRole = (t: string) => !!roleWords && !!foldWords(t) && roleWords.includes(foldWords(t)) && t.length < 160;
  const span = blockSpan(letter, (t) => foldWords(t).includes(name) && t.length < 160, isRole);
  if (!span) return null;
  // "Minister of the Interior\nLucia Gallo – …": a role written above the name.
  const lines = lineSpans(letter);
  const i = lines.findIndex((l) => l.start === span.start);
  const start = i > 0 && isRole(textOf(letter, lines[i - 1])) ? lines[i - 1].start : span.start;
  // "Chairperson\nCommission for the Control of INTERPOL's Files": the body they speak for, on the line below.
  const j = lines.findIndex((l) => l.end === span.end);
  const below = j >= 0 ? lines[j + 1] : undefined;
  const body = below && letter.body.slice(span.end, below.start).split('\n').length === 2 ? textOf(letter, below) : '';
  return { start, end: body && ORGANISATION_LINE.test(body) && !isStreetAddress(body) && body.length < 120 ? below!.end : span.end };
}

/** A line naming a public body or organisation: "Commission for the Control of INTERPOL's Files", "Ministry of Justice". */
const ORGANISATION_LINE = /^(?:the\s+)?(?:[\p{Lu}][\p{L}'’.-]*\s+){0,4}(?:Commission|Ministry|Committee|Council|Office|Embassy|Department|Secretariat|Agency|Parliament|Senate|Court|Tribunal|Directorate|Prosecutor's Office|Government)\b/u;

/** The subject line if the letter has one, else its first sentence of prose. */
export function openingSpan(letter: StoredLetter): Span | null {
  if (letter.meta.subject) {
    const subject = foldWords(letter.meta.subject);
    const line = lineSpans(letter).find((l) => foldWords(textOf(letter, l)).includes(subject));
    if (line) return line;
  }
  // A reply's quote of the message it answers is not its opening.
  const prose = letter.sentences.find(([a, b]) => isProse(letter.body.slice(a, b)) && !isQuotedReply(letter.body, a, b));
  return prose ? { start: prose[0], end: prose[1] } : null;
}

/** The span that best shows who wrote and when: the dateline, else the signature, else the opening. */
export function identifyingSpan(letter: StoredLetter): Span | null {
  return datelineSpan(letter) ?? signatureSpan(letter) ?? openingSpan(letter);
}
