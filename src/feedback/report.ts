import type { FeedbackLogEntry } from './log.js';

/** A letter of the catalogue, as the report names it. */
export interface ReportLetter {
  letterId: string;
  sender: string | null;
  recipients: string[];
  date: string | null;
}

/** A question and how often it was asked; `last` is the newest time, `question` its newest wording. */
export interface AskedQuestion {
  question: string;
  count: number;
  last: string;
}

export interface DownVote {
  answerId: string;
  question: string;
  reason: string | null;
  letterIds: string[];
  time: string;
}

export interface FeedbackReport {
  /** ISO time of the --since bound, or null for the whole log. */
  since: string | null;
  /** Times of the oldest and newest entry counted. */
  first: string | null;
  last: string | null;
  /** Answers given; `list` groups repeats (same words, ignoring case and spacing), newest first. */
  questions: { total: number; distinct: number; list: AskedQuestion[] };
  /** Questions Epistle abstained on: where the letters (or the search) fell short. */
  abstentions: { total: number; list: AskedQuestion[] };
  /** Votes count once per user and answer: their latest. */
  thumbsUp: number;
  /** Newest first. */
  thumbsDown: DownVote[];
  errors: { total: number; list: { errorId: string; question: string; time: string }[] };
  /** Letters by the number of answers that quoted them, top 10. */
  mostCited: (ReportLetter & { count: number })[];
  /** Catalogue letters no answer quoted, by date; null when no catalogue was given. */
  neverCited: ReportLetter[] | null;
}

export const MOST_CITED = 10;

const questionKey = (q: string) => q.trim().replace(/\s+/g, ' ').toLowerCase();

/** Groups questions by their wording; newest first. Entries must be oldest first. */
function group(entries: { question: string; time: string }[]): AskedQuestion[] {
  const byKey = new Map<string, AskedQuestion>();
  for (const e of entries) {
    const key = questionKey(e.question);
    const seen = byKey.get(key);
    // Delete and re-add, so the map's order is by latest time.
    byKey.delete(key);
    byKey.set(key, { question: e.question.trim(), count: (seen?.count ?? 0) + 1, last: e.time });
  }
  return [...byKey.values()].reverse();
}

/** What the feedback log says, as plain data. `entries` as the log reads them, oldest first. */
export function summarise(entries: FeedbackLogEntry[], opts: { since?: Date; letters?: ReportLetter[] } = {}): FeedbackReport {
  const since = opts.since?.getTime();
  const counted = entries
    .filter((e) => since === undefined || Date.parse(e.time) >= since)
    .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const answers = counted.filter((e) => e.kind === 'answer');
  const errors = counted.filter((e) => e.kind === 'error');

  const votes = new Map<string, Extract<FeedbackLogEntry, { kind: 'feedback' }>>();
  for (const e of counted) if (e.kind === 'feedback') votes.set(`${e.answerId} ${e.user}`, e);
  const latestVotes = [...votes.values()];

  const cited = new Map<string, number>();
  for (const a of answers) for (const id of new Set(a.letterIds)) cited.set(id, (cited.get(id) ?? 0) + 1);
  const catalogue = new Map((opts.letters ?? []).map((l) => [l.letterId, l]));
  const describe = (letterId: string): ReportLetter => catalogue.get(letterId) ?? { letterId, sender: null, recipients: [], date: null };

  const questions = group(answers);
  return {
    since: opts.since ? opts.since.toISOString() : null,
    first: counted[0]?.time ?? null,
    last: counted.at(-1)?.time ?? null,
    questions: { total: answers.length, distinct: questions.length, list: questions },
    abstentions: { total: answers.filter((a) => a.abstained).length, list: group(answers.filter((a) => a.abstained)) },
    thumbsUp: latestVotes.filter((v) => v.vote === 'up').length,
    thumbsDown: latestVotes
      .filter((v) => v.vote === 'down')
      .sort((a, b) => Date.parse(b.time) - Date.parse(a.time))
      .map((v) => ({ answerId: v.answerId, question: v.question, reason: v.reason?.trim() || null, letterIds: v.letterIds, time: v.time })),
    errors: { total: errors.length, list: [...errors].reverse().map((e) => ({ errorId: e.errorId, question: e.question, time: e.time })) },
    mostCited: [...cited]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, MOST_CITED)
      .map(([letterId, count]) => ({ ...describe(letterId), count })),
    neverCited: opts.letters
      ? opts.letters
          .filter((l) => !cited.has(l.letterId))
          .sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.letterId.localeCompare(b.letterId))
      : null,
  };
}

/** Lines are cut to this many characters, so the text also fits a Discord message. */
export const LINE_WIDTH = 80;
const LIST_ITEMS = 10;

/** One line: inner whitespace collapsed, the indent kept, cut with "…" at `width`. */
const cut = (s: string, width = LINE_WIDTH) => {
  const indent = /^ */.exec(s)![0];
  const line = indent + s.slice(indent.length).replace(/\s+/g, ' ').trim();
  return line.length > width ? line.slice(0, width - 1) + '…' : line;
};

function letterLine(l: ReportLetter): string {
  const who = [l.sender ?? '?', l.recipients.length ? `to ${l.recipients.join(', ')}` : ''].filter(Boolean).join(' ');
  return `${l.letterId}: ${who}, ${l.date ?? 'undated'}`;
}

/** Up to LIST_ITEMS lines, then "… and N more". */
function list<T>(items: T[], line: (item: T) => string): string[] {
  const lines = items.slice(0, LIST_ITEMS).map((item) => cut(`  ${line(item)}`));
  if (items.length > LIST_ITEMS) lines.push(`  … and ${items.length - LIST_ITEMS} more`);
  return lines;
}

const times = (n: number) => (n > 1 ? ` (×${n})` : '');

/** The report as short lines of plain text. */
export function renderReportText(report: FeedbackReport): string {
  const period = report.first ? `${report.first.slice(0, 10)} to ${report.last!.slice(0, 10)}` : 'no entries';
  const lines = [`Feedback report${report.since ? ` since ${report.since.slice(0, 10)}` : ''}: ${period}`, ''];
  lines.push(`Questions: ${report.questions.total} (${report.questions.distinct} different)`);
  lines.push(...list(report.questions.list, (q) => `${q.question}${times(q.count)}`));
  lines.push('', `Abstained: ${report.abstentions.total}`);
  lines.push(...list(report.abstentions.list, (q) => `${q.question}${times(q.count)}`));
  lines.push('', `Thumbs up: ${report.thumbsUp}`, `Thumbs down: ${report.thumbsDown.length}`);
  for (const d of report.thumbsDown.slice(0, LIST_ITEMS)) {
    lines.push(cut(`  ${d.question}`));
    if (d.reason) lines.push(cut(`    reason: ${d.reason}`));
  }
  if (report.thumbsDown.length > LIST_ITEMS) lines.push(`  … and ${report.thumbsDown.length - LIST_ITEMS} more`);
  lines.push('', `Errors: ${report.errors.total}`);
  lines.push(...list(report.errors.list, (e) => `${e.errorId}: ${e.question}`));
  lines.push('', 'Most cited letters:');
  lines.push(...(report.mostCited.length ? list(report.mostCited, (l) => `${l.count}× ${letterLine(l)}`) : ['  none']));
  if (report.neverCited) {
    lines.push('', `Letters never cited: ${report.neverCited.length}`);
    lines.push(...list(report.neverCited, letterLine));
  }
  return lines.join('\n');
}
