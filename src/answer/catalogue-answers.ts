import type { StoredLetter } from '../indexing/letter-index.js';
import { terms } from '../indexing/lexical-store.js';
import { humanDate } from '../letters/summary.js';
import { foldWords, namePairs } from '../letters/text-utils.js';
import { demonymCounterpart } from '../search/correspondents.js';
import { sameNameByTail } from '../search/filters.js';
import { isPersonalName, peopleAskedAbout, whoDescribed, type ParsedQuestion } from '../search/question.js';
import type { Citation } from './answer.js';
import { abstained, answered, type AnswerContext, type Composed } from './context.js';
import { describeLetter, letterPhrase, listNames } from './describe.js';
import { blockSpan, ccSpan, datelineSpan, identifyingSpan, lineSpans, openingSpan, recipientSpan, signatureSpan } from './spans.js';
import { LIST_MARKER } from '../letters/metadata/lines.js';
import type { Span } from '../letters/passages.js';
import type { Person } from '../letters/types.js';
import { isMostlyNames, isProse } from '../indexing/key-sentences.js';

/**
 * Questions about the correspondence itself, answered from the catalogue: one handler per kind of
 * question. Each quotes where the letter itself says what the lead reports.
 */

/** Topics shared by an overview's letters: at most this many. */
const MAX_TOPICS = 6;
/** Names ("Ablyazov", "Interpol") tell topics better than common words: their weight in the ranking. */
const NAME_WEIGHT = 3;
/** Summaries of several letters quote at most this many letters. */
const MAX_SUMMARISED_LETTERS = 3;

function citeEach(ctx: AnswerContext, letters: StoredLetter[], pick: (l: StoredLetter) => Span | null): Citation[] {
  return letters.map((l) => {
    const span = pick(l);
    return span ? ctx.cite(l, span, 1) : null;
  }).filter((c): c is Citation => !!c);
}

/** A lead names at most this many letters; an overview this many senders and letters each. The citations hold them all. */
const MAX_LEAD_LETTERS = 12;
const MAX_LEAD_GROUPS = 8;
const MAX_GROUP_LETTERS = 4;
const capped = (items: string[], max: number) => (items.length > max ? [...items.slice(0, max), `and ${items.length - max} more`] : items);

const names = (people: { name: string }[]) => listNames(people.map((p) => p.name));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Where a letter says who wrote it: its signature, else the line that names it. */
const signedSpan = (l: StoredLetter) => signatureSpan(l) ?? identifyingSpan(l);

/** Where a letter says when it was written: its dateline, else the line that names it. */
const datedSpan = (l: StoredLetter) => datelineSpan(l) ?? identifyingSpan(l);

/** Who signed a letter: its signatories when it names several, else its sender. */
const signersOf = (l: StoredLetter): string[] => ((l.meta.signatories?.length ?? 0) > 1 ? l.meta.signatories! : l.meta.sender ? [l.meta.sender] : []);

/** "…and what do they actually do?", "…and what's her portfolio?" (folded words): who the writers are, too. */
export const WHAT_THEY_DO = /\bwhat (?:do|does|did) (?:they|he|she|it) (?:actually |normally |usually |really |even |generally )?do\b|\bwho (?:are|is) (?:they|he|she)\b|\bwhat s (?:their|his|her|its) (?:role|job|work|portfolio|mandate|background|line of work)\b/;

export function whoWrote(ctx: AnswerContext, letters: StoredLetter[], question = ''): Composed {
  let lead: string;
  if (letters.length === 1) {
    const [{ meta }] = letters;
    const who = signersOf(letters[0]);
    const writers = who.length > 1 ? `${listNames(who)} (${who.length} signatories)` : (meta.sender ?? 'An unknown sender');
    lead = `${writers} wrote ${meta.recipients.length ? `to ${names(meta.recipients)} ` : ''}${meta.date ? `on ${humanDate(meta.date)}` : '(undated)'}.`;
  } else lead = `${plural(letters.length, 'letter')}: ${letters.map((l) => describeLetter({ ...l.meta, sender: listNames(signersOf(l)) || null })).join('; ')}.`;
  // A memo's "FROM: Kateřina Malá, Director, Centre for Refugee Support" says who wrote it, and in what capacity.
  const described = WHAT_THEY_DO.test(foldWords(question)) ? citeEach(ctx, letters, (l) => selfDescribed(ctx, l)) : [];
  return answered(lead, letters.flatMap((l) => [...citeEach(ctx, [l], signedSpan), ...citeEach(ctx, [l], fromLineSpan)]).concat(described));
}

