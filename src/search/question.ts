import { GB } from 'chrono-node/en';
import { fold, foldWords } from '../letters/text-utils.js';
import type { LetterMeta } from '../letters/types.js';
import { letterMatches, type LetterFilter } from './filters.js';

/**
 * Reads a question against the catalogue: which correspondents and dates it names (they become
 * filters), and whether it asks about the letters themselves (who wrote, when, who was copied…)
 * or about what they say.
 */
export type Intent = 'who-wrote' | 'recipients' | 'when' | 'cc' | 'mentions' | 'contact' | 'affiliations' | 'summary' | 'content';
export type PersonRole = 'sender' | 'recipient' | 'cc' | 'any';

export interface CatalogueLetter {
  id: string;
  meta: LetterMeta;
}

export interface NamedPerson {
  name: string;
  /** What the question makes of them. */
  as: PersonRole;
  /** The words of the question that named them. */
  matched: string;
  /** They are the subject of a verb of writing or replying ("What did Valls reply?"). */
  speaker: boolean;
}

export interface ParsedQuestion {
  question: string;
  intent: Intent;
  filter: LetterFilter;
  people: NamedPerson[];
  /** For `mentions`: what the letters should mention. */
  topic: string | null;
  /** Question words that named people or dates: not content to search for. */
  consumed: string[];
  /** A speaker who wrote none of the letters: the letters cannot say what they said. */
  notASender: NamedPerson | null;
}

export interface PersonEntry {
  name: string;
  aliases: string[];
  roles: Set<'sender' | 'recipient' | 'cc'>;
}

const SPEECH_VERBS =
  'wrote|write|writes|written|say|said|says|mention|mentioned|mentions|ask|asked|asks|argue|argued|describe|described|claim|claimed|urge|urged|tell|told|express|expressed|reply|replied|replies|respond|responded|answer|answered|request|requested|demand|demanded|want|wanted|think|thought|propose|proposed|call|called|send|sent|sign|signed|complain|complained|warn|warned';
const SPEECH = new RegExp(`^(?:${SPEECH_VERBS})$`);

/** Aliases of a person: full name, surname, parts of a double surname, and the head of their role. */
function aliasesOf(name: string, role: string | null): string[] {
  const aliases = new Set<string>();
  const full = foldWords(name);
  aliases.add(full);
  const words = name.trim().split(/\s+/);
  const last = words[words.length - 1];
  aliases.add(foldWords(last));
  if (last.includes('-')) for (const part of last.split('-')) if (part.length > 3) aliases.add(foldWords(part));
  if (role) {
    const head = foldWords(role.split(/,| of the /i)[0]);
    if (head.split(' ').length >= 2) aliases.add(head);
  }
  return [...aliases].filter((a) => a.length >= 3);
}

export function peopleOf(letters: Iterable<CatalogueLetter>): PersonEntry[] {
  const byName = new Map<string, PersonEntry>();
  const add = (name: string | null, role: string | null, as: 'sender' | 'recipient' | 'cc') => {
    if (!name) return;
    const key = foldWords(name);
    let e = byName.get(key);
    if (!e) {
      e = { name, aliases: [], roles: new Set() };
      byName.set(key, e);
    }
    e.roles.add(as);
    e.aliases = [...new Set([...e.aliases, ...aliasesOf(name, role)])];
  };
  for (const l of letters) {
    add(l.meta.sender, l.meta.senderRole, 'sender');
    for (const p of l.meta.recipients) add(p.name, p.role, 'recipient');
    for (const p of l.meta.cc) add(p.name, p.role, 'cc');
  }
  return [...byName.values()];
}

