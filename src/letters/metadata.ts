import { parseFullDate, type ParsedDate } from './dates.js';
import { francAll } from 'franc-min';
import type { LetterMeta, Person } from './types.js';

export { parseDateValue, parseFullDate } from './dates.js';
import { titleCase, wordCount } from './text-utils.js';

/**
 * Reads a formal letter's metadata from its cleaned body and its removed letterhead:
 * the dateline ("Brussels, 29 June, 2016"), the recipient block before the salutation,
 * the signature after the closing, and the CC block.
 */

const HONORIFIC =
  /^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lord|Lady|H\.?\s?E\.?|Hon|Rev|Mme|Mlle|M\.|Herr|Frau|Sr|Sra|Sig|Sig\.ra)\.?\s+/;
/** Lower-case words inside surnames: "Pieter van Damme", "Ana de la Cruz". */
const NAME_PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'du', 'da', 'di', 'la', 'le', 'del', 'della', 'dos', 'das', 'ten', 'ter', 'bin', 'al', 'el', 'zu']);
const SALUTATION = /^(?:dear\b|(?:mr|mrs|ms|madam|sir|your excellency|excellency|monsieur|madame|to whom)\b.*,\s*$)/i;
const CLOSING =
  /^(?:yours\s+(?:sincerely|faithfully|truly|respectfully)|(?:very\s+)?(?:sincerely|respectfully|faithfully|truly)(?:\s+yours)?|(?:best|kind|warm|warmest|kindest)(?:\s+regards|\s+wishes)?|regards|with\s+(?:best|kind|warm)\s+regards|cordially|yours|cheers)[,.!]?\s*$/i;
const CC_LINE = /^(?:cc|c\.c\.|copy to|copies to|copy|copies)\s*:\s*(.*)$/i;
const SUBJECT_LINE = /^(?:subject|re|objet|betreff|oggetto|asunto|concerns?)\s*:\s*(.+)$/i;
const INSTITUTION = /\b(?:parliament|parlament|committee|commission|ministry|department|office|delegation|university|council|embassy|group|party|union|association|foundation)\b/i;
const CONTACT = /(?:\d{3,}|@|https?:|www\.|tel\b|phone|fax|e-?mail)/i;

/** Common role abbreviations in signatures, spelled out. */
const ROLE_ABBREVIATIONS: Record<string, string> = {
  MEP: 'Member of the European Parliament',
  MP: 'Member of Parliament',
  MdB: 'Member of the Bundestag',
};

/** ISO 639-3 → 639-1 for the languages letters are likely to be in. */
const ISO6391: Record<string, string> = {
  eng: 'en', fra: 'fr', deu: 'de', spa: 'es', ita: 'it', nld: 'nl', por: 'pt', pol: 'pl', rus: 'ru', ukr: 'uk',
  ces: 'cs', slk: 'sk', swe: 'sv', dan: 'da', nob: 'no', fin: 'fi', est: 'et', lav: 'lv', lit: 'lt', ron: 'ro',
  hun: 'hu', bul: 'bg', ell: 'el', hrv: 'hr', slv: 'sl', srp: 'sr', tur: 'tr', kaz: 'kk', ara: 'ar', zho: 'zh',
  cmn: 'zh', jpn: 'ja', kor: 'ko',
};

interface BodyLine {
  text: string;
  index: number;
}

function bodyLines(body: string): BodyLine[] {
  return body.split('\n').map((text, index) => ({ text: text.trim(), index }));
}

