import type { Person } from '../types.js';
import { ADDRESS_LINE, CONTACT, blocksBetween, plainLine, type BodyLine } from './lines.js';
import { isRoleLine, nameFromLine, ORGANISATION_WORD, organisationName, ROLE_WORD, stripHonorifics, tidyRole, TITLE_AFTER_NAME, titledName } from './names.js';
import { endsInEmail, personFromText, withoutEmail } from './people.js';

/** A greeting: "Dear Dr Novak:", "Dear Sir!", "Your Excellency, Mr. President,", "Mr Prime Minister,". */
const SALUTATION =
  /^(?:(?:my\s+)?dear\b.*|(?:(?:your|their)\s+)?excellenc(?:y|ies)\b.{0,80}|(?:mr|mrs|ms|madam|madame|sir|sirs|monsieur|messieurs|mesdames|hon|honou?rable|to whom|ladies|gentlemen|esteemed|distinguished|respected|hello|hi|greetings|good\s+(?:morning|afternoon|evening))\b.{0,80}[,:!]|(?:sehr geehrte|liebe|cher|chère|chers|chères|estimad[oa]|querid[oa]|gentile|egregio|geachte)\b.{0,80})$/i;
/** A greeting by title alone: "Prime Minister,", "Madam President:", "Excellency,". */
const TITLE_SALUTATION =
  /^(?:(?:mr|madam|madame|mister)\.?\s+)?(?:(?:vice[- ])?president|prime\s+minister|minister|commissioner|ambassador|secretary[- ]general|chair(?:man|woman|person)?|rapporteur|excellency|governor|mayor|senator|sir|madam)[,:!]$/i;
/** The greeting word before an addressee's name: "Dear", "My dear", "Your Excellency,". */
const SALUTATION_OPENER = /^(?:(?:my\s+)?dear|(?:your\s+)?excellency|hello|hi|greetings|cher|chère|chers|chères|bonjour)(?![\p{L}])[\s,]*/iu;
/** A courtesy title on a line of its own, above the office it goes with: "His Excellency", "The Honourable". */
const HONORIFIC_LINE = /^(?:(?:his|her|their)\s+excellenc(?:y|ies)|h\.\s?e\.|the\s+hon(?:ourable|orable)?)[,.]?$/i;
/** Words that mark a body or office as one a letter is addressed to rather than one that sends it. */
const ADDRESSEE_OFFICE = /\b(?:minist(?:er|ry)|president|prime|government|commission(?:er)?|council|embassy|ambassador|secretary|chancellor|mayor|governor|prefect|prosecutor|court|high\s+representative|rapporteur)\b/i;
/** Whether a body or office is one letters are addressed to ("Ministry of Justice"), not a letterhead ("European Parliament"). */
export const isAddresseeOffice = (text: string): boolean => ADDRESSEE_OFFICE.test(text);
/** The opening of a diplomatic note: "The Embassy of X presents its compliments to the Ministry of Y and has the honour …". */
const COMPLIMENTS = /^(?:the\s+)?(.+?)\s+presents\s+its\s+compliments\s+to\s+(?:the\s+)?(.+?)\s+and\s+(?:has|avails|wishes|would)\b/i;

/** The salutation: the last greeting before the first paragraph of prose, or -1. */
export function findSalutation(lines: BodyLine[], prose: number): number {
  for (let i = Math.min(prose, lines.length) - 1; i >= 0; i--) {
    if (SALUTATION.test(lines[i].text) || TITLE_SALUTATION.test(lines[i].text)) return i;
  }
  return -1;
}

/** An e-mail address or a phone number on a line of its own. */
const CONTACT_LINE = /@|\b(?:tel|phone|fax|e-?mail)\b/i;

/**
 * The person a line of an addressee block names. A name without a courtesy title counts when
 * something marks it as an addressee: an e-mail after it, a role beside it or below it, or an
 * unclaimed title line above it with nothing but contact details below.
 */
