import { humanDate } from '../letters/summary.js';
import type { LetterMeta } from '../letters/types.js';

/** "Tunne Kelam to Manuel Valls, 29 June 2016" — how a citation names its letter. */
export function describeLetter(meta: Pick<LetterMeta, 'sender' | 'recipients' | 'date'>): string {
  const from = meta.sender ?? 'Unknown sender';
  const to = meta.recipients.length ? ` to ${listNames(meta.recipients.map((r) => r.name))}` : '';
  return `${from}${to}, ${humanDate(meta.date)}`;
}

/** "A", "A and B", "A, B and C". */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "Tunne Kelam's letter of 29 June 2016". */
export function letterPhrase(meta: Pick<LetterMeta, 'sender' | 'date'>): string {
  const who = meta.sender ? `${meta.sender}'s letter` : 'The letter';
  return meta.date ? `${who} of ${humanDate(meta.date)}` : `${who} (undated)`;
}
