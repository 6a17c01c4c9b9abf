import type { Person } from '../types.js';
import type { BodyLine } from './lines.js';
import { peopleFromText } from './people.js';
import { wordCount } from '../text-utils.js';

/** A labelled header line: "To: …", "FROM:", "Attn: …", "Open letter to: …" ("**To:**" once cleaned). */
const FIELD_LINE = /^(?:(?:an?\s+)?(?:(?:open|joint)\s+)?letter\s+)?(to|from|attn|attention)\s*:\s*(.*)$/i;
/** An address line without a colon: "To the President of the Council, Mr. Jan Novák". */
const TO_LINE = /^(To|TO)\s+((?:the|The|THE|Mr|Mrs|Ms|Dr|Prof|His|Her|H\.\s?E\.)\b.*)$/;
/** A group named in a memo's header: "Campaign team", "All staff". */
const GROUP = /^[\p{Lu}][\p{L}'’&\- ]{1,60}$/u;

/** The people or bodies a field's value names; a memo's group ("Campaign team") as written. */
function fieldPeople(value: string): Person[] {
  const people = peopleFromText(value, true);
  if (people.length || !GROUP.test(value) || wordCount(value) > 6) return people;
  return [{ name: value, role: null }];
}

/** Any labelled line, which ends a field's value: "Date:", "Subject:", "Cc:". */
const ANY_LABEL = /^[\p{L} ]{2,20}:/u;

/** People named in "To:" and "From:" lines at the head of a letter or memo, and the lines they use. */
export interface HeaderFields {
  to: Person[];
  from: Person[];
  lines: Set<number>;
}

/** The lines of a field's value: its own line, or the lines below an empty label ("TO:" then a name). */
function fieldLines(lines: BodyLine[], i: number, to: number, rest: string): number[] {
  if (rest.trim()) return [i];
  const used = [i];
  for (let j = i + 1; j < to && lines[j].text && !ANY_LABEL.test(lines[j].text); j++) used.push(j);
  return used;
}

/** The "To" and "From" fields among `lines[from, to)`. */
export function readHeaderFields(lines: BodyLine[], from: number, to: number): HeaderFields {
  const fields: HeaderFields = { to: [], from: [], lines: new Set() };
  for (let i = from; i < to; i++) {
    const m = FIELD_LINE.exec(lines[i].text) ?? TO_LINE.exec(lines[i].text);
    if (!m) continue;
    const used = fieldLines(lines, i, to, m[2]);
    const values = m[2].trim() ? [m[2].trim()] : used.slice(1).map((j) => lines[j].text);
    const people = values.flatMap(fieldPeople);
    if (!people.length) continue;
    for (const j of used) fields.lines.add(j);
    (m[1].toLowerCase() === 'from' ? fields.from : fields.to).push(...people);
  }
  return fields;
}
