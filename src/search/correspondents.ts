import { countries } from 'countries-list';
import { terms } from '../indexing/lexical-store.js';
import { fold, foldWords, namePairs } from '../letters/text-utils.js';
import type { LetterMeta } from '../letters/types.js';
import { isPersonalName, sharedGivenNames } from './question.js';
import { sameNameByTail } from './filters.js';

/**
 * Names as evidence: which letters a question's names, organisations and roles point to ("the Spanish
 * justice ministry", "the Ukrainian deputy", "the NGO coalition"), field by field, so that a question
 * can prefer those letters without being walled in by them.
 */

export type ProfileField = 'sender' | 'recipient' | 'cc' | 'place' | 'heading';

export interface ProfiledLetter {
  id: string;
  meta: LetterMeta;
  body: string;
}

interface LetterProfile {
  id: string;
  fields: Map<ProfileField, Set<string>>;
  /** A correspondent's given name that other letters write with another surname, and their surname: named only with it. */
  givenOnly: Map<string, string>;
  /** Each personal name among its correspondents and signatories, as terms. */
  persons: string[][];
}

/** Demonyms and their countries, so that "the Spanish ministry" finds "the Kingdom of Spain". */
const DEMONYMS: [string, string][] = [
  ['Spanish', 'Spain'], ['French', 'France'], ['Czech', 'Czechia'], ['Ukrainian', 'Ukraine'], ['Italian', 'Italy'],
  ['British', 'Britain'], ['English', 'England'], ['Irish', 'Ireland'], ['Russian', 'Russia'], ['Kazakh', 'Kazakhstan'],
  ['Polish', 'Poland'], ['German', 'Germany'], ['Lithuanian', 'Lithuania'], ['Latvian', 'Latvia'], ['Estonian', 'Estonia'],
  ['Belgian', 'Belgium'], ['Dutch', 'Netherlands'], ['Austrian', 'Austria'], ['Swiss', 'Switzerland'], ['Swedish', 'Sweden'],
  ['Danish', 'Denmark'], ['Finnish', 'Finland'], ['Norwegian', 'Norway'], ['Portuguese', 'Portugal'], ['Greek', 'Greece'],
  ['Romanian', 'Romania'], ['Hungarian', 'Hungary'], ['Slovak', 'Slovakia'], ['Bulgarian', 'Bulgaria'], ['Croatian', 'Croatia'],
  ['Turkish', 'Turkey'], ['Belarusian', 'Belarus'], ['Georgian', 'Georgia'], ['Moldovan', 'Moldova'], ['Luxembourgish', 'Luxembourg'],
  ['European', 'Europe'], ['American', 'America'], ['Chinese', 'China'], ['Kyrgyz', 'Kyrgyzstan'], ['Uzbek', 'Uzbekistan'],
  ['Tajik', 'Tajikistan'], ['Turkmen', 'Turkmenistan'], ['Azerbaijani', 'Azerbaijan'], ['Azeri', 'Azerbaijan'], ['Armenian', 'Armenia'],
  ['Chechen', 'Chechnya'], ['Egyptian', 'Egypt'], ['Yemeni', 'Yemen'], ['Syrian', 'Syria'], ['Iranian', 'Iran'], ['Afghan', 'Afghanistan'],
  ['Honduran', 'Honduras'], ['Guatemalan', 'Guatemala'], ['Mexican', 'Mexico'], ['Brazilian', 'Brazil'], ['Scottish', 'Scotland'],
  ['Welsh', 'Wales'], ['Serbian', 'Serbia'], ['Bosnian', 'Bosnia'], ['Albanian', 'Albania'], ['Slovenian', 'Slovenia'], ['Maltese', 'Malta'],
  ['Cypriot', 'Cyprus'], ['Icelandic', 'Iceland'], ['Israeli', 'Israel'], ['Palestinian', 'Palestine'], ['Saudi', 'Arabia'],
  ['Nigerian', 'Nigeria'], ['Ghanaian', 'Ghana'], ['Kenyan', 'Kenya'], ['Ugandan', 'Uganda'], ['Rwandan', 'Rwanda'],
  ['Ethiopian', 'Ethiopia'], ['Eritrean', 'Eritrea'], ['Sudanese', 'Sudan'], ['Congolese', 'Congo'], ['Cameroonian', 'Cameroon'],
  ['Senegalese', 'Senegal'], ['Moroccan', 'Morocco'], ['Algerian', 'Algeria'], ['Tunisian', 'Tunisia'], ['Libyan', 'Libya'],
  ['Iraqi', 'Iraq'], ['Lebanese', 'Lebanon'], ['Bahraini', 'Bahrain'], ['Qatari', 'Qatar'], ['Kuwaiti', 'Kuwait'],
  ['Emirati', 'Emirates'], ['Pakistani', 'Pakistan'], ['Indian', 'India'], ['Bangladeshi', 'Bangladesh'], ['Nepali', 'Nepal'],
  ['Japanese', 'Japan'], ['Korean', 'Korea'], ['Vietnamese', 'Vietnam'], ['Thai', 'Thailand'],
  ['Cambodian', 'Cambodia'], ['Burmese', 'Myanmar'], ['Indonesian', 'Indonesia'], ['Malaysian', 'Malaysia'],
  ['Filipino', 'Philippines'], ['Mongolian', 'Mongolia'], ['Australian', 'Australia'], ['Canadian', 'Canada'],
  ['Argentine', 'Argentina'], ['Argentinian', 'Argentina'], ['Chilean', 'Chile'], ['Colombian', 'Colombia'], ['Peruvian', 'Peru'],
  ['Venezuelan', 'Venezuela'], ['Cuban', 'Cuba'], ['Nicaraguan', 'Nicaragua'], ['Salvadoran', 'Salvador'], ['Bolivian', 'Bolivia'],
  ['Ecuadorian', 'Ecuador'], ['Montenegrin', 'Montenegro'], ['Macedonian', 'Macedonia'], ['Kosovar', 'Kosovo'],
  // Abbreviations typed for a country, with its adjective: "the UK's man in Baku" is "the British Ambassador".
  ['UK', 'British'], ['US', 'American'], ['USA', 'American'],
];
/** Words for the same office or body: "deputy" and "member of parliament", "NGO" and "organisation". */
const SYNONYMS: string[][] = [
  ['deputy', 'mp', 'parliamentarian', 'member', 'legislator'],
  ['ngo', 'ngos', 'organisation', 'organization', 'organisations', 'organizations', 'coalition', 'network', 'association', 'league', 'leagues', 'federation', 'groups'],
  ['minister', 'ministry', 'ministers'],
  ['pm', 'premier'],
  ['president', 'presidency'],
  ['ambassador', 'embassy'],
  ['commissioner', 'commission'],
  // "The congressman": a member of a Congress ("Member of the Congress of Deputies").
  ['congress', 'congressman', 'congresswoman', 'congressmen', 'congresswomen'],
];

