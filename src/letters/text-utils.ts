/**
 * Invisible format characters that carry no text: soft hyphen, zero-width space, word joiner, BOM,
 * and the bidirectional marks, embeddings, overrides and isolates (U+202E can make a quote display
 * reversed). Cleaning drops them from the body; the quote check ignores them. ZWJ and ZWNJ stay:
 * scripts and emoji need them.
 */
export const INVISIBLE = '\u00ad\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff';

/** Case- and accent-insensitive form of a string, for matching names and words. */
/** A word: letters and digits, with an apostrophe's ending ("Kelam's", "d'État"). Global: use with match/matchAll. */
export const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** The twelve month names in `locale`, January first. */
export function monthNames(locale: string, month: 'long' | 'short' = 'long'): string[] {
  const format = new Intl.DateTimeFormat(locale, { month, timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => format.format(Date.UTC(2000, i, 15)));
}

export function fold(s: string): string {
  // Most text is plain ASCII: nothing to decompose.
  if (ASCII.test(s)) return s.toLowerCase();
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ıłøđßæœþðħ]/g, (c) => UNDECOMPOSED[c]);
}

/** Printable ASCII and whitespace: nothing to decompose or fold but case. */
const ASCII = /^[\t\n\r\f -~]*$/;

/** Letters that Unicode does not decompose into a base letter and a mark: "Kılıç" is "Kilic", "Wałęsa" "Walesa". */
const UNDECOMPOSED: Record<string, string> = { ı: 'i', ł: 'l', ø: 'o', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ð: 'd', ħ: 'h' };

const NAME_PAIRS = new Map<number, RegExp>();

/**
 * Each capitalised word with the capitalised word after it on the same line ("Hamza Yildiz" in "Mr Hamza Yildiz"): a
 * given name and a surname, when names they are. The first has at least `minLower` lower-case letters after its capital.
 */
export function namePairs(text: string, minLower = 3): [string, string][] {
  let re = NAME_PAIRS.get(minLower);
  if (!re) NAME_PAIRS.set(minLower, (re = new RegExp(`(?<![\\p{L}\\p{N}])(\\p{Lu}\\p{Ll}{${minLower},})[ \\t]+(\\p{Lu}[\\p{L}'’-]+)`, 'gu')));
  return [...text.matchAll(re)].map((m) => [m[1], m[2]]);
}

/** Folded, with punctuation turned to spaces and runs of spaces collapsed. */
export function foldWords(s: string): string {
  return fold(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** "TUNNE KELAM" → "Tunne Kelam"; "JEAN-MARC AYRAULT" → "Jean-Marc Ayrault". */
export function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s\-'’])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

/** Count of words (letters or digits runs). */
export function wordCount(s: string): number {
  return s.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/**
 * Whether the text at `start`..`end` of `body` is what a reply quotes from the message it answers: a line
 * marked "> …", or the line introducing it ("On Mon, 15 Mar 2021, Claire Vasseur wrote:", "… mentioned:").
 */
export function isQuotedReply(body: string, start: number, end: number): boolean {
  if (/^[ \t]*>/.test(body.slice(body.lastIndexOf('\n', start) + 1, end))) return true;
  // "On Thu, Aug 22, 2002, Fergal Moran mentioned:", "Theo Van Dinter wrote:", then the quoted lines.
  const text = body.slice(start, end);
  return /\b(?:wrote|writes|said|says|mentioned|replied)\s*:\s*>/.test(text) || (/\b(?:wrote|writes|said|says|mentioned|replied)\s*:\s*$/.test(text) && /^\s*>/.test(body.slice(end, end + 200)));
}