/** A header line "From: …" or a title line among a letter's first lines that names its sender; null when there is none. */
function fromLineSpan(l: StoredLetter): Span | null {
  const sender = l.meta.sender ? foldWords(l.meta.sender) : null;
  if (!sender) return null;
  // …or a web page's title line that names the writer ("Oksana Melnyk's open letter to the Prime Minister of Spain").
  const line = lineSpans(l).slice(0, 15).find((x, i) => {
    const text = l.body.slice(x.start, x.end);
    return (/^\s*from\s*:/i.test(text) || (i < 3 && /\bletter\b/i.test(text) && text.length < 200)) && foldWords(text).includes(sender);
  });
  const signed = signatureSpan(l);
  return line && !(signed && signed.start <= line.start && signed.end >= line.end) ? line : null;
}

/** "How many people signed the Serikbayev letter?": each letter's signatories, counted and named. */
export function signatories(ctx: AnswerContext, letters: StoredLetter[]): Composed {
  const lead = letters.map((l) => {
    const who = signersOf(l);
    const phrase = `${letterPhrase(l.meta)} to ${names(l.meta.recipients) || 'its recipient'}`;
    return who.length ? `${who.length === 1 ? 'One signature' : `${who.length} signatures`} on ${phrase}: ${listNames(who)}.` : `${phrase} names no signatory.`;
  }).join(' ');
  return answered(lead.charAt(0).toUpperCase() + lead.slice(1), citeEach(ctx, letters, signedSpan));
}

/** "Which came first, the Voronov letter or the Malinouski one?": the two letters in date order, each dateline quoted. */
export function compareDates(ctx: AnswerContext, letters: [StoredLetter, StoredLetter], sides: [string, string], later = false): Composed {
  const [a, b] = letters;
  const named = (side: string) => (/\b(?:letter|e-?mail|memo|note|message)\b/i.test(side) ? side : `${side} letter`);
  const label = (l: StoredLetter) => `the ${named(sides[letters.indexOf(l)])} (${describeLetter(l.meta)})`;
  const [first, second] = a.meta.date && b.meta.date && b.meta.date < a.meta.date ? [b, a] : [a, b];
  const cite = citeEach(ctx, [first, second], datedSpan);
  if (!first.meta.date || !second.meta.date) {
    const undated = letters.filter((l) => !l.meta.date);
    return answered(`The letters don't say which came first: ${listNames(undated.map(label))} ${undated.length === 1 ? 'is' : 'are'} undated.`, cite);
  }
  if (first.meta.date === second.meta.date) return answered(`Both are dated ${humanDate(first.meta.date)}: ${label(a)} and ${label(b)}.`, cite);
  const days = Math.round((Date.parse(second.meta.date) - Date.parse(first.meta.date)) / 86_400_000);
  const lead = later
    ? `${label(second).replace(/^the/, 'The')} came later, ${plural(days, 'day')} after ${label(first)}.`
    : `${label(first).replace(/^the/, 'The')} came first, ${plural(days, 'day')} before ${label(second)}.`;
  return answered(lead, cite);
}

/** Correspondents shown by "who wrote the most letters?": at most this many, ties with the last included. */
const MAX_RANKED = 5;

/**
 * "Who wrote the most letters?", "who got the most?": the correspondents by their number of letters, most first,
 * each of the first one's letters cited.
 */