/** "Mr Manuel Valls," → "Manuel Valls"; null when the line is not a name. */
function nameFromLine(line: string, requireHonorific: boolean): string | null {
  const stripped = line.replace(/[,;:.]+$/, '').trim();
  const m = HONORIFIC.exec(stripped);
  const name = m ? stripped.slice(m[0].length).trim() : stripped;
  if (!m && requireHonorific) return null;
  const words = name.split(/\s+/);
  if (words.length < 1 || words.length > 5) return null;
  const capitalised = (w: string) => /^[\p{Lu}][\p{L}'’.\-]*$/u.test(w);
  if (!capitalised(words[0]) || !capitalised(words[words.length - 1])) return null;
  if (!words.every((w) => capitalised(w) || NAME_PARTICLES.has(w))) return null;
  if (INSTITUTION.test(name)) return null;
  return name;
}

/** "Mr Jean-Jacques Urvoas, Minister of Justice of the Republic of France" → person. */
function personFromLine(line: string): Person | null {
  const text = line.replace(/[;.]+$/, '').trim();
  const comma = text.search(/\s*[,|–—]\s*/);
  const head = comma >= 0 ? text.slice(0, comma) : text;
  const rest = comma >= 0 ? text.slice(comma).replace(/^\s*[,|–—]\s*/, '').trim() : '';
  const name = nameFromLine(head, false);
  if (!name) return null;
  return { name, role: rest || null };
}

function findDateline(lines: BodyLine[]): { line: number; date: ParsedDate } | null {
  const shortLines = lines.filter((l) => l.text && l.text.length <= 80);
  // Near the top first, then anywhere (some letters date the signature).
  const head = shortLines.filter((l) => l.index < 25);
  for (const group of [head, shortLines]) {
    for (const l of group) {
      if (CONTACT.test(l.text.replace(/\d{1,2}[./ -]\d{1,2}[./ -]\d{2,4}|\d{4}/g, ''))) continue;
      const date = parseFullDate(l.text);
      if (date) return { line: l.index, date };
    }
  }
  return null;
}

/** "Brussels, 29 June, 2016" → "Brussels". */
function placeFromDateline(text: string, date: ParsedDate): string | null {
  const before = text.slice(0, date.index).replace(/[\s,\-–—]+$/, '').trim();
  const after = text.slice(date.index + date.length).replace(/^[\s,\-–—]+/, '').trim();
  for (const candidate of [before, after]) {
    if (/^[\p{Lu}][\p{L}'’.\- ]{1,40}$/u.test(candidate) && candidate.split(/\s+/).length <= 4) return candidate;
  }
  return null;
}

/** The recipient block: names with honorifics between the dateline and the salutation. */
function findRecipients(lines: BodyLine[], from: number, salutation: number): Person[] {
  const people: Person[] = [];
  for (let i = from; i < salutation; i++) {
    const name = nameFromLine(lines[i].text, true);
    if (!name) continue;
    const roleParts: string[] = [];
    let j = i + 1;
    const first = lines[j]?.text ?? '';
    if (j < salutation && first && !CONTACT.test(first) && !HONORIFIC.test(first)) {
      roleParts.push(first.replace(/,$/, ''));
      j++;
      while (j < salutation && /^\p{Ll}/u.test(lines[j].text)) roleParts.push(lines[j++].text.replace(/,$/, ''));
    }
    people.push({ name, role: roleParts.length ? roleParts.join(' ') : null });
    i = j - 1;
  }
  return people;
}

interface Signature {
  sender: string | null;
  role: string | null;
  affiliations: string[];
}

function expandRole(role: string): string {
  const bare = role.replace(/[.,]/g, '').trim();
  return ROLE_ABBREVIATIONS[bare] ?? role;
}

function findSignature(lines: BodyLine[], closing: number, end: number): Signature {
  const after = lines.slice(closing + 1, end).filter((l) => l.text);
  const sig: Signature = { sender: null, role: null, affiliations: [] };
  const first = after[0]?.text;
  if (!first) return sig;
  const sep = /\s*(?:\||,|\s[–—-]\s)\s*/.exec(first);
  const namePart = sep ? first.slice(0, sep.index) : first;
  const name = nameFromLine(namePart, false);
  if (!name) return sig;
  sig.sender = name;
  let rest = after.slice(1);
  if (sep) sig.role = expandRole(first.slice(sep.index + sep[0].length).trim());
  else if (rest[0] && !CONTACT.test(rest[0].text) && !CC_LINE.test(rest[0].text)) {
    sig.role = expandRole(rest[0].text);
    rest = rest.slice(1);
  }
  for (const l of rest) {
    if (CC_LINE.test(l.text) || CONTACT.test(l.text)) break;
    sig.affiliations.push(l.text);
  }
  return sig;
}

function findCc(lines: BodyLine[]): { people: Person[]; line: number } {
  for (const l of lines) {
    const m = CC_LINE.exec(l.text);
    if (!m) continue;
    const people: Person[] = [];
    if (m[1].trim()) {
      for (const part of m[1].split(/;|\s+and\s+/)) {
        const p = personFromLine(part);
        if (p) people.push(p);
      }
    }
    for (let i = l.index + 1; i < lines.length; i++) {
      const t = lines[i].text;
      if (!t) continue;
      const p = personFromLine(t);
      if (!p) break;
      people.push(p);
    }
    return { people, line: l.index };
  }
  return { people: [], line: -1 };
}

/** The sender's name and lines (committees, delegations) from a removed letterhead. */
export function letterheadSender(furniture: string[]): { name: string | null; affiliations: string[] } {
  for (const block of furniture) {
    const lines = block.split('\n').map((l) => l.trim()).filter(Boolean);
    const at = lines.findIndex((l) => {
      const words = l.split(/\s+/);
      return words.length >= 2 && words.length <= 4 && l === l.toUpperCase() && /^[\p{L}'’.\- ]+$/u.test(l) && !INSTITUTION.test(l) && !/parlament|parliament|parlement/i.test(l);
    });
    if (at >= 0) return { name: titleCase(lines[at]), affiliations: lines.slice(at + 1).filter((l) => l.split(/\s+/).length <= 12) };
  }
  return { name: null, affiliations: [] };
}

export function detectLanguage(body: string): string | null {
  const sample = body.slice(0, 4000);
  if (sample.length < 40) return null;
  const [best] = francAll(sample, { minLength: 40 });
  if (!best || best[0] === 'und') return null;
  return ISO6391[best[0]] ?? best[0];
}

/** Metadata read from the body and furniture of a formal letter. */
export function extractMetadata(body: string, furniture: string[]): LetterMeta {
  const lines = bodyLines(body);
  const dateline = findDateline(lines);
  // The salutation is the last greeting line before the first paragraph of prose.
  const prose = lines.findIndex((l) => wordCount(l.text) > 15);
  let salutation = -1;
  for (let i = (prose >= 0 ? prose : lines.length) - 1; i > (dateline?.line ?? -1); i--) {
    if (SALUTATION.test(lines[i].text)) {
      salutation = i;
      break;
    }
  }
  const recipients =
    salutation >= 0 ? findRecipients(lines, dateline && dateline.line < salutation ? dateline.line + 1 : 0, salutation) : [];
  const cc = findCc(lines);
  let closing = -1;
  for (let i = lines.length - 1; i > Math.max(salutation, 0); i--) {
    if (CLOSING.test(lines[i].text)) {
      closing = i;
      break;
    }
  }
  const signature = closing >= 0 ? findSignature(lines, closing, cc.line > closing ? cc.line : lines.length) : null;
  const head = letterheadSender(furniture);
  const subject = lines.slice(0, salutation >= 0 ? salutation : 20).map((l) => SUBJECT_LINE.exec(l.text)?.[1]).find(Boolean);

  return {
    sender: signature?.sender ?? head.name,
    senderRole: signature?.role ?? null,
    senderAffiliations: [...head.affiliations, ...(signature?.affiliations ?? [])],
    recipients,
    cc: cc.people,
    date: dateline?.date.iso ?? null,
    place: dateline ? placeFromDateline(lines[dateline.line].text, dateline.date) : null,
    language: detectLanguage(body),
    subject: subject ?? null,
  };
}
