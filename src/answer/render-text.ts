import { progressNote, type Answer, type Citation } from './answer.js';
import { describeLetter } from './describe.js';
import { humanDate } from '../letters/summary.js';

export interface TextRenderOptions {
  /** Quotes shown; the rest are counted as further sources. */
  maxQuotes?: number;
  color?: boolean;
}

/** "p. 2 (scanned)": where a quote of a letter with known pages is, and whether it was read by OCR. */
export function pageNote(c: Citation): string {
  return c.page ? `p. ${c.page}${c.scanned ? ' (scanned)' : ''}` : '';
}

/** "— Tunne Kelam to Manuel Valls, 29 June 2016 [000_54ce065e8f9db68d]" ("…, 29 June 2016, p. 2 (scanned) […]" for a scan) */
export function citationLine(c: Citation): string {
  const where = pageNote(c);
  return `— ${describeLetter({ sender: c.sender, recipients: c.recipients.map((name) => ({ name, role: null })), date: c.date })}${where ? `, ${where}` : ''} [${c.letterId}]`;
}

/** An answer as terminal text: the lead, then each quote indented with its citation. */
export function renderText(answer: Answer, opts: TextRenderOptions = {}): string {
  const max = Math.max(opts.maxQuotes ?? 3, answer.show ?? 0);
  const dim = (s: string) => (opts.color ? `\x1b[2m${s}\x1b[22m` : s);
  const bold = (s: string) => (opts.color ? `\x1b[1m${s}\x1b[22m` : s);
  const out = [bold(answer.lead)];
  if (answer.progress) out.push(dim(progressNote(answer.progress)));
  if (answer.followUp) out.unshift(dim(`(following up on ${answer.followUp.letterIds.join(', ')})`));
  for (const c of answer.citations.slice(0, max)) {
    const lines = c.quote.split('\n').map((l) => `  │ ${l}`);
    out.push('', ...lines, `  ${dim(citationLine(c))}`);
  }
  const more = answer.citations.length - max;
  if (more > 0) out.push('', dim(`(${more} more source${more > 1 ? 's' : ''})`));
  if (answer.abstained && answer.closest.length) {
    out.push('', 'Closest letters:');
    for (const l of answer.closest) out.push(`  • ${l.sender ?? '?'} to ${l.recipients.join(', ') || '?'}, ${humanDate(l.date)} [${l.letterId}]`);
  }
  return out.join('\n');
}

/** The contract's JSON for `npm run ask -- --json`. */
export function answerJson(answer: Answer, opts: TextRenderOptions = {}) {
  return {
    question: answer.question,
    answer: renderText(answer, { ...opts, color: false }),
    abstained: answer.abstained,
    citations: answer.citations.map((c) => ({
      letterId: c.letterId,
      file: c.file,
      sender: c.sender,
      recipients: c.recipients,
      date: c.date,
      quote: c.quote,
      score: c.score,
      ...(c.page ? { page: c.page, scanned: c.scanned ?? false } : {}),
    })),
  };
}
