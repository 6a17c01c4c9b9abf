import type { Person } from '../types.js';
import { wordCount } from '../text-utils.js';
import { nameFromLine, ORGANISATION_WORD, organisationName, ROLE_WORD, tidyRole, titledName } from './names.js';
import { personFromText } from './people.js';

/** What a published letter's title line says: who wrote it, to whom. */
export interface TitleLine {
  sender: Person | null;
  recipients: Person[];
  /** "Letter to" on its own: the addressee is the next line. */
  usesNextLine?: boolean;
}

/** A letter, or what else a published letter calls itself: "Joint statement to …", "Open appeal to …". */
const KIND = '(?:letter|statement|appeal|petition|declaration)';
const LETTER = String.raw`(?:an?\s+)?(?:(?:open|joint|public|urgent)\s+)*${KIND}`;
/** "Anna Rossi's open letter to the Prime Minister of Italy", "Human Rights Watch letter to …". */
const SENDER_LETTER_TO = new RegExp(String.raw`^(.+?)(?:['’]s?)?\s+(?:(?:open|joint|public|urgent)\s+)*${KIND}\s+to\s+(.+)$`, 'i');
/** "Letter from Human Rights Watch to the Minister of Justice", "Open letter by … to …". */
const LETTER_FROM_TO = new RegExp(String.raw`^${LETTER}\s+(?:from|by|of)\s+(.+?)\s+to\s+(.+)$`, 'i');
/** "Open letter to the Prime Minister from 40 organisations". */
const LETTER_TO_FROM = new RegExp(String.raw`^${LETTER}\s+to\s+(.+?)\s+(?:from|by)\s+(.+)$`, 'i');
/** "Open letter to the Prime Minister", or "Letter to" with the addressee on the next line. */
const LETTER_TO = new RegExp(String.raw`^${LETTER}\s+to\b\s*:?\s*(.*)$`, 'i');
/** "Deputy J. Novák calls on the government of France to …". */
const CALLS_ON = /^(.+?)\s+(?:calls?\s+on|urges?|asks?|presses|implores)\s+(.+?)\s+to\s+\S.*$/i;
/** "Oksana Melnyk writes to the Prime Minister of Spain about …". */
const WRITES_TO = /^(.+?)\s+(?:writes?|appeals?|turns?)\s+to\s+(.+)$/i;
/** French titles: "Lettre ouverte à M. Xavier Delorme, Premier ministre", "Lettre de … à …", "Lettre ouverte au Premier ministre". */
const FR_LETTER = String.raw`(?:une\s+)?lettre(?:\s+(?:ouverte|commune|publique))*`;
const FR_LETTER_FROM_TO = new RegExp(String.raw`^${FR_LETTER}\s+(?:de\s+|d['’])(.+?)\s+(?:à|au|aux)\s+(.+)$`, 'i');
const FR_LETTER_TO = new RegExp(String.raw`^${FR_LETTER}\s+(à|au|aux)\s+(.+)$`, 'i');
/** A French title's topic after the addressee: ", sur l'extradition de …", " concernant …", " au sujet de …". */
const FR_TOPIC_AFTER = /,?\s+(?:sur|concernant|au\s+sujet\s+d[eu']|à\s+propos\s+d[eu']|relative\s+à|pour|contre)\s.*$/i;

/** A byline under a published letter's title: "By Anna Rossi", "By Deputy J. Novák". */
const BYLINE = /^by\s+(.+)$/i;
/** Where the addressee's name ends in a title: " about …", " regarding …", " on the closure …" (not "Committee on …"). */
const TOPIC_AFTER =
  /\s+(?:about|regarding|concerning|over|calling|urging|asking|demanding|in\s+support|in\s+defen[cs]e)\s+.*$|(?<!\b(?:committee|commission|rapporteur|council|group|delegation|panel|board))\s+on\s+.*$|\s*[:–—]\s.*$|\s-\s.*$|[.:!]$/i;

