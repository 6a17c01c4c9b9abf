import type { Letter } from './types.js';

/** The public description of a letter, as `npm run letters -- --json` prints it. */
export interface LetterSummary {
  letterId: string;
  file: string;
  sender: string | null;
  senderRole: string | null;
  recipients: string[];
  cc: string[];
  date: string | null;
  place: string | null;
  passages: number;
}

export function summarise(letter: Pick<Letter, 'id' | 'file' | 'meta'> & { passages: unknown[] | number }): LetterSummary {
  const m = letter.meta;
  return {
    letterId: letter.id,
    file: letter.file,
    sender: m.sender,
    senderRole: m.senderRole,
    recipients: m.recipients.map((p) => p.name),
    cc: m.cc.map((p) => p.name),
    date: m.date,
    place: m.place,
    passages: typeof letter.passages === 'number' ? letter.passages : letter.passages.length,
  };
}

const HUMAN_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2016-06-29" → "29 June 2016"; null → "undated". */
export function humanDate(iso: string | null): string {
  if (!iso) return 'undated';
  const [y, m, d] = iso.split('-').map(Number);
  return HUMAN_DATE.format(Date.UTC(y, m - 1, d));
}