function detectIntent(q: string): { intent: Intent; topic: string | null } {
  const mentions = /^(?:which|what) (?:letters?|correspondence) (?:mentions?|refers? to|talks? about|discuss(?:es)?|cites?|names?|speaks? of|says? anything about)\s+(.+?)\s*\??$/i.exec(q.trim());
  if (mentions) return { intent: 'mentions', topic: mentions[1].replace(/^(?:the|a|an)\s+/i, '') };
  const f = foldWords(q);
  if (/\b(?:cc|cced|copied|copy|copies|carbon)\b/.test(f)) return { intent: 'cc', topic: null };
  if (/\b(?:to whom|addressed to|addressee|recipients?|who received|who was it (?:sent|addressed))\b/.test(f) && !/^who (?:wrote|sent|signed)/.test(f)) {
    return { intent: 'recipients', topic: null };
  }
  if (/^who\b/.test(f) && /\b(?:wrote|write|writes|written|sent|send|signed|authored)\b/.test(f)) return { intent: 'who-wrote', topic: null };
  if (/^(?:when|what date|on what date|what day)\b/.test(f) && /\b(?:write|wrote|written|send|sent|dated|date|letter)\b/.test(f)) {
    return { intent: 'when', topic: null };
  }
  if (/\b(?:phone|telephone|tel|fax|contact|reach|office address|postal address|email address|e mail)\b/.test(f)) return { intent: 'contact', topic: null };
  if (/\b(?:committees?|delegations?|affiliations?|political group|party|sits? on|serves? on|member of|memberships?)\b/.test(f)) return { intent: 'affiliations', topic: null };
  return { intent: 'content', topic: null };
}

/** Years, months or days the question names, as an inclusive range. */
function dateRange(q: string): { from?: string; to?: string; text: string[] } {
  const out: { from?: string; to?: string; text: string[] } = { text: [] };
  const before = /\b(?:before|until|prior to)\s+((?:1[89]|20)\d\d)\b/i.exec(q);
  const after = /\b(?:after|since|from)\s+((?:1[89]|20)\d\d)\b/i.exec(q);
  if (before) {
    out.to = `${Number(before[1]) - 1}-12-31`;
    out.text.push(before[1]);
  }
  if (after) {
    out.from = /since|from/i.test(after[0]) ? `${after[1]}-01-01` : `${Number(after[1]) + 1}-01-01`;
    out.text.push(after[1]);
  }
  if (before || after) return out;
  for (const r of GB.parse(q)) {
    const s = r.start;
    if (!s.isCertain('year')) continue;
    const y = s.get('year')!;
    if (s.isCertain('day') && s.isCertain('month')) {
      const d = `${y}-${String(s.get('month')).padStart(2, '0')}-${String(s.get('day')).padStart(2, '0')}`;
      return { from: d, to: d, text: [r.text] };
    }
    if (s.isCertain('month')) {
      const m = String(s.get('month')).padStart(2, '0');
      const last = new Date(Date.UTC(y, Number(m), 0)).getUTCDate();
      return { from: `${y}-${m}-01`, to: `${y}-${m}-${last}`, text: [r.text] };
    }
  }
  const year = /\b(?:in|during|of)\s+((?:1[89]|20)\d\d)\b/i.exec(q) ?? /\b((?:1[89]|20)\d\d)\b/.exec(q);
  if (year) return { from: `${year[1]}-01-01`, to: `${year[1]}-12-31`, text: [year[1]] };
  return out;
}