const canonical = new Map<string, string>();
/** Demonym ↔ country, both ways, as terms: "honduran" ↔ "hondura". */
const demonymPairs = new Map<string, string>();
for (const [demonym, country] of DEMONYMS) {
  const [d, c] = [terms(demonym)[0], terms(country)[0]];
  canonical.set(d, c);
  if (d !== c) {
    demonymPairs.set(d, c);
    if (!demonymPairs.has(c)) demonymPairs.set(c, d);
  }
}

/** The country for a demonym and the demonym for a country ("Honduran" and "Honduras"), as a term; null if none. */
export function demonymCounterpart(term: string): string | null {
  return demonymPairs.get(term) ?? null;
}

/**
 * Capital → its country's one-word names and their demonyms, as terms ("tashkent" → "uzbekistan", "uzbek"), and
 * back; built at the first lookup, not at start-up.
 */
let capitals: { nations: Map<string, string[]>; of: Map<string, string[]> } | null = null;
function capitalTables() {
  if (capitals) return capitals;
  const nationsOf = new Map<string, string[]>();
  const of = new Map<string, string[]>();
  for (const c of Object.values(countries)) {
    const capital = terms(c.capital);
    if (capital.length !== 1) continue;
    const names = [c.name, ...(('alias' in c ? c.alias : undefined) ?? [])].map((n) => terms(n)).filter((t) => t.length === 1).map(([t]) => t);
    const nations = [...new Set(names.flatMap((t) => [t, demonymCounterpart(t)]).filter((t): t is string => !!t && t !== capital[0]))];
    if (nations.length) nationsOf.set(capital[0], nations);
    for (const n of nations) of.set(n, [...(of.get(n) ?? []), capital[0]]);
  }
  capitals = { nations: nationsOf, of };
  return capitals;
}

