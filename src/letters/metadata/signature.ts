import type { Person } from '../types.js';
import { wordCount } from '../text-utils.js';
import { readDateline } from './dateline.js';
import { CONTACT, isStreetAddress, LIST_MARKER, plainLine, type BodyLine } from './lines.js';
import { isTitleCased, organisationName, ROLE_WORD, TITLE_AFTER_NAME, tidyRole } from './names.js';
import { MAX_ROLE_WORDS, NAME_ROLE_SEPARATOR, personFromText } from './people.js';

/** A closing line: "Yours sincerely,", "Kind regards", "Respectfully,", "With a big hug,", "Mit freundlichen Grüßen". */
const CLOSING =
  /^(?:yours\s+(?:sincerely|faithfully|truly|respectfully|ever|cordially|in\s+solidarity)|(?:very\s+)?(?:sincerely|respectfully|faithfully|truly|cordially)(?:\s+yours)?|(?:with\s+)?(?:best|kind|warm|warmest|kindest|sincere)(?:\s+regards|\s+wishes)?|regards|with\s+(?:[\p{L}'’]+\s+){0,4}(?:respect|gratitude|thanks|appreciation|consideration|regards|wishes|hope|love|solidarity|prayers|blessings|hugs?|affection|friendship)(?:\s+(?:and|&)\s+(?:[\p{L}'’]+\s+){0,3}[\p{L}'’]+)?|in\s+solidarity|(?:(?:a\s+)?(?:big|warm)\s+)?hugs?|(?:(?:much|all\s+(?:my|our))\s+)?love|respectfully\s+submitted|thank\s+you|many\s+thanks|thanks|cheers|yours|mit\s+freundlichen\s+grüßen|cordialement|bien\s+à\s+vous|atentamente|cordiali\s+saluti|met\s+vriendelijke\s+groet(?:en)?)[,.!]?\s*$/iu;
/** The courtesy sentence that closes a diplomatic note: "Please accept, Your Excellency, the assurances of my highest consideration." */
const ASSURANCES = /\bassurances?\b.*\bconsideration\b/i;
/**
 * A French closing: the formula ("Je vous prie d'agréer, Monsieur le Ministre, l'expression de ma haute
 * considération.", "Veuillez recevoir … mes salutations distinguées.") or a short one ("Cordialement,",
 * "Bien à vous,", "Salutations distinguées,", "Respectueusement,").
 */
const FRENCH_CLOSING =
  /(?:agr[ée]er|croire|recevoir)\b.{0,160}(?:consid[ée]ration|salutations|sentiments|respect|d[ée]vouement|hommages?)|^(?:(?:bien|tr[èe]s)\s+)?(?:cordialement|amicalement)[,.!]?\s*$|^(?:(?:avec\s+)?(?:mes|nos)\s+)?(?:(?:sinc[èe]res|meilleures|respectueuses)\s+)?salutations(?:\s+(?:distingu[ée]es|respectueuses|cordiales))?[,.!]?\s*$|^(?:respectueusement|bien\s+à\s+vous|(?:avec\s+)?toute\s+ma\s+consid[ée]ration)[,.!]?\s*$/i;
/** The start of an earlier message quoted below a reply: "-----Original Message-----", "On 3 May, Jan wrote:", "> …". */
const QUOTED_MESSAGE = /^-{2,}\s*(?:original|forwarded)\s+message|^on\s.{5,120}\swrote:$|^>/i;
/** What ends a signature: the CC block, enclosures, annexes, a postscript ("Copie :", "P.J. :", "Pièces jointes" in French). */
const AFTER_SIGNATURE = /^(?:cc|c\.c\.|bcc|copy|copies|enc(?:l|losures?)?\.?|annex(?:es)?|attachments?|p\.\s?s\.?|(?:en\s+)?copie|p\.\s?j\.?|pi[èe]ces?\s+jointes?)\b/i;
/** Lines in a signature that are not the signer: "(signed)", "/s/", "On behalf of …", a label or heading such as "Signatories:", "## Signatories". */
const SIGNATURE_MARK =
  /^(?:\(?signed(?:\s+by)?\)?[,:]?|\/s\/|\[?signature\]?|sgd\.?|(?:for\s+and\s+)?on\s+behalf\s+of\b.*|[\p{L} -]{2,40}:|#.*|(?:list\s+of\s+)?(?:co-?)?(?:signatories|signatures|signers|endorsements?|organi[sz]ations|individuals))$/iu;
/** A mark before the signer's name on the same line: "(signed) Petr Dvořák", "/s/ Anna Rossi". */
const SIGNED_BEFORE_NAME = /^(?:\(signed\)|\/s\/|sgd\.?|[–—-])\s*/i;
/** A letter that several organisations or people sign: "We, the undersigned organisations", "Signatories:", "Signed by:". */
const UNDERSIGNED = /\b(?:undersigned|signatories|co-?signed|joint\s+letter)\b|^signed(?:\s+by)?\s*[,:]?\s*$/im;
/** The same in French: "Nous, soussignés", "Signataires :", "Lettre commune". */
const FRENCH_UNDERSIGNED = /(?<![\p{L}])(?:soussign[ée]e?s|(?:co)?signataires|lettre\s+commune)(?![\p{L}])/iu;
/** A separator line: "--", "____". */
const RULE_LINE = /^[-_=*~–—\s]+$/;

/** Who signed: the first signatory, with role and affiliation lines, and every signer when there are several. */
export interface Signature {
  sender: string | null;
  role: string | null;
  affiliations: string[];
  signatories: string[];
}

interface Signer {
  person: Person;
  /** An organisation rather than a person. */
  body: boolean;
  /** The line after the name may still give the role. */
  roleOpen: boolean;
  lines: string[];
}

/** Where an earlier message quoted in a reply begins (after line `from`), or `lines.length`. */
export function quotedMessageStart(lines: BodyLine[], from: number): number {
  const i = lines.findIndex((l, k) => k > from && QUOTED_MESSAGE.test(l.text));
  return i < 0 ? lines.length : i;
}

/** A heading over the list of those who sign: "## Signatories", "Signed by:", "List of signatories". */
const SIGNATORIES_HEADING = /^(?:#+\s*)?(?:(?:list\s+of\s+)?(?:co-?)?(?:signatories|signers)|signed\s+by)\s*:?\s*$/i;

/** The line after the last signatories heading between `from` and `end`, or -1. */
export function afterSignatoriesHeading(lines: BodyLine[], from: number, end: number): number {
  for (let i = end - 1; i > from; i--) if (SIGNATORIES_HEADING.test(lines[i].text)) return i + 1;
  return -1;
}

/** The last closing line between the salutation and `end`, or -1. */
export function findClosing(lines: BodyLine[], salutation: number, end: number): number {
  for (let i = end - 1; i > Math.max(salutation, 0); i--) {
    if (CLOSING.test(lines[i].text) || ASSURANCES.test(lines[i].text) || FRENCH_CLOSING.test(lines[i].text)) return i;
  }
  return -1;
}

/** Whether the letter says that organisations signed it ("we, the undersigned organisations"). */
export function isOrganisationsLetter(body: string): boolean {
  return /\b(?:undersigned|signatory|our)\s+(?:organi[sz]ations|ngos|associations)\b|^\s*(?:signatory\s+)?organi[sz]ations\s*:?\s*$/im.test(body);
}

/** Whether the letter says several signed it. */
export function isJointLetter(body: string): boolean {
  return UNDERSIGNED.test(body) || FRENCH_UNDERSIGNED.test(body);
}

/** A role line: words, not a contact, an address ("Calle de Sueca, 21") or a sentence. */
function isRoleText(text: string): boolean {
  return /\p{L}/u.test(text) && !CONTACT.test(text) && !RULE_LINE.test(text) && !/[.!?]$/.test(text) && wordCount(text) <= MAX_ROLE_WORDS && !isStreetAddress(text);
}

/** A country or other note in brackets after a signer: "Observatoire des Exilés (France)". */
const BRACKETED_NOTE = /\s*\([^)]*\)\s*$/;

/**
 * A body that signs: a short name in title case, not a role line. Alone it needs a word that marks it
 * as a body ("Human Rights Watch"); in a joint letter any such name counts ("Ecologistas del Sur").
 */
function signingBody(text: string, joint: boolean): Person | null {
  const name = text.replace(BRACKETED_NOTE, '').replace(/^the\s+/i, '').trim();
  if (!name || wordCount(name) > 10 || CONTACT.test(name) || /[.!?]$/.test(name) || !isTitleCased(name)) return null;
  if (ROLE_WORD.test(name.split(/[,|]/)[0])) return null;
  return joint || organisationName(name) ? { name, role: null } : null;
}

/** A line naming an organisation and no role: "Human Rights Watch". */
const isOnlyBody = (text: string) => !ROLE_WORD.test(text) && organisationName(text) !== null;

/** The first signer: a person ("Tunne Kelam, MEP") or a body ("Human Rights Watch"); `minWords` for a bare name. */
function firstSigner(text: string, joint: boolean, minWords: number): Signer | null {
  const line = plainLine(text).replace(SIGNED_BEFORE_NAME, '');
  const person = signerFromText(line, LIST_MARKER.test(text), minWords);
  if (person) return { person: withRoleOnly(person), body: false, roleOpen: !person.role || TITLE_AFTER_NAME.test(line), lines: [] };
  const body = signingBody(line, joint);
  return body && { person: body, body: true, roleOpen: false, lines: [] };
}

/** A signer's line; a listed one whose role is too long to be one gives the name before it ("Name - Secretary of … and a former colleague …"). */
function signerFromText(line: string, listed: boolean, minWords: number): Person | null {
  const person = personFromText(line, false, minWords);
  if (person || !listed) return person;
  const name = personFromText(line.split(NAME_ROLE_SEPARATOR)[0], false, minWords);
  return name && { name: name.name, role: null };
}

/** A role beside a name that is only an organisation ("Anna Rossi, Human Rights Watch") is no role. */
function withRoleOnly(person: Person): Person {
  return person.role && isOnlyBody(person.role) ? { name: person.name, role: null } : person;
}

/**
 * A further signer: a list item; a person whose role is on the same or the next line, who opens a
 * block of their own, or who signs a joint letter; in a joint letter, a body that opens a block or
 * follows another body (below a person, a body is that person's organisation).
 */
function furtherSigner(lines: BodyLine[], k: number, blockStart: boolean, joint: boolean, afterBody: boolean): Signer | null {
  const raw = lines[k].text;
  const text = plainLine(raw);
  const listed = LIST_MARKER.test(raw);
  const person = signerFromText(text, listed, 2);
  if (person) {
    const next = lines[k + 1]?.text ?? '';
    const roleBeside = (person.role && ROLE_WORD.test(person.role)) || (ROLE_WORD.test(next) && isRoleText(next));
    if (blockStart || roleBeside || joint || listed) return { person, body: false, roleOpen: !person.role || TITLE_AFTER_NAME.test(text), lines: [] };
  }
  const body = listed || (joint && (blockStart || afterBody)) ? signingBody(text, true) : null;
  return body && { person: body, body: true, roleOpen: false, lines: [] };
}

/** The non-blank lines of a signature: from `from` to the CC block or `end`, with where blocks start. */
function signatureLines(lines: BodyLine[], from: number, end: number): { lines: BodyLine[]; blockStarts: Set<number> } {
  const kept: BodyLine[] = [];
  const blockStarts = new Set<number>();
  let blank = true;
  for (let i = from; i < end; i++) {
    const text = lines[i].text;
    if (!text) {
      blank = true;
      continue;
    }
    if (AFTER_SIGNATURE.test(text)) break;
    if (SIGNATURE_MARK.test(text) || RULE_LINE.test(text) || readDateline(text)) continue;
    if (blank) blockStarts.add(kept.length);
    kept.push(lines[i]);
    blank = false;
  }
  return { lines: kept, blockStarts };
}

/**
 * "Harriet Lowe" below "Harriet" (an e-mail's signature block under the closing name), or the name again below
 * "/s/ Thomas Reilly", is the same signer.
 */
function isFullerName(name: string, before: string): boolean {
  return name === before || (!before.includes(' ') && name.startsWith(`${before} `));
}

/** Reads the signers from a signature's lines; each later line is a role, an affiliation or another signer. */
function readSigners(sig: BodyLine[], blockStarts: Set<number>, joint: boolean, minWords: number): Signer[] {
  const first = sig[0] && firstSigner(sig[0].text, joint, minWords);
  if (!first) return [];
  const signers: Signer[] = [first];
  for (let k = 1; k < sig.length; k++) {
    const text = sig[k].text;
    const current = signers[signers.length - 1];
    const another = furtherSigner(sig, k, blockStarts.has(k), joint, current.body);
    if (another && isFullerName(another.person.name, current.person.name)) signers[signers.length - 1] = another;
    else if (another) signers.push(another);
    else if (current.roleOpen && isRoleText(text) && !isOnlyBody(text)) current.person.role = tidyRole(text);
    else if (signers.length === 1) current.lines.push(text);
    current.roleOpen = false;
  }
  return signers;
}

/** Lines of a lone signer's block that name committees, parties or organisations, up to the contact details or address. */
function affiliationsOf(signer: Signer): string[] {
  const end = signer.lines.findIndex((l) => CONTACT.test(l) || isStreetAddress(l));
  return signer.lines.slice(0, end < 0 ? signer.lines.length : end);
}

/**
 * The signature in `lines[from, end)`: after the closing, or after the last paragraph when there is
 * none (`strict`: then a bare name needs two words).
 */
export function readSignature(lines: BodyLine[], from: number, end: number, joint: boolean, strict: boolean, organisations = false): Signature {
  const { lines: sig, blockStarts } = signatureLines(lines, from, end);
  // "We, the undersigned organisations" above one name a line, no roles: each line is an organisation that signs,
  // though "Green Shield Ukraine" alone looks like a person and "Carpathian Forest Watch" below it like theirs.
  const bodies = organisations && sig.length > 1 ? sig.map((l) => signingBody(plainLine(l.text).replace(SIGNED_BEFORE_NAME, ''), true)) : [];
  if (bodies.length && bodies.every((b) => b && !ROLE_WORD.test(b.name) && !b.name.includes(','))) {
    const names = bodies.map((b) => b!.name);
    return { sender: names[0], role: null, affiliations: [], signatories: names };
  }
  const signers = readSigners(sig, blockStarts, joint, strict ? 2 : 1);
  if (!signers.length) return { sender: null, role: null, affiliations: [], signatories: [] };
  const [first] = signers;
  return {
    sender: first.person.name,
    role: first.person.role,
    affiliations: signers.length === 1 ? affiliationsOf(first) : [],
    signatories: signers.length > 1 ? signers.map((s) => s.person.name) : [],
  };
}