export function mostLetters(ctx: AnswerContext, letters: StoredLetter[], side: 'sender' | 'recipient'): Composed {
  const namesOf = (l: StoredLetter) => (side === 'sender' ? [l.meta.sender] : l.meta.recipients.map((r) => r.name)).filter((n): n is string => !!n);
  const spanOf = side === 'sender' ? signedSpan : recipientSpan;
  const all = letters.flatMap(namesOf);
  // One person under a short and a long name ("Beneš", "Tomáš Beneš") counts once, under the longest.
  const longest = (name: string) => all.filter((n) => sameNameByTail(n, name)).sort((a, b) => b.length - a.length)[0];
  const by = new Map<string, StoredLetter[]>();
  for (const l of letters) for (const name of new Set(namesOf(l).map(longest))) by.set(name, [...(by.get(name) ?? []), l]);
  if (!by.size) return abstained(`No letter names its ${side}.`, letters.slice(0, 3));
  const ranked = [...by.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const cut = ranked[Math.min(MAX_RANKED, ranked.length) - 1][1].length;
  const shown = ranked.filter(([, ls]) => ls.length >= cut).slice(0, MAX_RANKED * 2);
  if (ranked[0][1].length === 1) {
    const who = side === 'sender' ? 'wrote' : 'received';
    return answered(`No one ${who} more than one letter: ${plural(ranked.length, side)}, one letter each.`, citeEach(ctx, letters, spanOf));
  }
  const lead = `${side === 'sender' ? 'Most letters were written by' : 'Most letters went to'} ${shown.map(([name, ls]) => `${name} (${ls.length})`).join(', ')}${ranked.length > shown.length ? `, of ${ranked.length} ${side === 'sender' ? 'senders' : 'recipients'}` : ''}.`;
  const top = ranked.filter(([, ls]) => ls.length === ranked[0][1].length).flatMap(([, ls]) => ls);
  return answered(lead, citeEach(ctx, [...new Set(top)], spanOf));
}

export function when(ctx: AnswerContext, letters: StoredLetter[]): Composed {
  const lead = letters.map((l) => `${l.meta.sender ?? 'The sender'} wrote ${l.meta.date ? `on ${humanDate(l.meta.date)}` : 'on an unknown date'}${l.meta.recipients.length ? ` to ${names(l.meta.recipients)}` : ''}${l.meta.place ? `, from ${l.meta.place}` : ''}.`).join(' ');
  return answered(lead, citeEach(ctx, letters, datedSpan));
}

export function recipients(ctx: AnswerContext, letters: StoredLetter[]): Composed {
  const lead = letters.map((l) => `${letterPhrase(l.meta)} is addressed to ${listNames(l.meta.recipients.map((r) => (r.role ? `${r.name} (${r.role})` : r.name))) || 'no one named'}.`).join(' ');
  return answered(lead, citeEach(ctx, letters, (l) => recipientSpan(l)));
}

export function copied(ctx: AnswerContext, parsed: ParsedQuestion, letters: StoredLetter[]): Composed {
  const same = (a: string, b: string) => foldWords(a) === foldWords(b);
  const named = parsed.people.find((p) => letters.some((l) => l.meta.cc.some((c) => same(c.name, p.name))));
  if (named) {
    const inLetters = letters.filter((l) => l.meta.cc.some((c) => same(c.name, named.name)));
    const person = inLetters[0].meta.cc.find((c) => same(c.name, named.name))!;
    return answered(
      `${person.name}${person.role ? `, ${person.role},` : ''} was copied on ${listNames(inLetters.map((l) => letterPhrase(l.meta)))}.`,
      citeEach(ctx, inLetters, (l) => ccSpan(l, named.name)),
    );
  }
  const lead = letters.map((l) => l.meta.cc.length
    ? `${letterPhrase(l.meta)} copied ${listNames(l.meta.cc.map((c) => (c.role ? `${c.name} (${c.role})` : c.name)))}.`
    : `${letterPhrase(l.meta)} copied no one.`).join(' ');
  return answered(lead, citeEach(ctx, letters, (l) => ccSpan(l)));
}

/** Words that name a political party or group. */
const PARTY = /\b(?:party|parties|group|S&D|EPP|Renew|Greens?|ECR|GUE|NGL|socialists?|social democrats?|christian democrats?|liberals?|conservatives?|labour|tories|fianna|fine gael|sinn)\b/i;

/** "Who is Rinaldi?": a recipient or person copied, by the role their letters give them. */
export function whoIs(ctx: AnswerContext, parsed: ParsedQuestion, letters: StoredLetter[]): Composed | null {
  const same = (a: string, b: string) => foldWords(a) === foldWords(b);
  const found: { letter: StoredLetter; person: Person; copied: boolean }[] = [];
  for (const l of letters) {
    for (const p of parsed.people) {
      const r = l.meta.recipients.find((x) => same(x.name, p.name));
      const c = l.meta.cc.find((x) => same(x.name, p.name));
      if (r || c) found.push({ letter: l, person: (r ?? c)!, copied: !r });
    }
  }
  if (!found.length) return null;
  const lead = found
    .map(({ letter, person, copied }) => `${person.name}${person.role ? `, ${person.role},` : ''} ${copied ? 'was copied on' : 'received'} ${letterPhrase(letter.meta)}.`)
    .join(' ');
  return answered(lead, found.map(({ letter, person, copied }) => ctx.cite(letter, (copied ? ccSpan(letter, person.name) : recipientSpan(letter, person)) ?? identifyingSpan(letter)!, 1)).filter((c): c is Citation => !!c));
}

/**
 * "Who is the Czech interior minister?": the correspondents of `letters` whose name and role hold most of the words
 * of `office`, each with the letters they wrote or received; null when no correspondent's role holds any.
 */
export function holders(ctx: AnswerContext, office: string, letters: StoredLetter[]): Composed | null {
  // "Who is the Dutch prime minister?": a word that no letter holds names no office of theirs.
  const known = (t: string) => ctx.index.lexical.documentFrequency(t) > 0;
  if (terms(office).some((t) => !known(t) && !known(demonymCounterpart(t) ?? ''))) return null;
  const wanted = new Set(ctx.correspondents.catalogueTerms(office));
  if (!wanted.size) return null;
  type Part = 'wrote' | 'received' | 'copied';
  const found = new Map<string, { person: Person; share: number; letters: { letter: StoredLetter; part: Part }[] }>();
  for (const l of letters) {
    const people: [Person, Part][] = [
      [{ name: l.meta.sender ?? '', role: l.meta.senderRole }, 'wrote'],
      ...l.meta.recipients.map((p): [Person, Part] => [p, 'received']),
      ...l.meta.cc.map((p): [Person, Part] => [p, 'copied']),
    ];
    for (const [person, part] of people) {
      if (!person.name || !person.role) continue;
      const have = ctx.correspondents.catalogueTerms(`${person.name} ${person.role}`);
      const share = have.filter((t) => wanted.has(t)).length / wanted.size;
      if (!share) continue;
      const key = foldWords(person.name);
      const entry = found.get(key) ?? { person, share, letters: [] };
      entry.letters.push({ letter: l, part });
      entry.share = Math.max(entry.share, share);
      found.set(key, entry);
    }
  }
  const best = Math.max(0, ...[...found.values()].map((e) => e.share));
  const chosen = [...found.values()].filter((e) => e.share === best);
  if (!chosen.length) return null;
  const dated = (l: StoredLetter) => (l.meta.date ? humanDate(l.meta.date) : 'undated');
  const lead = chosen
    .map(({ person, letters: mine }) => {
      const of = (part: Part) => mine.filter((x) => x.part === part).map((x) => x.letter);
      const parts = [
        of('wrote').length ? `wrote to ${listNames(of('wrote').map((l) => `${listNames(l.meta.recipients.map((r) => r.name)) || 'an unnamed addressee'} (${dated(l)})`))}` : '',
        of('received').length ? `received letters from ${listNames(of('received').map((l) => `${l.meta.sender ?? 'an unnamed sender'} (${dated(l)})`))}` : '',
        of('copied').length ? `was copied on letters from ${listNames(of('copied').map((l) => `${l.meta.sender ?? 'an unnamed sender'} (${dated(l)})`))}` : '',
      ];
      return `${person.name} (${person.role}) ${parts.filter(Boolean).join('; ')}.`;
    })
    .join(' ');
  const span = (l: StoredLetter, person: Person, part: Part) =>
    (part === 'wrote' ? signatureSpan(l) : part === 'received' ? recipientSpan(l, person) : ccSpan(l, person.name)) ?? identifyingSpan(l);
  const citations = chosen.flatMap(({ person, letters: mine }) => mine.map((x) => {
    const at = span(x.letter, person, x.part);
    return at ? ctx.cite(x.letter, at, 1) : null;
  }));
  return answered(lead, citations.filter((c): c is Citation => !!c));
}

/** Whom a relative clause names by what they wrote: "the TD who wrote to…", "the MEP that sent the letter to…". */
const WRITER_OF = /\b(?:who|that)\s+(?:wrote|writes|has written|had written|sent|signed|addressed)\b/i;

export function affiliations(ctx: AnswerContext, asked: ParsedQuestion, letters: StoredLetter[]): Composed | null {
  // "Who's Davron Karimov, the guy Delacroix wrote to?": the person the question begins with, not the others it names.
  const first = peopleAskedAbout(asked.question, asked.people);
  // "Who is Iryna Lazouskaya, the one who signed from Warsaw?": a signatory, wherever the rest of the question points.
  const signed = signatoryNamed(ctx, asked.question);
  if (signed.length) return signatoryRoles(ctx, signed);
  // "Who is Vira, the woman Bohdan mentions?": someone no letter's correspondents name; Bohdan only says which letter.
  if (!first.length && whoDescribed(asked.question)) return null;
  const parsed = first.length ? { ...asked, people: first } : asked;
  // "Which constituency does the TD who wrote to Villatoro Paz represent?": the writer of the letters to whom it names.
  const writerOfThem = parsed.people.length > 0 && parsed.people.every((p) => p.as === 'recipient') && WRITER_OF.test(parsed.question);
  const named = writerOfThem ? letters : letters.filter((l) => parsed.people.some((p) => l.meta.sender && foldWords(l.meta.sender) === foldWords(p.name)));
  const senders = named.length || parsed.people.length ? named : writtenByRole(ctx, parsed.question, letters);
  if (!senders.length) return whoIs(ctx, parsed, letters);
  // "Which party is X in?": committees are no answer.
  const stated = (l: StoredLetter) => {
    const sig = signatureSpan(l);
    return [l.meta.senderRole, ...l.meta.senderAffiliations].some((t) => t && PARTY.test(t)) || (!!sig && PARTY.test(l.body.slice(sig.start, sig.end)));
  };
  if (/\b(?:party|parties|political group)\b/i.test(parsed.question) && !senders.some(stated)) {
    return abstained(`The letters don't say: none of them gives ${listNames([...new Set(senders.map((l) => l.meta.sender!))])}'s party.`, senders);
  }
  const ownWords = new Map(senders.map((l) => [l, selfDescribed(ctx, l)]));
  const described = (l: StoredLetter) => ownWords.get(l) ?? null;
  const lead = [...new Map(senders.map((l) => [l.meta.sender, l])).values()]
    .map((l) => `${l.meta.sender}: ${[l.meta.senderRole, ...l.meta.senderAffiliations].filter(Boolean).join('; ') || (described(l) ? 'in the letter\'s own words below' : 'no role or committee given')}.`)
    .join(' ');
  const block = (l: StoredLetter): Span | null => {
    const sig = signatureSpan(l);
    if (!sig) return null;
    const lines = lineSpans(l);
    const from = lines.findIndex((s) => s.start === sig.start);
    // The lines of the sender's role and affiliations below the name: the quote that states them.
    const affiliated = (t: string) => [l.meta.senderRole, ...l.meta.senderAffiliations].some((a) => !!a && foldWords(a) === foldWords(t));
    let j = from;
    while (j + 1 < lines.length && affiliated(l.body.slice(lines[j + 1].start, lines[j + 1].end))) j++;
    return { start: sig.start, end: lines[j].end };
  };
  return answered(lead, [
    ...citeEach(ctx, senders, block),
    ...citeEach(ctx, senders, described),
    ...otherLettersNaming(ctx, senders.map((l) => l.meta.sender!), senders),
  ]);
}

/**
 * Where other letters than `own` name these people: the lines of the letters that copy them ("Ms Aoife Brennan,
 * Defenders at Risk Ireland"), and the first sentence naming them in each of the first few others, how they fit in
 * ("Work with Élise Marchetti MEP, whose office has offered to write…").
 */
function otherLettersNaming(ctx: AnswerContext, people: string[], own: StoredLetter[]): Citation[] {
  const names = new Set(people.map((n) => foldWords(n)));
  const copying = ctx.letters.filter((l) => !own.includes(l) && l.meta.cc.some((c) => names.has(foldWords(c.name))));
  const copies = copying.map((l) => [l, ccSpan(l, l.meta.cc.find((c) => names.has(foldWords(c.name)))!.name)] as const);
  // The letters that hold every word of a name are read; the others cannot name them.
  const nameTerms = [...new Set(people)].map((n) => terms(n));
  const others = ctx.letters
    .filter((l) => !own.includes(l) && !copying.includes(l))
    .filter((l) => nameTerms.some((ts) => ts.every((t) => ctx.stats.termsOfLetter(l).has(t))))
    .flatMap((l) => {
      const s = ctx.sentencesOf(l).find((x) => [...names].some((n) => foldWords(l.body.slice(x.start, x.end)).includes(n)));
      return s ? [[l, { start: s.start, end: s.end }] as const] : [];
    })
    .slice(0, MENTIONING_LETTERS);
  return [
    ...copies.map(([l, span]) => (span ? ctx.cite(l, span, 1) : null)).filter((c): c is Citation => !!c),
    ...others.map(([l, span]) => ctx.cite(l, span, 1)).filter((c): c is Citation => !!c),
  ];
}

/**
 * "The Irish TD who wrote about Ixcoy, which constituency is he from?": no name, but the one writer the question's
 * names narrow the letters to, when a word of the question describes that writer ("the TD"), not someone the letter
 * names ("Kılıç's job"); none otherwise.
 */
function writtenByRole(ctx: AnswerContext, question: string, letters: StoredLetter[]): StoredLetter[] {
  const senders = new Set(letters.map((l) => l.meta.sender).filter((n): n is string => !!n));
  if (letters.length === ctx.letters.length || senders.size !== 1) return [];
  // "Who is Lucía Ferrer?": a name written in full that is not the writer's asks about someone else.
  const writer = ` ${foldWords([...senders][0])} `;
  if (namePairs(question, 2).some(([g, s]) => !writer.includes(` ${foldWords(g)} `) || !writer.includes(` ${foldWords(s)} `))) return [];
  // "Who is Ms Vela?": the name of a further signatory (Pablo Ortiz Vela) is not the writer's.
  const cosigners = new Set(letters.flatMap((l) => (l.meta.signatories ?? []).flatMap((n) => foldWords(n).split(' '))).filter((w) => !writer.includes(` ${w} `)));
  if (foldWords(question).split(' ').some((w) => cosigners.has(w))) return [];
  const ids = new Set(letters.map((l) => l.id));
  return ctx.correspondents.evidence(question, ['sender']).some((e) => ids.has(e.letterId)) ? letters : [];
}

/**
 * How the writer describes themself in the letter: "I am writing to you as a People's Deputy of Ukraine…", or a
 * sentence that begins with the writer's name ("Asociación Puerta Abierta has provided free legal assistance…").
 */
function selfDescribed(ctx: AnswerContext, l: StoredLetter): Span | null {
  const sentences = ctx.sentencesOf(l);
  const text = (x: Span) => l.body.slice(x.start, x.end);
  const own = foldWords(l.meta.sender ?? '');
  const s = sentences.find((x) => SELF_DESCRIBED.test(text(x))) ?? (own ? sentences.find((x) => isProse(text(x)) && foldWords(text(x)).startsWith(`${own} `)) : undefined);
  return s ? { start: s.start, end: s.end } : null;
}

/** The letters' further signatories (not their first) whose whole name, or first and last name, the question writes. */
function signatoryNamed(ctx: AnswerContext, question: string): { letter: StoredLetter; name: string }[] {
  const q = ` ${foldWords(question)} `;
  // Who also wrote a letter of their own is answered as its writer.
  const writers = new Set(ctx.letters.map((l) => foldWords(l.meta.sender ?? '')));
  return ctx.letters.flatMap((l) => (l.meta.signatories ?? [])
    .filter((n) => !writers.has(foldWords(n)) && isPersonalName(n.split(/\s+/)))
    .filter((n) => {
      const w = foldWords(n).split(' ');
      return w.length >= 2 && (q.includes(` ${w.join(' ')} `) || q.includes(` ${w[0]} ${w[w.length - 1]} `));
    })
    .map((name) => ({ letter: l, name })));
}

/**
 * "Who is Javier Cuesta Ferrer?", one of several signatories: the letters they signed, with the line below their
 * name in the list of signatories (their role), quoted.
 */
function signatoryRoles(ctx: AnswerContext, signed: { letter: StoredLetter; name: string }[]): Composed {
  // "- **Dr Ieva Petersone** - physician": the name's line, a courtesy title before it.
  const untitled = (text: string) => foldWords(text).replace(/^(?:dr|prof|mr|mrs|ms) /, '');
  const others = (l: StoredLetter) => new Set((l.meta.signatories ?? []).map((n) => foldWords(n)));
  const spans = signed.map(({ letter, name }) => {
    const lines = lineSpans(letter);
    const i = lines.findLastIndex((x) => untitled(letter.body.slice(x.start, x.end)).startsWith(foldWords(name)));
    if (i < 0) return null;
    const next = lines[i + 1];
    const nextText = next ? letter.body.slice(next.start, next.end) : '';
    // The line below is the role, not the next signatory's name or list item, nor a contact.
    const below = next && !others(letter).has(foldWords(nextText)) && !LIST_MARKER.test(nextText.trim()) && !/@|https?:/.test(nextText) && next.end - next.start < 200 ? next : null;
    // "Élise Marchetti, Member of the European Parliament", "- **Iryna Lazouskaya** - former colleague…": the role on the
    // name's line, else on the line below.
    const line = /^(.+?)\s*(?:[,–—]|\s-\s)\s*(.+)$/.exec(letter.body.slice(lines[i].start, lines[i].end));
    const onLine = line && untitled(line[1]) === foldWords(name) ? line[2].trim() : null;
    const role = onLine ?? (below ? letter.body.slice(below.start, below.end).trim() : null);
    return { letter, name, span: { start: lines[i].start, end: onLine || !below ? lines[i].end : below.end }, role };
  }).filter((x) => !!x);
  const lead = spans.map((x) => `${x.name}${x.role ? `, ${x.role},` : ''} signed ${letterPhrase(x.letter.meta)}.`).join(' ');
  const own = spans.map((x) => x.letter);
  return answered(lead, [...spans.map((x) => ctx.cite(x.letter, x.span, 1)).filter((c): c is Citation => !!c), ...otherLettersNaming(ctx, spans.map((x) => x.name), own)]);
}

/** Who a writer is also quotes the sentences of this many other letters that name them (dev half, 1155: hit@3 1001 → 1003 at 2). */
const MENTIONING_LETTERS = 2;

/** A writer saying who they are: "I write as a member of…", "as Chair of…, I…", "I am a lawyer…". */
const SELF_DESCRIBED = /\b(?:I|we)\s+(?:am|are)\s+(?:writing|writing to you|writing to you today)\s+(?:as|in my capacity as)\s|\b(?:I|we)\s+(?:write|wrote)\s+(?:to you\s+)?(?:as|in my capacity as)\s|^\s*(?:As|In my capacity as)\s+(?:a|an|the)?\s*[\p{L} ,'’-]{3,80},\s+(?:I|we)\b|\b(?:I|we)\s+(?:am|are)\s+(?:a|an|the)\s+(?!(?:writing|pleased|grateful|concerned|deeply|very|most|sure|aware)\b)/iu;

/** What a contact question asks for: a telephone or fax number, an e-mail address, or any contact detail. */
const CONTACT_KINDS: [RegExp, string, RegExp][] = [
  [/\b(?:phone|telephone|tel|fax|call|ring|mobile)\b/i, 'telephone number', /\b(?:tel|phone|fax|mobile)\b|\+?\d[\d ()./-]{5,}\d/i],
  [/\be-?mail\b/i, 'e-mail address', /@/],
];

/** The contact block after the signature; a question for a phone number or an e-mail address needs one. */
export function contact(ctx: AnswerContext, question: string, letters: StoredLetter[]): Composed | null {
  // Not a reply's "On …, X <x@…> wrote:" nor its "> …" lines: the details of whom it answers.
  const isContact = (t: string) => /\d{3,}|@|https?:|www\.|\b(?:tel|phone|fax)\b/i.test(t) && !/^(?:cc|c\.c\.)\b/i.test(t) && !/\b(?:wrote|écrit)\s*:\s*$|^\s*>/i.test(t);
  const kind = CONTACT_KINDS.find(([asks]) => asks.test(question));
  const citations = citeEach(ctx, letters, (l) => {
    const sig = signatureSpan(l);
    const lines = lineSpans(l);
    const from = sig ? lines.findIndex((s) => s.start >= sig.start) : 0;
    return blockSpan(l, isContact, isContact, from + 1);
  }).filter((c) => !kind || kind[2].test(c.quote));
  // "What is Claire's e-mail?": an e-mail's From: header gives its sender's address.
  const addresses = !kind || kind[1] === 'e-mail address' ? [...new Map(letters.filter((l) => l.meta.senderAddress && l.meta.sender).map((l) => [l.meta.senderAddress!, l])).values()] : [];
  if (addresses.length) {
    const said = addresses.map((l) => `${l.meta.sender} <${l.meta.senderAddress}> (the From: line of ${letterPhrase(l.meta)})`);
    // Each sender's signature (signatureSpan skips a reply's quoted lines), else the letter's dateline or heading.
    const signed = citeEach(ctx, addresses.filter((l) => !citations.some((c) => c.letterId === l.id)), signedSpan);
    const more = citations.length ? ` Contact details given in ${listNames(citations.map((c) => letterPhrase(ctx.index.letters.get(c.letterId)!.meta)))} are quoted below.` : '';
    return answered(`E-mail address${said.length > 1 ? 'es' : ''}: ${listNames(said)}.${more}`, [...citations, ...signed]);
  }
  if (!citations.length) return kind ? abstained(`The letters don't say: none of them gives ${/^[aeiou]/.test(kind[1]) ? 'an' : 'a'} ${kind[1]} there.`, letters) : null;
  return answered(`Contact details given in ${listNames(citations.map((c) => letterPhrase(ctx.index.letters.get(c.letterId)!.meta)))}:`, citations);
}

/** "Which letters are from 2015?", "How many letters has X sent?": every letter, cited by its dateline or signature. */
export function list(ctx: AnswerContext, letters: StoredLetter[], scope: string, count: boolean): Composed {
  if (!letters.length) return abstained(`No letter ${scope || 'matches'}.`, ctx.letters.slice(0, 3));
  const head = count
    ? `${plural(letters.length, 'letter')}${scope ? ` ${scope}` : ''}`
    : letters.length === 1 ? `One letter${scope ? ` ${scope}` : ''}` : `${plural(letters.length, 'letter')}${scope ? ` ${scope}` : ''}`;
  const lead = `${head}: ${capped(letters.map((l) => describeLetter(l.meta)), MAX_LEAD_LETTERS).join('; ')}.`;
  return answered(lead, citeEach(ctx, letters, identifyingSpan));
}

/** Content words that two or more of the letters share, most used first: what the letters are about. */
function sharedTopics(letters: StoredLetter[]): string[] {
  if (letters.length < 2) return [];
  // The correspondents, places and addresses are in the lead already.
  const known = new Set(letters.flatMap((l) => terms([l.meta.sender, l.meta.place, ...l.meta.recipients.flatMap((r) => [r.name, r.role]), ...l.meta.cc.map((c) => c.name)].filter(Boolean).join(' '))));
  const headed = new Set(letters.flatMap((l) => terms(l.body.split(/\n\s*\n/).filter((p) => !isProse(p)).join(' '))));
  const seen = new Map<string, { letters: number; uses: number; word: string }>();
  for (const l of letters) {
    const inLetter = new Set<string>();
    for (const w of l.body.match(/\p{L}[\p{L}'’-]{3,}/gu) ?? []) {
      const t = terms(w)[0];
      if (!t || known.has(t) || headed.has(t)) continue;
      const e = seen.get(t) ?? { letters: 0, uses: 0, word: w };
      if (!inLetter.has(t)) e.letters++;
      inLetter.add(t);
      e.uses++;
      // A capitalised form names the topic better ("Ablyazov", "Interpol").
      if (/^\p{Lu}/u.test(w) && !/^\p{Lu}/u.test(e.word)) e.word = w;
      seen.set(t, e);
    }
  }
  return [...seen.values()]
    .filter((e) => e.letters >= 2)
    .map((e) => ({ word: e.word, weight: e.letters * Math.log(1 + e.uses) * (/^\p{Lu}/u.test(e.word) ? NAME_WEIGHT : 1) }))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, MAX_TOPICS)
    .map((x) => x.word);
}

/** One line per letter, grouped by sender, with the topics the letters share. */
export function overview(ctx: AnswerContext, letters: StoredLetter[], scope: string): Composed {
  if (!letters.length) return abstained(`No letter ${scope || 'matches'}.`, ctx.letters.slice(0, 3));
  const bySender = new Map<string, StoredLetter[]>();
  for (const l of letters) bySender.set(l.meta.sender ?? 'Unknown sender', [...(bySender.get(l.meta.sender ?? 'Unknown sender') ?? []), l]);
  const groups = capped([...bySender.entries()].sort((a, b) => b[1].length - a[1].length).map(([sender, ls]) =>
    `${sender} (${ls.length}): ${capped(ls.map((l) => `to ${names(l.meta.recipients) || 'an unnamed addressee'}, ${humanDate(l.meta.date)}${l.meta.subject ? ` (${l.meta.subject})` : ''}`), MAX_GROUP_LETTERS).join('; ')}`), MAX_LEAD_GROUPS);
  const topics = sharedTopics(letters);
  const lead = `${plural(letters.length, 'letter')}${scope ? ` ${scope}` : ''}. ${groups.join('. ')}.${topics.length ? ` Shared topics: ${topics.join(', ')}.` : ''}`;
  return answered(lead, citeEach(ctx, letters, openingSpan));
}

/** A letter's key sentences, chosen at index time: 3–5 quotes in letter order. */
export function summary(ctx: AnswerContext, letters: StoredLetter[]): Composed {
  const chosen = letters.slice(0, MAX_SUMMARISED_LETTERS);
  const citations: Citation[] = [];
  for (const l of chosen) {
    const picks = l.keySentences.length ? l.keySentences : l.sentences.map((_, i) => i).slice(0, 3);
    for (const i of picks) {
      const [start, end] = l.sentences[i];
      const c = ctx.cite(l, { start, end }, 1);
      if (c) citations.push(c);
    }
  }
  if (!citations.length) return abstained(`The letters don't say.`, letters);
  const lead = chosen.length === 1
    ? `${describeLetter(chosen[0].meta)}, in ${plural(citations.length, 'quote')}:`
    : `${chosen.length} letters${letters.length > chosen.length ? ` (of ${letters.length})` : ''}, each in its own words: ${chosen.map((l) => describeLetter(l.meta)).join('; ')}.`;
  return { ...answered(lead, citations), show: citations.length };
}

/** Quotes a follow-up asks for beyond those shown ("Quote more from it"). */
const MORE_QUOTES = 4;

/** "Quote more from it": the letter's key sentences not yet quoted, then its other sentences, in letter order. */
export function more(ctx: AnswerContext, letter: StoredLetter, quoted: { start: number; end: number }[]): Composed {
  const fresh = (i: number) => {
    const [start, end] = letter.sentences[i];
    return !quoted.some((q) => start < q.end && end > q.start);
  };
  const text = (i: number) => letter.body.slice(letter.sentences[i][0], letter.sentences[i][1]);
  const others = letter.sentences.map((_, i) => i).filter((i) => !letter.keySentences.includes(i) && text(i).length >= 40 && !isMostlyNames(text(i)));
  const picks = [...letter.keySentences, ...others].filter(fresh).slice(0, MORE_QUOTES).sort((a, b) => a - b);
  const citations = picks.map((i) => ctx.cite(letter, { start: letter.sentences[i][0], end: letter.sentences[i][1] }, 1)).filter((c): c is Citation => !!c);
  if (!citations.length) return abstained(`Everything worth quoting from ${describeLetter(letter.meta)} has been quoted.`, [letter]);
  return { ...answered(`More from ${describeLetter(letter.meta)}:`, citations), show: citations.length };
}

/** "Which letters mention INTERPOL?": every letter whose text has the topic, with its first mention. */
export function mentions(ctx: AnswerContext, topic: string, letters: StoredLetter[], scope = ''): Composed {
  const topicTerms = terms(topic);
  const hits: Citation[] = [];
  for (const l of letters) {
    const s = ctx.sentencesOf(l).find((x) => {
      const have = ctx.stats.termsOf(x);
      return topicTerms.length > 0 && topicTerms.every((t) => have.has(t));
    });
    const c = s ? ctx.cite(l, s, 1) : null;
    if (c) hits.push(c);
  }
  const which = scope ? ` ${scope}` : '';
  if (!hits.length) return abstained(`The letters${which} don't mention ${topic}.`, letters.slice(0, 3));
  const lead = hits.length === 1
    ? `One letter${which} mentions ${topic}: ${describeLetter(ctx.index.letters.get(hits[0].letterId)!.meta)}.`
    : `${hits.length} letters${which} mention ${topic}.`;
  return answered(lead, hits);
}