/** Finds each catalogue person the question names, and the role the wording gives them. */
function findPeople(q: string, people: PersonEntry[]): NamedPerson[] {
  const words = foldWords(q).split(' ');
  // The same words with their case, to tell the surname "Long" from the word "long".
  const cased = q.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ');
  const capital = (i: number) => cased.length !== words.length || /^\p{Lu}/u.test(cased[i] ?? '');
  // A question typed all in lower case names people in lower case.
  const lowerCaseQuestion = !/\p{Lu}/u.test(q);
  const found: NamedPerson[] = [];
  const taken = new Set<number>();
  // Longest aliases first, so "jean marc ayrault" wins over "ayrault" and roles over surnames.
  const candidates = people.flatMap((p) => p.aliases.map((a) => ({ p, alias: a.split(' ') }))).sort((a, b) => b.alias.length - a.alias.length);
  for (const { p, alias } of candidates) {
    for (let i = 0; i + alias.length <= words.length; i++) {
      if (alias.some((w, j) => words[i + j] !== w) || alias.some((_, j) => taken.has(i + j))) continue;
      // A one-word alias (a surname) is a name only when capitalised, unless nothing is.
      if (alias.length === 1 && foldWords(p.name) !== alias[0] && !lowerCaseQuestion && !capital(i)) continue;
      if (found.some((f) => f.name === p.name)) break;
      alias.forEach((_, j) => taken.add(i + j));
      const prev = words.slice(Math.max(0, i - 3), i).join(' ');
      const next = words.slice(i + alias.length, i + alias.length + 2);
      const possessive = next[0] === 's';
      const speaker = SPEECH.test(next[0] ?? '') || (possessive && SPEECH.test(next[1] ?? ''));
      let as: PersonRole;
      if (/\b(?:according to|in the words of|said by|written by)$/.test(prev)) as = 'sender';
      else if (/\b(?:to|addressed to|sent to|written to|for)$/.test(prev)) as = 'recipient';
      else if (/\b(?:from|by)$/.test(prev) || possessive || speaker) as = 'sender';
      else if (p.roles.size === 1) as = [...p.roles][0];
      else as = 'any';
      found.push({ name: p.name, as, matched: alias.join(' '), speaker });
    }
  }
  return found;
}

/** `people` defaults to everyone in `letters`; pass it when asking many questions of one catalogue. */
export function parseQuestion(question: string, letters: CatalogueLetter[], known: PersonEntry[] = peopleOf(letters)): ParsedQuestion {
  const { intent, topic } = detectIntent(question);
  const people = findPeople(question, known);
  const filter: LetterFilter = {};
  const consumed: string[] = [];
  const senders = new Set(known.filter((p) => p.roles.has('sender')).map((p) => foldWords(p.name)));
  let notASender: NamedPerson | null = null;

  for (const p of people) {
    consumed.push(...p.matched.split(' '));
    if (p.speaker && !senders.has(foldWords(p.name)) && intent !== 'who-wrote') notASender ??= p;
    if (p.as === 'sender' && senders.has(foldWords(p.name))) filter.sender = p.name;
    else if (p.as === 'recipient') filter.recipient = p.name;
    else if (p.as === 'any' || p.as === 'sender') {
      const ids = letters
        .filter((l) => [l.meta.sender, ...l.meta.recipients.map((r) => r.name), ...l.meta.cc.map((c) => c.name)].some((n) => n && foldWords(n) === foldWords(p.name)))
        .map((l) => l.id);
      filter.letterIds = filter.letterIds ? filter.letterIds.filter((id) => ids.includes(id)) : ids;
    }
  }
  // A question about the correspondence dates the letters; elsewhere a year is part of the content.
  const aboutLetters = intent !== 'content' && intent !== 'mentions' && intent !== 'contact';
  // "Who wrote to Bernard Cazeneuve?" names someone the catalogue doesn't know: a filter that matches nothing.
  if (aboutLetters) {
    const named = /\b(to|from|by)\s+((?:\p{Lu}[\p{L}'’.\-]+\s?){1,4})/u.exec(question);
    if (named && !people.some((p) => foldWords(named[2]).includes(p.matched))) {
      if (named[1] === 'to' && !filter.recipient) filter.recipient = named[2].trim();
      else if (named[1] !== 'to' && !filter.sender) filter.sender = named[2].trim();
    }
  }
  const speaks = people.some((p) => p.speaker);
  if (aboutLetters || speaks) {
    const range = dateRange(question);
    if (range.from || range.to) {
      const dated = { ...filter, from: range.from, to: range.to };
      if (aboutLetters || letters.some((l) => letterMatches(l, dated))) {
        Object.assign(filter, { from: range.from, to: range.to });
        consumed.push(...range.text.flatMap((t) => foldWords(t).split(' ')));
      }
    }
  }
  return { question, intent, filter, people, topic, consumed: consumed.map(fold), notASender };
}