function personAt(block: BodyLine[], k: number, titleAbove: boolean): Person | null {
  const text = plainLine(block[k].text);
  // "Ms Sarah Lane", "Sarah Lane MP" are people, though "Lane" is a street's word too: a title and no number.
  if (ADDRESS_LINE.test(withoutEmail(text)) && !((stripHonorifics(text).had || TITLE_AFTER_NAME.test(text)) && !/\d/.test(text))) return null;
  const person = personFromText(text, false);
  if (!person) return null;
  if (stripHonorifics(text).had || (person.role && ROLE_WORD.test(person.role))) return person;
  if (!person.name.includes(' ')) return null;
  const next = block[k + 1]?.text;
  if (endsInEmail(text) || (next !== undefined && isRoleLine(next))) return person;
  // Below an office's title, "San Salvador, El Salvador" is the town the office is in: a name there has no comma after it.
  return titleAbove && (next === undefined || CONTACT_LINE.test(next)) && !withoutEmail(text).includes(',') ? person : null;
}

/** Whether the name at `k` has no role line of its own below it; with a title line above, the line below must name an office. */
function noRoleBelow(block: BodyLine[], k: number, titleAbove: boolean): boolean {
  const next = block[k + 1]?.text;
  if (next === undefined || CONTACT.test(next) || ADDRESS_LINE.test(next)) return true;
  return (titleAbove && !isRoleLine(next)) || personAt(block, k + 1, false) !== null;
}

/**
 * The people in one addressee block, each with the title line below its name (lines that continue in
 * lower case joined to it), or the title lines above the name when nothing follows it.
 */
function peopleInBlock(block: BodyLine[]): Person[] {
  const people: Person[] = [];
  let above: string[] = [];
  let current: Person | null = null;
  let roleOpen = false;
  let titleOpen = false;
  for (let k = 0; k < block.length; k++) {
    const text = plainLine(block[k].text);
    if (HONORIFIC_LINE.test(text)) continue;
    const titleAbove = above.some(isRoleLine);
    const person = personAt(block, k, titleAbove);
    if (person) {
      // An e-mail after the name ends that addressee's lines; its title can only be above.
      const closed = endsInEmail(text);
      if (!person.role && above.length && (closed || noRoleBelow(block, k, titleAbove))) person.role = tidyRole(above.join(' '));
      people.push(person);
      [current, roleOpen, above] = [closed ? null : person, !person.role && !closed, []];
      // "The Rt Hon. Alex Chalk KC MP" above "Secretary of State for Justice": the office below says more than "MP".
      titleOpen = !closed && !!person.role && TITLE_AFTER_NAME.test(text);
    } else if (CONTACT.test(text) || ADDRESS_LINE.test(text)) {
      current = null;
    } else if (current && roleOpen) {
      current.role = tidyRole(text);
      roleOpen = false;
    } else if (current && titleOpen && ROLE_WORD.test(text)) {
      current.role = tidyRole(text);
      titleOpen = false;
    } else if (current?.role && /^\p{Ll}/u.test(text)) {
      current.role = tidyRole(`${current.role} ${text}`);
    } else {
      current = null;
      above.push(text);
    }
  }
  return people;
}

/** A block of building, street, town and country lines, headed by no body and holding no one's title. */
function isAddressBlock(block: BodyLine[]): boolean {
  if (organisationName(plainLine(block[0].text))) return false;
  return block.some((l) => ADDRESS_LINE.test(l.text)) && !block.some((l) => isRoleLine(l.text));
}

/**
 * An addressee that is a body or an office: "Ministry of Justice of the Kingdom of Spain", "The Prime
 * Minister of Italy" (below "His Excellency"), with the lines that continue it in lower case.
 */
function officeOf(block: BodyLine[]): Person | null {
  // "The Rt Hon. Minister of State for Europe", "His Excellency the Ambassador of…": the office, without its courtesy title.
  const lines = block.map((l) => plainLine(l.text)).filter((t) => !HONORIFIC_LINE.test(t)).map((t, i) => (i === 0 ? withoutCourtesyTitle(t) : t));
  if (!lines.length || ADDRESS_LINE.test(lines[0]) || CONTACT.test(lines[0])) return null;
  // Lines in lower case continue the name, not "c/o …" or "by e-mail" (ADDRESS_LINE).
  const continued = lines.slice(1).findIndex((t) => !/^\p{Ll}/u.test(t) || ADDRESS_LINE.test(t));
  const name = organisationName(lines.slice(0, continued < 0 ? lines.length : continued + 1).join(' '));
  return name ? { name, role: null } : null;
}

