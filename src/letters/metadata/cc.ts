import type { Person } from '../types.js';
import { plainLine, type BodyLine } from './lines.js';
import { peopleFromText, personFromText } from './people.js';

/**
 * The label of a copy list: "CC:", "c.c.:", "Copy to:", also run on after a closing ("Yours sincerely, cc: …");
 * in French "Copie :", "Copie à :", "Copies :", "En copie :", "Copie pour information :".
 */
const CC_LINE =
  /^(?:(?:yours|sincerely|best|kind|regards|respectfully|with)\b[^:]{0,30}?[,.]\s+)?(?:cc|c\.c\.|copy to|copies to|copy|copies|(?:en\s+|avec\s+)?copies?(?:\s+(?:à|a|pour\s+information(?:\s+à)?))?)(?:\s*\([^)]*\))?\s*:\s*(.*)$/i;

/** The CC block: the people on the label's line and on the lines below it, and the label's line. */
export function findCc(lines: BodyLine[]): { people: Person[]; line: number } {
  for (const l of lines) {
    const m = CC_LINE.exec(l.text);
    if (!m) continue;
    const people = m[1].trim() ? peopleFromText(m[1], true) : [];
    // The list goes on in the lines below; across blank lines only when the label's line names no one ("CC:",
    // then one person a paragraph). A salutation ("Dear Ms Ruiz,") ends it.
    const gaps = !people.length;
    for (let i = l.index + 1; i < lines.length; i++) {
      const t = plainLine(lines[i].text);
      if (!t) {
        if (!gaps) break;
        continue;
      }
      // A salutation, or another header's label ("From: …" below "Cc: …").
      if (/^(?:dear|to|attn|re|subject)\b|^[\p{L} ]{2,20}:/iu.test(t)) break;
      const p = personFromText(t, true, 2);
      if (!p) break;
      people.push(p);
    }
    return { people, line: l.index };
  }
  return { people: [], line: -1 };
}