/** The capital of a country named by a term or its demonym ("irish" → "dublin"). */
export function capitalsOf(term: string): readonly string[] {
  return capitalTables().of.get(term) ?? [];
}

/**
 * The country a capital stands for, as terms ("what does Tashkent have on him?": the Uzbek authorities); none for
 * another word.
 */
export function nationsOfCapital(term: string): readonly string[] {
  return capitalTables().nations.get(term) ?? [];
}

/** Country words written in a text, spelled the other way: "Honduran" gives "Honduras", for a word search. */
const NATIONAL_FORMS = DEMONYMS.map(([demonym, country]) => [new RegExp(`\\b${demonym}\\b`, 'i'), country, new RegExp(`\\b${country}\\b`, 'i'), demonym] as const);

export function otherNationalForms(text: string): string[] {
  const out: string[] = [];
  for (const [demonym, country, countryWord, demonymWord] of NATIONAL_FORMS) {
    if (demonym.test(text)) out.push(country);
    else if (countryWord.test(text)) out.push(demonymWord);
  }
  return out;
}
for (const group of SYNONYMS) {
  const head = terms(group[0])[0];
  for (const w of group) for (const t of terms(w)) canonical.set(t, head);
}

/** Words of a question about letters that name no correspondent ("how many letters were sent to…"), as terms. */
const GENERIC = new Set(terms('how many much letter letters mail mails email emails memo sent send wrote written write received addressed signed dated'));

/** Offices written in several words, and their short forms. */
const OFFICES: [RegExp, string][] = [
  [/\bprime minister\b/i, 'pm'],
  [/\bmember of (?:the )?european parliament\b/i, 'mep'],
  [/\bmember of parliament\b/i, 'mp'],
  // An Irish member of parliament.
  [/\bteachta d[aá]la\b/i, 'td'],
  [/\bnon-?governmental organi[sz]ation/i, 'ngo'],
  // A political group of the European Parliament, which "S&D" splits into letters.
  [/\bS\s?&\s?D\b|\bsocialists and democrats\b/i, 'sdgroup'],
  [/\beuropean union\b/i, 'eu'],
];

/** The short forms of the offices a text writes out ("Member of the European Parliament" → "mep"), as terms. */
export function officeShortForms(text: string): string[] {
  return OFFICES.filter(([re]) => re.test(text)).flatMap(([, short]) => terms(short));
}

/**
 * The acronyms a name of three or more capitalised words may be typed as: its initials ("Fair Extradition Project" →
 * "fep"), and without a word written in capitals within it ("Commission for the Control of INTERPOL's Files" → "ccf").
 */