/** An office's line without the courtesy title and article before it: "The Rt Hon. Minister…" → "Minister…". */
function withoutCourtesyTitle(text: string): string {
  const { rest, had } = stripHonorifics(text);
  return had && ADDRESSEE_OFFICE.test(rest) ? rest.replace(/^the\s+/i, '') : text;
}

/** A letterhead in capitals ("CONGRESO DE LOS DIPUTADOS"), or a body that does not write to others' offices. */
function looksLikeLetterhead(office: Person, block: BodyLine[]): boolean {
  const first = block[0].text;
  return first === first.toUpperCase() || !ADDRESSEE_OFFICE.test(office.name);
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export interface AddresseeSearch {
  /** The lines of the opening, [from, to). */
  from: number;
  to: number;
  /** Lines already read as something else (dateline, title, header fields, subject). */
  skip: Set<number>;
  /** The dateline's line, or -1: a dateline between two blocks separates the letterhead from the addressees. */
  dateline: number;
  /** Who signed, whose own block is not an addressee's. */
  signer: string | null;
}

/**
 * The addressee blocks: walking up from the salutation, the blocks that name people (several
 * addressees, each with a title), past the addressee's street address; else an office or body on its
 * own, unless it is the letter's first block, above the dateline, and looks like a letterhead.
 */
export function findAddressees(lines: BodyLine[], search: AddresseeSearch): Person[] {
  const blocks = blocksBetween(lines, search.from, search.to)
    .map((b) => b.filter((l) => !search.skip.has(l.index)))
    .filter((b) => b.length);
  const collected: Person[] = [];
  let lowest = Infinity;
  for (let b = blocks.length - 1; b >= 0; b--) {
    const block = blocks[b];
    const last = block[block.length - 1].index;
    const datelineBelow = search.dateline > last && search.dateline < lowest;
    if (collected.length && datelineBelow) break;
    const people = peopleInBlock(block);
    if (people.length) {
      if (search.signer && people.some((p) => sameName(p.name, search.signer!))) break;
      collected.unshift(...people);
      lowest = block[0].index;
      continue;
    }
    if (collected.length) break;
    if (isAddressBlock(block)) continue;
    const office = officeOf(block);
    // The first block above a dateline is usually the sender's letterhead.
    const letterhead = office && b === 0 && search.dateline > last && looksLikeLetterhead(office, block);
    if (office && !letterhead && !(search.signer && sameName(office.name, search.signer))) collected.push(office);
    break;
  }
  return collected;
}

/** The addressee a salutation names: "Dear Prime Minister Rossi," → Rossi, Prime Minister; "Dear Dr Novak:" → Novak. */
export function salutationAddressee(text: string): Person | null {
  const rest = text.replace(SALUTATION_OPENER, '').replace(/[,:;!.]+$/, '').trim();
  if (!rest) return null;
  const titled = titledName(rest);
  if (titled) return { name: titled.name, role: tidyRole(titled.role) };
  const name = nameFromLine(rest, false, 2) ?? nameFromLine(rest, true) ?? givenName(rest);
  return name ? { name, role: null } : null;
}

/** Whom a greeting names when it names no one in particular: "Dear Friends,", "Dear Editor,", "Dear all,". */
const ANYONE_GREETED =
  /^(?:all|everyone|everybody|friends?|colleagues?|comrades?|supporters?|members?|readers?|editors?|sirs?|madam|madame|team|family|parents|children|brothers?|sisters?|partners?|signatories|counsel|mum|mom|mother|dad|father|son|daughter|grandma|grandpa|uncle|aunt|cousin|neighbours?|volunteers?|campaigners?|activists?|citizens?|delegates?|participants?|honou?rable|excellenc(?:y|ies)|lord|lady|reverend|pastor|bishop)$/i;

/** A given name alone, as a personal letter greets its reader: "Dear Hana," → Hana. */
function givenName(text: string): string | null {
  return /^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?$/u.test(text) && !ANYONE_GREETED.test(text) && !ROLE_WORD.test(text) && !ORGANISATION_WORD.test(text) ? text : null;
}

/** A diplomatic note's sender and addressee, from "The Embassy of X presents its compliments to the Ministry of Y". */
export function complimentsOf(lines: BodyLine[]): { sender: string; recipient: string } | null {
  for (const l of lines) {
    const m = COMPLIMENTS.exec(l.text);
    if (m) return { sender: m[1], recipient: m[2] };
  }
  return null;
}
