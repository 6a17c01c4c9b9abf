import type { Person } from '../types.js';
import { wordCount } from '../text-utils.js';
import type { BodyLine } from './lines.js';
import { isRoleLine, nameFromLine, stripHonorifics, tidyRole } from './names.js';
import { peopleFromText } from './people.js';
import { titleAddressee } from './title.js';

/** A labelled header line: "To: …", "FROM:", "Attn: …", "Attn. …", "Open letter to: …", a briefing's "Prepared for: …" or "For: …" ("**To:**" once cleaned). */
const FIELD_LINE = /^(?:(?:an?\s+)?(?:(?:open|joint)\s+)?letter\s+)?(to|from|for|attn|attention|prepared\s+for|prepared\s+by)(?:\s*:\s*|(?<=attn)\.\s+)(.*)$/i;
/** The same in French: "À : …", "De : …", "Destinataire : …", "Expéditeur : …", "À l'attention de Monsieur …". */
const FRENCH_FIELD_LINE = /^(à|de|destinataires?|exp[ée]dit(?:eur|rice))\s*:\s*(.*)$|^(?:(?:à|a)\s+)?(l['’]attention)\s+(?:de\s+|d['’])(.*)$/i;
/** An address line without a colon: "To the President of the Council, Mr. Jan Novák". */
const TO_LINE = /^(To|TO)\s+((?:the|The|THE|Mr|Mrs|Ms|Dr|Prof|His|Her|H\.\s?E\.)\b.*)$/;
/** Another addressee below one: "to the Secretary-General of …,", "and to the governments of …". */
const AND_TO_LINE = /^(?:and\s+)?to\s+(the\s+.*)$/i;
/** Words that only announce the addressee: "the attention of", "For the attention of", "l'attention de". */
const ATTENTION_OF = /^(?:for\s+)?(?:the\s+)?attention\s+of\s+|^(?:(?:à|a)\s+)?l['’]attention\s+(?:de\s+|d['’])/i;
/** Any labelled line, which ends a field's value: "Date:", "Subject:", "Cc:". */
const ANY_LABEL = /^[\p{L} ]{2,20}:/u;
/** A group named in a memo's header: "Campaign team", "All staff". */
const GROUP = /^[\p{Lu}][\p{L}'’&\- ]{1,60}$/u;

/** A French header line as [line, "to" | "from", value]. */
function frenchField(text: string): [string, string, string] | null {
  const m = FRENCH_FIELD_LINE.exec(text);
  if (!m) return null;
  if (m[3]) return [text, 'to', m[4]];
  return [text, /^(?:de|exp)/i.test(m[1]) ? 'from' : 'to', m[2]];
}

/** People named in "To" and "From" lines at the head of a letter or memo, and the lines they take. */
export interface HeaderFields {
  to: Person[];
  from: Person[];
  lines: Set<number>;
}

/** Whether a name is a person's, not a body's or an office's. */
const isPersonName = (name: string) => nameFromLine(name, false, 2) !== null;

/** The people or bodies a field's value names; a memo's group ("Campaign team") as written. */
function fieldPeople(value: string): Person[] {
  const text = value.replace(ATTENTION_OF, '');
  const people = peopleFromText(text, true);
  if (people.length) return people;
  // "Kyrgyzstan case team (Jana, Milan, Aizada)": the group, without the members listed after it.
  const group = text.replace(/\s*\([^()]*\)\s*$/, '');
  if (GROUP.test(group) && wordCount(group) <= 6) return [{ name: group, role: null }];
  // "The High Representative … / Vice-President of the European Commission": one holder of two offices, the first named.
  const [office, ...also] = text.split(/\s+\/\s+/);
  if (also.length) {
    const holder = titleAddressee(office);
    if (holder) return [{ name: holder.name, role: holder.role ?? tidyRole(also.join(' / ')) }];
  }
  // "Members of the X Committee visiting Hong Kong, 22-26 September": the group, without what it does and when.
  const doing = text.replace(/,[^,]*\d[^,]*$/, '').replace(/\s+\p{Ll}+ing\s.*$/u, '');
  const addressee = titleAddressee(doing);
  return addressee ? [addressee] : [];
}

/** The lines of a field's value: its own (unless empty) and the lines below it, up to a blank or another label. */
function valueLines(lines: BodyLine[], i: number, to: number, rest: string): { index: number; text: string }[] {
  const values = rest.trim() ? [{ index: i, text: rest.trim() }] : [];
  for (let j = i + 1; j < to && lines[j].text && !ANY_LABEL.test(lines[j].text) && !TO_LINE.test(lines[j].text); j++) {
    values.push({ index: j, text: lines[j].text });
  }
  return values;
}

/**
 * The "To" and "From" fields among `lines[from, to)`. A line below a field's value counts if it names
 * someone by courtesy title, or gives the title of someone named without one ("FROM: Jan Novák" / "Legal Officer").
 */
export function readHeaderFields(lines: BodyLine[], from: number, to: number): HeaderFields {
  const fields: HeaderFields = { to: [], from: [], lines: new Set() };
  for (let i = from; i < to; i++) {
    const m = FIELD_LINE.exec(lines[i].text) ?? TO_LINE.exec(lines[i].text) ?? frenchField(lines[i].text);
    if (!m) continue;
    const people: Person[] = [];
    for (const [k, v] of valueLines(lines, i, to, m[2]).entries()) {
      const another = k > 0 && /^to$/i.test(m[1]) ? AND_TO_LINE.exec(v.text) : null;
      const found = k === 0 || stripHonorifics(v.text).had ? fieldPeople(v.text) : another ? fieldPeople(another[1]) : [];
      const last = people[people.length - 1];
      if (!found.length && last && !last.role && isRoleLine(v.text) && isPersonName(last.name)) last.role = tidyRole(v.text);
      else if (!found.length && k > 0) break;
      // "To the Minister of Justice" above "Mr Pieter De Smet": one addressee, the office is his role.
      if (k === 1 && people.length === 1 && found.length === 1 && !found[0].role && !last.role && !isPersonName(last.name) && isRoleLine(last.name)) {
        people[0] = { ...found[0], role: tidyRole(last.name) };
        fields.lines.add(v.index);
        continue;
      }
      people.push(...found);
      fields.lines.add(v.index);
    }
    if (!people.length) continue;
    fields.lines.add(i);
    (/^(?:from|prepared\s+by)$/i.test(m[1]) ? fields.from : fields.to).push(...people);
  }
  return fields;
}
