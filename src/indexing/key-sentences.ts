import { sentenceCues } from '../letters/cues.js';
import { isQuotedReply, wordCount } from '../letters/text-utils.js';

/**
 * A letter's key sentences, chosen at index time for instant summaries: its opening, its request, its
 * most central claims and a key fact, 3 to 5 of them, in letter order.
 */

/** A sentence of prose has at least this many words (shorter ones are address lines, greetings, headings). */
const MIN_PROSE_WORDS = 12;
/** In a letter with fewer than 3 such sentences, sentences of this many words count as prose (chosen by reading short memos, not tuned). */
const MIN_SHORT_PROSE_WORDS = 6;
/** Summaries quote this many sentences at most. */
const MAX_KEY_SENTENCES = 5;
/** Weight of arguing words against centrality when choosing claims (set by reading the seeds' summaries). */
const ARGUMENT_WEIGHT = 0.3;

/**
 * The small words of organisations' names and addresses, in any case: "Ministry *of the* Interior", "Calle *de*
 * Amador *de los* Ríos". Wider than the surname particles of metadata/names.ts: an address line is no surname.
 */
const ADDRESS_SMALL_WORDS = new Set('a an and at de del della der des di do dos du e et for in la las le les los of on the to und van von y'.split(' '));

/**
 * Address, letterhead, header and signature lines: mostly capitalised words, not counting the small words of
 * names ("Silvia Ferraris Coordinator, Terra Viva Alliance", "To the Ministry of the Interior of the Kingdom of
 * Spain Calle de Amador de los Ríos, 7 28010 Madrid"), or labels.
 */
export function isMostlyNames(text: string): boolean {
  // A memo's or e-mail's header, "TO: … FROM: … SUBJECT: …", whatever its subject line says.
  if ((text.match(/(?:^|\s)(?:to|from|cc|date|subject|re|sent)\s*:/gi)?.length ?? 0) >= 2) return true;
  const words = (text.match(/\p{L}+/gu) ?? []).filter((w) => !ADDRESS_SMALL_WORDS.has(w.toLowerCase()));
  return words.filter((w) => /^\p{Ll}/u.test(w)).length < words.length * 0.4;
}

/** A sentence of prose, not an address, greeting, heading or signature. */
export function isProse(text: string): boolean {
  return wordCount(text) >= MIN_PROSE_WORDS && !isMostlyNames(text);
}

function centroid(vectors: Float32Array[]): Float32Array {
  const c = new Float32Array(vectors[0].length);
  for (const v of vectors) for (let i = 0; i < v.length; i++) c[i] += v[i];
  let norm = 0;
  for (const x of c) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  return c.map((x) => x / norm);
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

/** Indices into `spans` of the letter's key sentences, ascending. `vectors[i]` embeds `spans[i]`. */
export function keySentences(body: string, spans: [number, number][], vectors: Float32Array[]): number[] {
  const texts = spans.map(([a, b]) => body.slice(a, b));
  // A reply's quotes of the message it answers are not what its writer says.
  const own = (i: number) => !isQuotedReply(body, spans[i][0], spans[i][1]);
  let prose = texts.map((_, i) => i).filter((i) => own(i) && isProse(texts[i]));
  // A short memo or note: its shorter sentences of prose too ("The hearing has been moved to 12 June.").
  if (prose.length < 3) prose = texts.map((_, i) => i).filter((i) => own(i) && wordCount(texts[i]) >= MIN_SHORT_PROSE_WORDS && !isMostlyNames(texts[i]) && !/^\s*(?:dear|yours|best|kind|with|thanks|regards|sincerely)\b/i.test(texts[i]));
  if (!prose.length) return [];
  const target = prose.length <= 3 ? prose.length : prose.length < 10 ? 4 : MAX_KEY_SENTENCES;
  const centre = centroid(prose.map((i) => vectors[i]));
  const cues = new Map(prose.map((i) => [i, sentenceCues(texts[i])]));
  const centrality = new Map(prose.map((i) => [i, dot(vectors[i], centre)]));
  const chosen = new Set<number>([prose[0]]);
  // The request: the clearest one, the later the better (letters end with what they ask).
  const requests = prose.filter((i) => cues.get(i)!.request >= 0.6).sort((a, b) => cues.get(b)!.request - cues.get(a)!.request || b - a);
  if (requests.length) chosen.add(requests[0]);
  // Main claims: central sentences that argue.
  const claims = prose.filter((i) => !chosen.has(i)).sort((a, b) => score(b) - score(a));
  function score(i: number) {
    return centrality.get(i)! + ARGUMENT_WEIGHT * cues.get(i)!.argument;
  }
  for (const i of claims) {
    if (chosen.size >= target - 1) break;
    chosen.add(i);
  }
  // A key fact: the sentence with most dates, figures and decisions.
  const fact = prose.filter((i) => !chosen.has(i)).sort((a, b) => cues.get(b)!.fact - cues.get(a)!.fact || score(b) - score(a))[0];
  if (fact !== undefined && chosen.size < target) chosen.add(fact);
  return [...chosen].sort((a, b) => a - b);
}