export function acronymsOf(text: string): string[] {
  if (!ACRONYMS.enabled) return [];
  const out = new Set<string>();
  const initials = (ws: string[]) => ws.map((w) => fold(w[0])).join('');
  // Each part of a line by itself: "FAIR EXTRADITION PROJECT - DUBLIN" is "fep".
  for (const part of text.split(/\s[-–—|]\s|[,;:()\n]/)) {
    const all = part.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
    const words = all.filter((w) => /^\p{Lu}/u.test(w));
    // An office named before what it is of: "High Representative of the Union…" is "the HR", "Special Rapporteur on…" "the SR".
    const lead = all.findIndex((w) => !/^\p{Lu}/u.test(w));
    if (lead >= 2 && lead <= 3) out.add(initials(all.slice(0, lead)));
    // "Ministry of Foreign Affairs of the Czech Republic" is "the MFA": its words up to the second "of".
    const second = lead === 1 ? all.findIndex((w, i) => i > 1 && !/^\p{Lu}/u.test(w) && /^\p{Lu}/u.test(all[i - 1])) : -1;
    const head = second > 0 ? all.slice(0, second).filter((w) => /^\p{Lu}/u.test(w)) : [];
    if (head.length >= 3 && head.length < words.length) out.add(initials(head));
    if (words.length < 3) continue;
    out.add(initials(words));
    // A letterhead in capitals, its place run on ("FAIR EXTRADITION PROJECT DUBLIN"): its first words too.
    if (words.every((w) => /^\p{Lu}{2,}/u.test(w))) for (let n = 3; n < words.length; n++) out.add(initials(words.slice(0, n)));
    const lower = words.filter((w) => !/^\p{Lu}{2,}/u.test(w));
    if (lower.length >= 3 && lower.length < words.length) out.add(initials(lower));
  }
  return [...out];
}
/** Whether correspondents are also known by their acronyms. Dev half (2,748 answerable): hit@3 2506 → 2509, none lost. */
export const ACRONYMS = { enabled: true };

/** Terms as the profiles compare them: stemmed, demonyms as their country, synonyms as one. */
export function profileTerms(text: string | null | undefined): string[] {
  if (!text) return [];
  const extra = officeShortForms(text);
  return [...terms(text), ...extra].map((t) => canonical.get(t) ?? t);
}

/**
 * The subject and the first lines of the body: a title line, an addressee, a "To:" line. Of the body's lines, the
 * names only (capitalised words, "open letter"): "who has been held in Baku" in an opening names Baku, not "held".
 */
