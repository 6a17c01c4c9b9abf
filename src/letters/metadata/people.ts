import type { Person } from '../types.js';
import { wordCount } from '../text-utils.js';
import { MAX_NAME_LINE } from './lines.js';
import { expandRole, nameFromLine, ORGANISATION_WORD, organisationName, ROLE_WORD, roleThenName, tidyRole, titledName } from './names.js';

/** An e-mail address after a name: " – jan@x.org", " <jan@x.org>", " (jan@x.org)". */
const EMAIL_AFTER = /\s*(?:[,|–—-]\s*|[<([]\s*)?(?:e-?mail:?\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*[>)\]]?\s*$/i;
/** Where a name ends and its role begins: a comma, a bar, a dash between spaces, a bracket. */
export const NAME_ROLE_SEPARATOR = /\s*(?:,|\||\s[–—-]\s|\()\s*/;
/** Text that runs on into another sentence, which no role does. */
const SENTENCES = /[.!?]\s+\p{Lu}|https?:|www\./u;
/** Roles are short: "Director, Lawyers at Risk Programme"; a UN mandate is among the longest ("Special Rapporteur on the promotion and protection of the right to freedom of opinion and expression"). */
export const MAX_ROLE_WORDS = 20;
/** A town and its country after a name, which is no role: "Do Lan Huong, Hanoi, Viet Nam". */
const PLACE_ONLY = /^\p{Lu}[\p{L}'’-]*(?:\s\p{Lu}[\p{L}'’-]*)?,\s*\p{Lu}[\p{L}'’-]*(?:\s\p{Lu}[\p{L}'’-]*)?$/u;
/** A parliamentary title written after the name: "Jane Smith MP", "Jan Novák MEP, S&D", "Ciarán Moloney TD". */
const MEMBER_AFTER_NAME = /^(.*?[^\s,])\s+(MEP|MP|MdB|TD|MSP|MLA)\b[\s,]*(.*)$/;

/** The line without an e-mail address at its end. */
export function withoutEmail(text: string): string {
  return text.length > MAX_NAME_LINE ? text : text.replace(EMAIL_AFTER, '').trim();
}

/** Whether the line ends in an e-mail address. */
export function endsInEmail(text: string): boolean {
  return text.length <= MAX_NAME_LINE && EMAIL_AFTER.test(text);
}

/** "MP" → "Member of Parliament"; "MP, Secretary of State for …" → the office; "MEP, S&D" → both. */
function memberRole(title: string, rest: string): string | null {
  return tidyRole(ROLE_WORD.test(rest) ? rest : [expandRole(title), rest].filter(Boolean).join(', '));
}

/**
 * A person from one line, with the role that follows the name: "Mr Jan Novák, Minister of Justice",
 * "Jan Novák | MEP", "President of the Council, Mr. Jan Novák", "Prime Minister Rossi"; with
 * `organisations`, also a body on its own ("the Ministry of Justice" → "Ministry of Justice").
 */
export function personFromText(text: string, organisations: boolean, minWords = 1): Person | null {
  if (text.length > MAX_NAME_LINE) return null;
  const line = withoutEmail(text).replace(/^[\s,;:]+|[\s,;:.]+$/g, '');
  if (!line) return null;
  const before = roleThenName(line);
  if (before) return { name: before.name, role: tidyRole(before.role) };
  const member = MEMBER_AFTER_NAME.exec(line);
  const memberName = member && nameFromLine(member[1], false, minWords);
  if (member && memberName) return { name: memberName, role: memberRole(member[2], member[3]) };
  const sep = NAME_ROLE_SEPARATOR.exec(line);
  const head = sep ? line.slice(0, sep.index) : line;
  const rest = sep ? line.slice(sep.index + sep[0].length).replace(/\)\s*$/, '') : '';
  if (SENTENCES.test(rest) || wordCount(rest) > MAX_ROLE_WORDS) return null;
  const name = nameFromLine(head, false, minWords);
  if (name) return { name, role: PLACE_ONLY.test(rest) && !ROLE_WORD.test(rest) && !ORGANISATION_WORD.test(rest) ? null : tidyRole(rest) };
  const titled = titledName(head);
  if (titled) return { name: titled.name, role: tidyRole([titled.role, rest].filter(Boolean).join(', ')) };
  const body = organisations ? organisationName(line) : null;
  return body ? { name: body, role: null } : null;
}

/** Names only, listed: "Jan Novák, Eva Horak and Petr Sova" → three people; null if any item is not a name. */
function nameList(text: string): Person[] | null {
  const items = text.split(/\s*,\s*|\s+and\s+/).filter(Boolean);
  const names = items.map((item) => nameFromLine(withoutEmail(item), false, 2));
  return items.length > 1 && names.every(Boolean) ? names.map((name) => ({ name: name!, role: null })) : null;
}

/** Several people in one value: "Jan Novák; Eva Horak", "Mr Jan Novák and Ms Eva Horak", "Jan Novák, Eva Horak"; else one person or body. */
export function peopleFromText(text: string, organisations: boolean): Person[] {
  const listed = nameList(text);
  if (listed) return listed;
  const parts = text.split(/\s*;\s*|\s+and\s+(?=(?:Mr|Mrs|Ms|Dr|Prof)\b)/).filter(Boolean);
  const people = parts.map((p) => personFromText(p, organisations));
  if (people.every(Boolean)) return people as Person[];
  const whole = personFromText(text, organisations);
  if (whole) return [whole];
  // "Embassy of X; Mgr. Lenka Dvorska, Chair; Procuraduria …": the items that name someone, when the list is split by ";".
  return parts.length > 1 && text.includes(';') ? people.filter((p): p is Person => p !== null) : [];
}
