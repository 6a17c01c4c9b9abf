import { francAll } from 'franc-min';
import type { LetterMeta, Person } from './types.js';
import { foldWords, titleCase } from './text-utils.js';
import { complimentsOf, findAddressees, findSalutation, isAddresseeOffice, salutationAddressee } from './metadata/addressees.js';
import { findCc } from './metadata/cc.js';
import { findDateline, type Dateline } from './metadata/dateline.js';
import { readHeaderFields, type HeaderFields } from './metadata/fields.js';
import { afterLastProse, afterLastSentence, bodyLines, firstProse, MAX_NAME_LINE, type BodyLine } from './metadata/lines.js';
import { isTitleCased, nameFromLine, ORGANISATION_WORD, ROLE_WORD, tidyRole } from './metadata/names.js';
import { afterSignatoriesHeading, findClosing, isJointLetter, isOrganisationsLetter, quotedMessageStart, readSignature, type Signature } from './metadata/signature.js';
import { readTitle, type TitleLine } from './metadata/title.js';

export { parseDateValue, parseFullDate } from './dates.js';

/** A subject line: "Subject: …", "Re: …", "Objet : …". */
const SUBJECT_LINE = /^(?:subject|re|objet|betreff|oggetto|asunto|concerns?)\s*:\s*(.+)$/i;

/** Whether a text opens with a subject line ("Re: the diffusion against Mr X"). */
export function isSubjectLine(text: string): boolean {
  return SUBJECT_LINE.test(text.trim().split('\n')[0]);
}

/** ISO 639-3 → 639-1 for the languages letters are likely to be in. */
const ISO6391: Record<string, string> = {
  eng: 'en', fra: 'fr', deu: 'de', spa: 'es', ita: 'it', nld: 'nl', por: 'pt', pol: 'pl', rus: 'ru', ukr: 'uk',
  ces: 'cs', slk: 'sk', swe: 'sv', dan: 'da', nob: 'no', fin: 'fi', est: 'et', lav: 'lv', lit: 'lt', ron: 'ro',
  hun: 'hu', bul: 'bg', ell: 'el', hrv: 'hr', slv: 'sl', srp: 'sr', tur: 'tr', kaz: 'kk', ara: 'ar', zho: 'zh',
  cmn: 'zh', jpn: 'ja', kor: 'ko',
};