/** The sender a title names: "Anna Rossi", "Deputy J. Novák", "Human Rights Watch". */
function titleSender(text: string): Person | null {
  const t = text.trim();
  const titled = titledName(t);
  if (titled) return { name: titled.name, role: tidyRole(titled.role) };
  const name = nameFromLine(t, false, 2);
  if (name) return { name, role: null };
  const body = organisationName(t);
  return body ? { name: body, role: null } : null;
}

/** An addressee a title names: "the Prime Minister of Italy", "Prime Minister Rossi", "the government of France". */
export function titleAddressee(text: string): Person | null {
  const t = text.replace(TOPIC_AFTER, '').replace(/[,;.]+$/, '').trim();
  if (!t) return null;
  const person = personFromText(t, true, 2);
  if (person) return person;
  // A body named in lower case, as titles do: "calls on the government of France".
  const lower = /^(?:the\s+)?((?:governments?|ministry|authorities|parliaments?|people|president|prime minister)\b.*)$/i.exec(t);
  return lower && !/[.!?]/.test(lower[1]) ? { name: lower[1], role: null } : null;
}

/** A title line and, for "Letter to" on its own, the line after it. */
export function readTitle(line: string, next: string | undefined): TitleLine | null {
  const text = line.replace(/^#+\s*/, '').trim();
  const fromTo = LETTER_FROM_TO.exec(text);
  if (fromTo) return { sender: titleSender(fromTo[1]), recipients: listOf(titleAddressee(fromTo[2])) };
  const toFrom = LETTER_TO_FROM.exec(text);
  if (toFrom) return { sender: titleSender(toFrom[2]), recipients: listOf(titleAddressee(toFrom[1])) };
  const to = LETTER_TO.exec(text);
  if (to) {
    const addressee = to[1] ? titleAddressee(to[1]) : next ? titleAddressee(next) : null;
    return addressee ? { sender: null, recipients: [addressee], usesNextLine: !to[1] } : null;
  }
  const senderTo = SENDER_LETTER_TO.exec(text);
  const sender = senderTo && titleSender(senderTo[1]);
  if (sender) return { sender, recipients: listOf(titleAddressee(senderTo[2])) };
  const byline = BYLINE.exec(text);
  const author = byline && titleSender(byline[1]);
  if (author) return { sender: author, recipients: [] };
  const french = readFrenchTitle(text);
  if (french) return french;
  const callsOn = CALLS_ON.exec(text) ?? WRITES_TO.exec(text);
  if (callsOn) {
    const sender = titleSender(callsOn[1]);
    const addressee = titleAddressee(callsOn[2]);
    if (sender && addressee) return { sender, recipients: [addressee] };
  }
  return null;
}

const listOf = (p: Person | null): Person[] => (p ? [p] : []);

/** The addressee of a French title, its topic removed: "M. Xavier Delorme, Premier ministre, sur l'extradition …". */
function frenchAddressee(text: string, article: string): Person | null {
  const t = text.replace(FR_TOPIC_AFTER, '').replace(/[,;.:]+$/, '').trim();
  if (!/^au/i.test(article)) return titleAddressee(t);
  // "au Premier ministre", "au gouvernement français": the office or body itself, as written.
  return t && !/[.!?]/.test(t) && wordCount(t) <= 10 && (ROLE_WORD.test(t) || ORGANISATION_WORD.test(t)) ? { name: t, role: null } : null;
}

function readFrenchTitle(text: string): TitleLine | null {
  const fromTo = FR_LETTER_FROM_TO.exec(text);
  if (fromTo) {
    const article = /\s(au|aux|à)\s/i.exec(text.slice(text.indexOf(fromTo[1]) + fromTo[1].length))?.[1] ?? 'à';
    return { sender: titleSender(fromTo[1]), recipients: listOf(frenchAddressee(fromTo[2], article)) };
  }
  const to = FR_LETTER_TO.exec(text);
  if (!to) return null;
  const addressee = frenchAddressee(to[2], to[1]);
  return addressee ? { sender: null, recipients: [addressee] } : null;
}
