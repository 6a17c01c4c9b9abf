import { foldWords, INVISIBLE } from './text-utils.js';

/**
 * The quote rule: a quote is a contiguous run of one letter's source text, copied exactly,
 * except for whitespace, `**`/`*` emphasis markers, invisible format characters and removed page furniture.
 */
const IGNORED = new RegExp(`[\\s*${INVISIBLE}]+`, 'g');
const strip = (s: string) => s.replace(IGNORED, '');

/** The source without its furniture lines (matched by folded words, so accent variants go too). */
export function sourceWithoutFurniture(source: string, furniture: string[]): string {
  const keys = new Set(furniture.flatMap((block) => block.split('\n').map(foldWords)).filter(Boolean));
  return source
    .split(/\n|\f/)
    .filter((line) => !keys.has(foldWords(line)) && !/^\s*(?:page\s*)?\d{1,4}(?:\s*(?:\/|of)\s*\d{1,4})?\s*$/i.test(line))
    .join('\n');
}

/** True when `quote` obeys the quote rule against `source`. */
export function isVerbatimQuote(quote: string, source: string, furniture: string[]): boolean {
  return verbatimChecker(source, furniture)(quote);
}

/** The quote rule against one source, prepared once for many quotes. */
export function verbatimChecker(source: string, furniture: string[]): (quote: string) => boolean {
  const haystack = strip(sourceWithoutFurniture(source, furniture));
  return (quote) => {
    const q = strip(quote);
    return q.length > 0 && haystack.includes(q);
  };
}