/** A name in capitals in a letterhead: "TUNNE KELAM". */
function isCapitalsName(line: string): boolean {
  const words = line.split(/\s+/);
  return words.length >= 2 && words.length <= 4 && line === line.toUpperCase() && /^[\p{L}'’.\- ]+$/u.test(line) && !ORGANISATION_WORD.test(line);
}

/**
 * The sender's name and lines (committees, delegations) from a removed letterhead: a name in
 * capitals, or a name with a title line below it (a signature block that cleaning took for a
 * letterhead because the letterhead repeats it); `role` is that title line.
 */
export function letterheadSender(furniture: string[]): { name: string | null; role: string | null; affiliations: string[] } {
  for (const block of furniture) {
    const lines = block.split('\n').map((l) => l.trim()).filter(Boolean);
    const titled = (i: number) => nameFromLine(lines[i], false, 2) !== null && ROLE_WORD.test(lines[i + 1] ?? '');
    const at = lines.findIndex((l, i) => isCapitalsName(l) || titled(i));
    if (at < 0) continue;
    const affiliations = lines.slice(at + 1).filter((l) => l.split(/\s+/).length <= 12);
    const role = affiliations[0] && ROLE_WORD.test(affiliations[0].split(' ')[0]) ? tidyRole(affiliations[0]) : null;
    return { name: isCapitalsName(lines[at]) ? titleCase(lines[at]) : lines[at], role, affiliations };
  }
  return { name: null, role: null, affiliations: [] };
}

/**
 * The organisation a letterhead's first line names, above a memo's header fields ("FAIR EXTRADITION PROJECT - DUBLIN"
 * above "MEMORANDUM" and "FROM: Declan Hurley") or above a letter's dateline ("LITHUANIAN FEDERATION OF … UNIONS
 * (LPEPF)", "European Parliament"): the writer's, without the town after a dash or the acronym in brackets. Above a
 * dateline it is in capitals, as letterheads are, or a body no letter is addressed to (not "Ministry of Justice").
 */
function letterheadOrganisation(lines: BodyLine[], before: number, aboveDate: boolean): string[] {
  const line = lines.slice(0, before).find((l) => l.text.trim())?.text.trim();
  if (!line || !ORGANISATION_WORD.test(line) || /^(?:internal\s+)?memo(?:randum)?\b/i.test(line)) return [];
  const name = line.replace(/\s+[-–—|]\s+[\p{L} ]+$/u, '').replace(/\s*\([\p{Lu}\s.&-]+\)$/u, '').trim();
  const capitals = name === name.toUpperCase();
  if (name.split(/\s+/).length > (capitals ? 12 : 8) || (aboveDate && !capitals && (isAddresseeOffice(name) || !isTitleCased(name)))) return [];
  return [capitals ? titleCase(name).replace(/(?<=\s)(?:Of|And|The|For|In|On|At|To)(?=\s)/g, (w) => w.toLowerCase()) : name];
}

export function detectLanguage(body: string): string | null {
  const sample = body.slice(0, 4000);
  if (sample.length < 40) return null;
  const [best] = francAll(sample, { minLength: 40 });
  if (!best || best[0] === 'und') return null;
  return ISO6391[best[0]] ?? best[0];
}

/** What the title lines of a published letter in `lines[0, to)` say (a title, a byline), and the lines they take. */
function findTitle(lines: BodyLine[], to: number, skip: Set<number>): { title: TitleLine | null; lines: number[] } {
  const open = lines.slice(0, to).filter((l) => l.text && l.text.length <= MAX_NAME_LINE && !skip.has(l.index));
  let sender: Person | null = null;
  let recipients: Person[] = [];
  const used: number[] = [];
  for (const [k, l] of open.entries()) {
    const next = open[k + 1];
    const found = readTitle(l.text, next?.text);
    if (!found) continue;
    sender ??= found.sender;
    if (!recipients.length) recipients = found.recipients;
    used.push(...(found.usesNextLine ? [l.index, next.index] : [l.index]));
  }
  const title = sender || recipients.length ? { sender, recipients } : null;
  return { title, lines: used };
}

/** The dateline: at the top, else below the last paragraph (by the closing or the signature), above any quoted message. */
function findLetterDate(lines: BodyLine[], openingEnd: number, quoted: number): Dateline | null {
  return findDateline(lines, 0, openingEnd) ?? findDateline(lines, Math.max(afterLastProse(lines), openingEnd), quoted);
}

/**
 * The signature after the closing; without a closing, a name or body standing below the last
 * paragraph. It ends at the CC block and at any earlier message quoted below a reply.
 */
function findSignature(lines: BodyLine[], salutation: number, openingEnd: number, ccLine: number, quoted: number, joint: boolean, organisations: boolean): Signature {
  const closing = findClosing(lines, salutation, quoted);
  const end = Math.min(quoted, ccLine > Math.max(closing, openingEnd) ? ccLine : lines.length);
  if (closing >= 0) return readSignature(lines, closing + 1, end, joint, false, organisations);
  // Under "## Signatories" the list is the signature, though a long line in it looks like prose.
  const listed = afterSignatoriesHeading(lines, openingEnd, end);
  const from = listed > 0 ? listed : Math.max(afterLastSentence(lines, end), openingEnd + 1);
  const signature = readSignature(lines, from, end, joint, true, organisations);
  return signature.sender ? signature : (givenNameSigned(lines, end) ?? signature);
}

/** A signer's "role" that is the town the letter says they live in ("Marie-Laure Fontenay" above "Strasbourg"). */
function townOnly(role: string | null, body: string): boolean {
  if (!role || !/^\p{Lu}[\p{L}'’-]+(?:[ -]\p{Lu}[\p{L}'’-]+)?$/u.test(role) || ROLE_WORD.test(role) || ORGANISATION_WORD.test(role)) return false;
  return new RegExp(`\\b(?:in|from|at|near)\\s+${role}\\b`).test(body);
}

/**
 * A personal letter signed with a given name alone, below its last paragraph, by a writer who introduced themselves
 * with it ("My name is Yohannes Berhe Woldemariam." … "Yohannes").
 */