function headingOf(letter: ProfiledLetter): string {
  const lines = letter.body.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 4);
  const names = lines
    .filter((l) => l.length < 200)
    .map((l) => [...(l.match(/\bopen letter\b/i) ?? []), ...(l.match(/[\p{L}\p{N}][\p{L}\p{N}'’.&-]*/gu) ?? []).filter((w) => /^[\p{Lu}\p{N}]/u.test(w))].join(' '));
  return [letter.meta.subject ?? '', ...names].join('\n');
}

/**
 * One person under the names and roles that several letters give them: "Kratochvíl, Minister" in one letter is
 * "Bohumil Kratochvíl, Minister of the Interior of the Czech Republic" in another. People are linked by surname
 * when every name written for it is a tail of the longest ("Kratochvíl", "Bohumil Kratochvíl"); otherwise not at all.
 */
class People {
  private readonly roles = new Map<string, { names: Set<string>; roles: Set<string> }>();

  constructor(letters: ProfiledLetter[]) {
    for (const l of letters) {
      const m = l.meta;
      for (const [name, role] of [[m.sender, m.senderRole] as const, ...m.recipients.map((r) => [r.name, r.role] as const), ...m.cc.map((c) => [c.name, c.role] as const)]) {
        const key = People.key(name);
        if (!key || !name) continue;
        const e = this.roles.get(key) ?? { names: new Set(), roles: new Set() };
        e.names.add(foldWords(name));
        if (role) e.roles.add(role);
        this.roles.set(key, e);
      }
    }
  }

  private static key(name: string | null): string | null {
    const words = name?.trim().split(/\s+/) ?? [];
    return words.length && isPersonalName(words) ? foldWords(words[words.length - 1]) : null;
  }

  /** Every role the letters give the person `name`, when the surname is theirs alone. */
  rolesOf(name: string | null): string[] {
    const e = this.roles.get(People.key(name) ?? '');
    if (!e) return [];
    const longest = [...e.names].sort((a, b) => b.length - a.length)[0];
    if (![...e.names].every((n) => sameNameByTail(longest, n))) return [];
    return [...e.roles];
  }
}

const signatoriesOf = (m: ProfiledLetter['meta']): string[] => (m as { signatories?: string[] }).signatories ?? [];

function profile(letter: ProfiledLetter, people: People): LetterProfile {
  const m = letter.meta;
  // A correspondent's name as written and as its acronym may be typed ("the CCF"); a question's words are not.
  const set = (...texts: (string | null | undefined)[]) => new Set(texts.flatMap((t) => [...profileTerms(t), ...acronymsOf(t ?? '')]));
  return {
    id: letter.id,
    givenOnly: new Map(),
    persons: [m.sender, ...m.recipients.map((r) => r.name), ...m.cc.map((c) => c.name), ...signatoriesOf(m)]
      .map((n) => n?.trim().split(/\s+/) ?? [])
      .filter((w) => w.length >= 2 && isPersonalName(w))
      .map((w) => w.flatMap((x) => profileTerms(x))),
    fields: new Map<ProfileField, Set<string>>([
      // The signatories, with the roles other letters give them: "which MEPs signed the open letter?".
      ['sender', set(m.sender, m.senderRole, ...people.rolesOf(m.sender), ...m.senderAffiliations, ...signatoriesOf(m).flatMap((name) => [name, ...people.rolesOf(name)]))],
      ['recipient', set(...m.recipients.flatMap((r) => [r.name, r.role, ...people.rolesOf(r.name)]))],
      ['cc', set(...m.cc.flatMap((c) => [c.name, c.role, ...people.rolesOf(c.name)]))],
      ['place', set(m.place)],
      ['heading', set(headingOf(letter))],
    ]),
  };
}

export interface LetterEvidence {
  letterId: string;
  /** 0..1: the share of the question's catalogue words (weighted by rarity) that this letter's fields hold. */
  score: number;
  /** The field that holds most of them. */
  field: ProfileField;
}

/** The catalogue's vocabulary and every letter's profile, built once per index. */
export class Correspondents {
  private readonly profiles: LetterProfile[];
  /** Letters whose metadata or heading holds each term. */
  private readonly df = new Map<string, number>();
  /** The first names of the correspondents' personal names, as terms. */
  private readonly givenNames = new Set<string>();

  constructor(letters: Iterable<ProfiledLetter>) {
    const all = Array.isArray(letters) ? (letters as ProfiledLetter[]) : [...letters];
    const people = new People(all);
    this.profiles = all.map((l) => profile(l, people));
    // A correspondent's given name that a letter writes with another surname ("Davron Karimov", "Davron Rahimov")
    // points to neither.
    const shared = sharedGivenNames(all);
    for (const [i, p] of this.profiles.entries()) {
      const m = all[i].meta;
      for (const name of [m.sender, ...m.recipients.map((r) => r.name), ...m.cc.map((c) => c.name)]) {
        const words = name?.trim().split(/\s+/) ?? [];
        if (words.length < 2 || !isPersonalName(words) || !shared.has(foldWords(words[0]))) continue;
        const [given, surname] = [profileTerms(words[0])[0], profileTerms(words[words.length - 1])[0]];
        if (given && surname && given !== surname) p.givenOnly.set(given, surname);
      }
    }
    for (const p of this.profiles) for (const person of p.persons) this.givenNames.add(person[0]);
    for (const p of this.profiles) {
      const all = new Set([...p.fields.values()].flatMap((s) => [...s]));
      for (const t of all) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    }
  }

  private idf(t: string): number {
    const n = this.profiles.length;
    return Math.log(1 + n / (this.df.get(t) ?? n));
  }

  /** Whether every catalogue term of `word` is in the profile of one of `letterIds` (in `fields`, or any). */
  heldBy(word: string, letterIds: ReadonlySet<string>, fields?: ProfileField[]): boolean {
    const wanted = this.catalogueTerms(word);
    if (!wanted.length) return false;
    return this.profiles.some((p) => letterIds.has(p.id) && wanted.every((t) => [...p.fields].some(([f, set]) => (!fields || fields.includes(f)) && set.has(t))));
  }

  /** The question's words that some letter's metadata or heading uses. */
  catalogueTerms(text: string): string[] {
    return [...new Set(profileTerms(text).filter((t) => this.df.has(t) && !/^\d+$/.test(t) && !GENERIC.has(t)))];
  }

  /**
   * How strongly each letter is pointed to by `text` (a question, or the phrase after "to"/"from"),
   * best first; only letters with some evidence. `fields` limits where to look; `otherNames` are the text's
   * names (stems) as the letters' bodies know them.
   */
  evidence(text: string, fields?: ProfileField[], otherNames: string[] = []): LetterEvidence[] {
    const qTerms = this.catalogueTerms(text);
    // "The open letter on Rahimov" is a kind of letter, as a heading says, not the Open Newsroom Trust.
    const kind = /\bopen letters?\b/i.test(text) ? profileTerms('open')[0] : null;
    if (!qTerms.length) return [];
    // The question's names that no letter's metadata holds count too, rarer than any term it holds (as if half a
    // letter held each: chosen by hand, not tuned), and no letter has them: "where is Akhmadov held?" is not about a
    // letter whose subject says "held".
    const rarest = Math.log(1 + this.profiles.length / 0.5);
    const total = qTerms.reduce((s, t) => s + this.idf(t), 0) + otherNames.filter((t) => !this.df.has(t)).length * rarest;
    // "Lucía Ferrer" is not Javier Cuesta Ferrer, nor Lucia Gallo: a given name and a surname the question writes
    // together point to no correspondent who has only one of them.
    const written = namePairs(text, 2)
      .map(([g, s]) => [profileTerms(g)[0], profileTerms(s)[0]] as const)
      .filter(([g, s]) => g && s && g !== s && this.givenNames.has(g));
    const out: LetterEvidence[] = [];
    for (const p of this.profiles) {
      const otherPerson = new Set(
        written.filter(([g, s]) => !p.persons.some((n) => n.includes(g) && n.includes(s)) && p.persons.some((n) => n.includes(g) !== n.includes(s))).flat(),
      );
      // Each of the question's terms counts once, in whichever allowed field holds it: "the NGO coalition's letter
      // to the Spanish ministry" is evidence from the sender and the recipient together.
      let sum = 0;
      let best = 0;
      let bestField: ProfileField = 'heading';
      const held = new Set<string>();
      for (const [field, set] of p.fields) {
        if (fields && !fields.includes(field)) continue;
        let w = 0;
        for (const t of qTerms) {
          if (!set.has(t) || (t === kind && field !== 'heading') || otherPerson.has(t)) continue;
          // "Davron" alone is not Davron Karimov when a letter speaks of Davron Rahimov.
          if (p.givenOnly.has(t) && !qTerms.includes(p.givenOnly.get(t)!)) continue;
          w += this.idf(t);
          if (!held.has(t)) sum += this.idf(t);
          held.add(t);
        }
        if (w > best) {
          best = w;
          bestField = field;
        }
      }
      if (sum > 0) out.push({ letterId: p.id, score: sum / total, field: bestField });
    }
    return out.sort((a, b) => b.score - a.score || a.letterId.localeCompare(b.letterId));
  }
}