function givenNameSigned(lines: BodyLine[], end: number): Signature | null {
  const last = lines.slice(0, end).filter((l) => l.text.trim()).at(-1);
  const name = last?.text.trim();
  if (!name || !/^\p{Lu}\p{Ll}[\p{L}'’-]+$/u.test(name)) return null;
  const introduced = new RegExp(`\\b(?:my name is|I am)\\s+${name}\\b`, 'i');
  return lines.some((l) => introduced.test(l.text)) ? { sender: name, role: null, affiliations: [], signatories: [] } : null;
}

/** What the rest of a letter tells about its addressees. */
interface AddresseeClues {
  fields: HeaderFields;
  title: TitleLine | null;
  compliments: { sender: string; recipient: string } | null;
  salutation: number;
  openingEnd: number;
  /** Lines of the opening already read as something else. */
  skip: Set<number>;
  dateline: Dateline | null;
  signer: string | null;
}

/** Who the letter is to: header fields, addressee blocks, a title line, a diplomatic note's opening, the salutation. */
function findRecipients(lines: BodyLine[], clues: AddresseeClues): Person[] {
  if (clues.fields.to.length) return clues.fields.to;
  // "The Embassy … presents its compliments to the Ministry …": the note says whom it is to; a block above is its letterhead.
  if (clues.compliments) return [{ name: clues.compliments.recipient.replace(/\s*\([^()]*\)$/, ''), role: null }];
  const blocks = findAddressees(lines, {
    from: 0,
    to: clues.openingEnd,
    skip: clues.skip,
    dateline: clues.dateline && clues.dateline.line < clues.openingEnd ? clues.dateline.line : -1,
    signer: clues.signer,
  });
  if (blocks.length) return blocks;
  if (clues.title?.recipients.length) return clues.title.recipients;
  const greeted = clues.salutation >= 0 ? salutationAddressee(lines[clues.salutation].text) : null;
  return greeted ? [greeted] : [];
}

/**
 * Reads a letter's metadata from its cleaned body and its removed letterhead: header fields ("To:",
 * "From:", memo headers), a published letter's title line, the dateline (at the top or by the
 * signature), the addressee blocks above the salutation (or the salutation itself), the signature or
 * signatories after the closing (or after the last paragraph), and the CC block.
 */
export function extractMetadata(body: string, furniture: string[]): LetterMeta {
  const lines = bodyLines(body);
  const prose = firstProse(lines);
  const salutation = findSalutation(lines, prose);
  const openingEnd = salutation >= 0 ? salutation : prose;
  const fields = readHeaderFields(lines, 0, openingEnd);
  const { title, lines: titleLines } = findTitle(lines, openingEnd, fields.lines);
  const subjectLines = lines.slice(0, openingEnd).filter((l) => SUBJECT_LINE.test(l.text));
  const quoted = quotedMessageStart(lines, openingEnd);
  const dateline = findLetterDate(lines, openingEnd, quoted);
  const cc = findCc(lines.slice(0, quoted));
  const signature = findSignature(lines, salutation, openingEnd, cc.line, quoted, isJointLetter(body), isOrganisationsLetter(body));
  const compliments = complimentsOf(lines.slice(0, prose + 1));
  const head = letterheadSender(furniture);
  const from = fields.from[0];
  const sender = from?.name ?? signature.sender ?? title?.sender?.name ?? compliments?.sender ?? head.name;
  const titleRole = title?.sender?.name === sender ? title.sender.role : null;
  const letterhead = from
    ? letterheadOrganisation(lines, Math.min(...fields.lines), false)
    : dateline && dateline.line < openingEnd ? letterheadOrganisation(lines, dateline.line, true) : [];
  const skip = new Set([...fields.lines, ...titleLines, ...subjectLines.map((l) => l.index), ...(dateline ? [dateline.line] : [])]);
  const senderRole = from?.role ?? (townOnly(signature.role, body) ? null : signature.role) ?? titleRole ?? (sender === head.name ? head.role : null);
  // "Open Borders Watch" above a letter signed "Campaigns Officer, Open Borders Watch": said once, in the role.
  const unsaid = letterhead.filter((o) => !senderRole || !foldWords(senderRole).includes(foldWords(o)));

  return {
    sender,
    senderRole,
    senderAffiliations: [...new Set([...head.affiliations, ...signature.affiliations, ...unsaid])],
    recipients: findRecipients(lines, { fields, title, compliments, salutation, openingEnd, skip, dateline, signer: sender }),
    cc: cc.people,
    signatories: signature.signatories,
    date: dateline?.iso ?? null,
    place: dateline?.place ?? null,
    language: detectLanguage(body),
    subject: subjectLines.map((l) => SUBJECT_LINE.exec(l.text)?.[1]).find(Boolean) ?? null,
  };
}
