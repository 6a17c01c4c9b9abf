import { describe, expect, it } from 'vitest';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FeedbackLog, feedbackFile, readFeedbackEntries, type FeedbackLogEntry } from '../src/feedback/log.js';
import { LINE_WIDTH, renderReportText, summarise, type ReportLetter } from '../src/feedback/report.js';
import type { Citation } from '../src/answer/answer.js';
import { buildIndex } from '../src/indexing/build.js';
import { runCli } from './helpers/cli.js';
import { tempCorpus, tinyEmbedder } from './helpers/corpus.js';

const USER = '123456789012345678';
const OTHER = '876543210987654321';

const tempDir = () => mkdtempSync(join(tmpdir(), 'epistle-feedback-'));

function citation(letterId: string, quote: string): Citation {
  return { letterId, file: `${letterId}.txt`, sender: null, recipients: [], date: null, quote, start: 0, end: quote.length, score: 1 };
}

function answer(question: string, letterIds: string[] = [], abstained = false) {
  return { question, abstained, citations: letterIds.map((id, i) => citation(id, `quote ${i} from ${id}`)) };
}

/** A clock that moves one minute per call, from `start`. */
function clock(start = '2024-03-01T10:00:00.000Z') {
  let t = Date.parse(start);
  return () => new Date((t += 60_000));
}

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

describe('feedback log', () => {
  it('reads back what it appends: answers, votes and errors, linked by answer id', async () => {
    const dir = tempDir();
    const log = new FeedbackLog(dir);
    const answerId = await log.logAnswer({ userId: USER, answer: answer('Who wrote to Valls?', ['a', 'b', 'a']), channel: 'thread' });
    expect(answerId).toMatch(/^[A-Za-z0-9_-]{6,32}$/);
    await log.logFeedback({ userId: USER, answerId, vote: 'down', reason: 'missed the 2016 letter', question: 'Who wrote to Valls?', letterIds: ['a', 'b'] });
    await log.logError({ userId: OTHER, question: 'What happened?', errorId: 'E42' });

    const { entries, skipped } = await log.readEntries();
    expect(skipped).toEqual([]);
    expect(entries.map((e) => e.kind)).toEqual(['answer', 'feedback', 'error']);
    expect(entries[0]).toMatchObject({
      kind: 'answer',
      answerId,
      question: 'Who wrote to Valls?',
      abstained: false,
      letterIds: ['a', 'b'],
      quotes: [
        { letterId: 'a', quote: 'quote 0 from a' },
        { letterId: 'b', quote: 'quote 1 from b' },
        { letterId: 'a', quote: 'quote 2 from a' },
      ],
      channel: 'thread',
    });
    expect(entries[1]).toMatchObject({ kind: 'feedback', answerId, vote: 'down', reason: 'missed the 2016 letter' });
    expect(entries[2]).toMatchObject({ kind: 'error', errorId: 'E42', question: 'What happened?' });
    for (const e of entries) expect(Number.isNaN(Date.parse(e.time))).toBe(false);
    expect(lines(feedbackFile(dir))).toHaveLength(3);
  });

  it('keeps an answer id given by the caller', async () => {
    const log = new FeedbackLog(tempDir());
    expect(await log.logAnswer({ userId: USER, answer: answer('q'), answerId: 'abcdef12' })).toBe('abcdef12');
    expect((await log.readEntries()).entries[0]).toMatchObject({ answerId: 'abcdef12' });
  });

  it('stores users as salted hashes, never their ids', async () => {
    const dir = tempDir();
    const log = new FeedbackLog(dir);
    await log.logAnswer({ userId: USER, answer: answer('q1') });
    await log.logAnswer({ userId: USER, answer: answer('q2') });
    await log.logAnswer({ userId: OTHER, answer: answer('q3') });
    const text = readFileSync(feedbackFile(dir), 'utf8');
    expect(text).not.toContain(USER);
    expect(text).not.toContain(OTHER);
    const users = (await log.readEntries()).entries.map((e) => e.user);
    expect(users[0]).toMatch(/^[0-9a-f]{16}$/);
    expect(users[0]).toBe(users[1]);
    expect(users[2]).not.toBe(users[0]);

    // The salt is kept: a new log on the same folder hashes alike; another install does not.
    expect(readFileSync(join(dir, 'salt'), 'utf8')).toMatch(/^[0-9a-f]{64}$/);
    const again = new FeedbackLog(dir);
    await again.logAnswer({ userId: USER, answer: answer('q4') });
    expect((await again.readEntries()).entries[3].user).toBe(users[0]);
    const elsewhere = new FeedbackLog(tempDir());
    await elsewhere.logAnswer({ userId: USER, answer: answer('q1') });
    expect((await elsewhere.readEntries()).entries[0].user).not.toBe(users[0]);
  });

  it('replaces a damaged salt file, keeping it aside and saying so', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'salt'), 'not a salt');
    const warnings: string[] = [];
    const log = new FeedbackLog(dir, { warn: (m) => warnings.push(m) });
    await log.logAnswer({ userId: USER, answer: answer('q') });
    expect(readFileSync(join(dir, 'salt'), 'utf8')).toMatch(/^[0-9a-f]{64}$/);
    const aside = readdirSync(dir).filter((f) => f.startsWith('salt.damaged-'));
    expect(aside).toHaveLength(1);
    expect(warnings).toEqual([expect.stringContaining(aside[0])]);
    expect((await log.readEntries()).entries).toHaveLength(1);
  });

  it('rotates before a file would pass the size limit, never splitting an entry', async () => {
    const dir = tempDir();
    const maxBytes = 4000;
    const log = new FeedbackLog(dir, { maxBytes });
    for (let i = 0; i < 40; i++) await log.logAnswer({ userId: USER, answer: answer(`question number ${i}`, [`letter-${i}`]) });

    expect(existsSync(feedbackFile(dir, 1))).toBe(true);
    for (let n = 0; n <= 3; n++) {
      const file = feedbackFile(dir, n);
      if (!existsSync(file)) continue;
      expect(statSync(file).size).toBeLessThanOrEqual(maxBytes);
      const text = readFileSync(file, 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      for (const line of lines(file)) expect(() => JSON.parse(line)).not.toThrow();
    }
    const { entries, skipped } = await log.readEntries();
    expect(skipped).toEqual([]);
    expect(entries.map((e) => e.question)).toEqual(Array.from({ length: 40 }, (_, i) => `question number ${i}`));
  });

  it('keeps three rotated files and drops the oldest', async () => {
    const dir = tempDir();
    const log = new FeedbackLog(dir, { maxBytes: 1000 });
    for (let i = 0; i < 60; i++) await log.logAnswer({ userId: USER, answer: answer(`question number ${i}`) });
    expect(readdirSync(dir).filter((f) => f.startsWith('feedback')).sort()).toEqual(['feedback.1.jsonl', 'feedback.2.jsonl', 'feedback.3.jsonl', 'feedback.jsonl']);
    const questions = (await log.readEntries()).entries.map((e) => e.question);
    expect(questions.length).toBeLessThan(60);
    expect(questions.at(-1)).toBe('question number 59');
    // What is left is the newest entries, in order.
    const first = Number(questions[0].split(' ').at(-1));
    expect(questions).toEqual(Array.from({ length: 60 - first }, (_, i) => `question number ${first + i}`));
  });

  it('skips and reports a torn last line, and appends after it on a fresh line', async () => {
    const dir = tempDir();
    const log = new FeedbackLog(dir);
    for (const q of ['one', 'two', 'three']) await log.logAnswer({ userId: USER, answer: answer(q) });
    const file = feedbackFile(dir);
    appendFileSync(file, '{"kind":"answer","answerId":"abcdefgh","ti');

    const torn = await readFeedbackEntries(dir);
    expect(torn.entries.map((e) => e.question)).toEqual(['one', 'two', 'three']);
    expect(torn.skipped).toEqual([{ file, line: 4, problem: expect.stringMatching(/incomplete last line/) }]);

    // A new process writing to the log: its entry is whole, and only the torn line is lost.
    const next = new FeedbackLog(dir);
    await next.logAnswer({ userId: USER, answer: answer('four') });
    const after = await next.readEntries();
    expect(after.entries.map((e) => e.question)).toEqual(['one', 'two', 'three', 'four']);
    expect(after.skipped).toEqual([{ file, line: 4, problem: 'not valid JSON' }]);
  });

  it('skips lines that are not entries, naming the file and line', async () => {
    const dir = tempDir();
    const log = new FeedbackLog(dir);
    await log.logAnswer({ userId: USER, answer: answer('good') });
    const file = feedbackFile(dir);
    appendFileSync(file, 'garbage\n{"kind":"answer","question":"no id"}\n{"kind":"vote"}\n');
    await log.logAnswer({ userId: USER, answer: answer('also good') });
    const { entries, skipped } = await log.readEntries();
    expect(entries.map((e) => e.question)).toEqual(['good', 'also good']);
    expect(skipped.map((s) => [s.file, s.line])).toEqual([
      [file, 2],
      [file, 3],
      [file, 4],
    ]);
    expect(skipped[0].problem).toBe('not valid JSON');
    expect(skipped[1].problem).toMatch(/^not a log entry \(answerId: /);
  });

  it('serialises concurrent appends: 200 at once are 200 whole lines', async () => {
    const dir = tempDir();
    const log = new FeedbackLog(dir);
    const ids = await Promise.all(Array.from({ length: 200 }, (_, i) => log.logAnswer({ userId: `${USER}${i % 7}`, answer: answer(`concurrent ${i}`, ['x'.repeat(i)]) })));
    expect(new Set(ids).size).toBe(200);
    expect(lines(feedbackFile(dir))).toHaveLength(200);
    const { entries, skipped } = await log.readEntries();
    expect(skipped).toEqual([]);
    expect(entries.map((e) => e.question).sort()).toEqual(Array.from({ length: 200 }, (_, i) => `concurrent ${i}`).sort());
  });

  it('serialises concurrent appends across rotations: none lost', async () => {
    const dir = tempDir();
    // About 200 bytes an entry: 200 of them rotate into four files of up to 12 kB without dropping any.
    const log = new FeedbackLog(dir, { maxBytes: 12_000 });
    await Promise.all(Array.from({ length: 200 }, (_, i) => log.logAnswer({ userId: USER, answer: answer(`concurrent ${i}`) })));
    expect(existsSync(feedbackFile(dir, 2))).toBe(true);
    for (let n = 0; n <= 3; n++) if (existsSync(feedbackFile(dir, n))) expect(statSync(feedbackFile(dir, n)).size).toBeLessThanOrEqual(12_000);
    const { entries, skipped } = await log.readEntries();
    expect(skipped).toEqual([]);
    expect(entries).toHaveLength(200);
  });

  it('reads only entries since a time', async () => {
    const dir = tempDir();
    const log = new FeedbackLog(dir, { now: clock('2024-03-01T10:00:00.000Z') });
    for (const q of ['a', 'b', 'c']) await log.logAnswer({ userId: USER, answer: answer(q) });
    const { entries } = await log.readEntries({ since: new Date('2024-03-01T10:02:00.000Z') });
    expect(entries.map((e) => e.question)).toEqual(['b', 'c']);
  });

  it('off: writes nothing and creates no folder', async () => {
    const dir = join(tempDir(), 'data');
    const log = FeedbackLog.fromConfig({ DATA_DIR: dir, FEEDBACK_LOG: 'off' });
    expect(log.enabled).toBe(false);
    const answerId = await log.logAnswer({ userId: USER, answer: answer('q') });
    expect(typeof answerId).toBe('string');
    await log.logFeedback({ userId: USER, answerId, vote: 'up', question: 'q', letterIds: [] });
    await log.logError({ userId: USER, question: 'q', errorId: 'E1' });
    await log.flush();
    expect(existsSync(dir)).toBe(false);
    expect(await log.readEntries()).toEqual({ entries: [], skipped: [] });

    const on = FeedbackLog.fromConfig({ DATA_DIR: dir, FEEDBACK_LOG: 'on' });
    await on.logAnswer({ userId: USER, answer: answer('q') });
    expect(existsSync(feedbackFile(dir))).toBe(true);
  });

  it('refuses entries that would not read back', async () => {
    const dir = tempDir();
    const log = new FeedbackLog(dir);
    await expect(log.logAnswer({ userId: USER, answer: answer('q'), answerId: 'no spaces allowed' })).rejects.toThrow();
    await expect(log.logFeedback({ userId: USER, answerId: 'abcdefgh', vote: 'sideways' as 'up', question: 'q', letterIds: [] })).rejects.toThrow();
    // A refused entry does not stop later ones.
    await log.logAnswer({ userId: USER, answer: answer('fine') });
    expect((await log.readEntries()).entries.map((e) => e.question)).toEqual(['fine']);
  });
});

/** Entries as a log would hold them, oldest first, one minute apart. */
function entries(): FeedbackLogEntry[] {
  const now = clock('2024-03-01T10:00:00.000Z');
  const t = () => now().toISOString();
  const u1 = 'aaaaaaaaaaaaaaaa';
  const u2 = 'bbbbbbbbbbbbbbbb';
  const a = (answerId: string, question: string, letterIds: string[], abstained = false, user = u1): FeedbackLogEntry => ({
    kind: 'answer',
    answerId,
    time: t(),
    user,
    question,
    abstained,
    letterIds,
    quotes: letterIds.map((letterId) => ({ letterId, quote: 'q' })),
  });
  const vote = (answerId: string, v: 'up' | 'down', question: string, reason?: string, user = u1): FeedbackLogEntry => ({
    kind: 'feedback',
    answerId,
    time: t(),
    user,
    vote: v,
    reason,
    question,
    letterIds: [],
  });
  return [
    a('ans00001', 'Who wrote to Valls?', ['L1', 'L2']),
    vote('ans00001', 'up', 'Who wrote to Valls?'),
    a('ans00002', 'What did Kelam ask for?', ['L1']),
    a('ans00003', 'Who paid for the dinner?', [], true),
    vote('ans00003', 'down', 'Who paid for the dinner?', 'the March invoice letter says'),
    a('ans00004', 'who paid  for the dinner?', [], true, u2),
    { kind: 'error', time: t(), user: u1, question: 'Crash me', errorId: 'E1' },
    a('ans00005', 'Who wrote to Valls?', ['L1']),
    vote('ans00002', 'down', 'What did Kelam ask for?', 'wrong letter'),
    vote('ans00002', 'up', 'What did Kelam ask for?', undefined, u2),
    // The same user changes their mind: the latest vote counts.
    vote('ans00005', 'down', 'Who wrote to Valls?', 'incomplete'),
    vote('ans00005', 'up', 'Who wrote to Valls?'),
    a('ans00006', 'When did Urvoas reply?', [], true),
  ];
}

const LETTERS: ReportLetter[] = [
  { letterId: 'L1', sender: 'Tunne Kelam', recipients: ['Manuel Valls'], date: '2016-06-29' },
  { letterId: 'L2', sender: 'Mady Delvaux-Stehres', recipients: ['Manuel Valls'], date: '2015-05-25' },
  { letterId: 'L3', sender: 'Annika Vestergaard', recipients: ['Bernard Cazeneuve'], date: '2017-03-14' },
  { letterId: 'L4', sender: null, recipients: [], date: null },
];

describe('feedback report', () => {
  it('counts questions, grouping repeats, newest first', () => {
    const r = summarise(entries(), { letters: LETTERS });
    expect(r.questions.total).toBe(6);
    expect(r.questions.distinct).toBe(4);
    expect(r.questions.list).toEqual([
      { question: 'When did Urvoas reply?', count: 1, last: expect.any(String) },
      { question: 'Who wrote to Valls?', count: 2, last: expect.any(String) },
      { question: 'who paid  for the dinner?', count: 2, last: expect.any(String) },
      { question: 'What did Kelam ask for?', count: 1, last: expect.any(String) },
    ]);
    expect(r.first).toBe('2024-03-01T10:01:00.000Z');
    expect(r.last).toBe('2024-03-01T10:13:00.000Z');
  });

  it('lists abstentions: the coverage gaps', () => {
    const r = summarise(entries(), { letters: LETTERS });
    expect(r.abstentions.total).toBe(3);
    expect(r.abstentions.list.map((q) => [q.question, q.count])).toEqual([
      ['When did Urvoas reply?', 1],
      ['who paid  for the dinner?', 2],
    ]);
  });

  it('lists thumbs-down with reasons and counts thumbs-up, one vote per user and answer', () => {
    const r = summarise(entries(), { letters: LETTERS });
    expect(r.thumbsUp).toBe(3);
    expect(r.thumbsDown).toEqual([
      { answerId: 'ans00002', question: 'What did Kelam ask for?', reason: 'wrong letter', letterIds: [], time: '2024-03-01T10:09:00.000Z' },
      { answerId: 'ans00003', question: 'Who paid for the dinner?', reason: 'the March invoice letter says', letterIds: [], time: '2024-03-01T10:05:00.000Z' },
    ]);
    expect(r.errors).toEqual({ total: 1, list: [{ errorId: 'E1', question: 'Crash me', time: '2024-03-01T10:07:00.000Z' }] });
  });

  it('ranks the most cited letters and lists those never cited', () => {
    const r = summarise(entries(), { letters: LETTERS });
    expect(r.mostCited).toEqual([
      { ...LETTERS[0], count: 3 },
      { ...LETTERS[1], count: 1 },
    ]);
    expect(r.neverCited!.map((l) => l.letterId)).toEqual(['L3', 'L4']);
    expect(summarise(entries()).neverCited).toBeNull();

    const many: FeedbackLogEntry[] = Array.from({ length: 12 }, (_, i) => ({
      kind: 'answer',
      answerId: `many${String(i).padStart(4, '0')}`,
      time: '2024-03-01T10:00:00.000Z',
      user: 'aaaaaaaaaaaaaaaa',
      question: 'q',
      abstained: false,
      letterIds: Array.from({ length: i + 1 }, (_, j) => `M${String(j).padStart(2, '0')}`),
      quotes: [],
    }));
    const top = summarise(many).mostCited;
    expect(top).toHaveLength(10);
    expect(top[0]).toMatchObject({ letterId: 'M00', count: 12, sender: null });
    expect(top[9]).toMatchObject({ letterId: 'M09', count: 3 });
  });

  it('--since leaves out what came before', () => {
    const r = summarise(entries(), { since: new Date('2024-03-01T10:08:00.000Z'), letters: LETTERS });
    expect(r.since).toBe('2024-03-01T10:08:00.000Z');
    expect(r.questions.list.map((q) => q.question)).toEqual(['When did Urvoas reply?', 'Who wrote to Valls?']);
    expect(r.questions.total).toBe(2);
    expect(r.errors.total).toBe(0);
    expect(r.thumbsDown.map((d) => d.answerId)).toEqual(['ans00002']);
    expect(r.neverCited!.map((l) => l.letterId)).toEqual(['L2', 'L3', 'L4']);
  });

  it('renders short lines of text', () => {
    const long = entries();
    long.push({ ...(long[0] as Extract<FeedbackLogEntry, { kind: 'answer' }>), answerId: 'long0001', question: 'Why '.repeat(60), abstained: true });
    const text = renderReportText(summarise(long, { letters: LETTERS }));
    expect(text).toContain('Questions: 7 (5 different)');
    expect(text).toContain('Who wrote to Valls? (×2)');
    expect(text).toContain('Abstained: 4');
    expect(text).toContain('Thumbs up: 3');
    expect(text).toContain('reason: wrong letter');
    expect(text).toContain('Errors: 1');
    expect(text).toContain('\n  4× L1: Tunne Kelam to Manuel Valls, 2016-06-29\n');
    expect(text).toContain('Letters never cited: 2');
    expect(text).toContain('\n  L4: ?, undated');
    expect(text).toContain('\n    reason: wrong letter');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(LINE_WIDTH);
    expect(renderReportText(summarise([]))).toContain('Questions: 0');
    expect(renderReportText(summarise([]))).not.toContain('never cited');
  });
});

describe('npm run report', () => {
  async function logIn(dir: string) {
    const log = new FeedbackLog(dir, { now: clock('2024-03-01T10:00:00.000Z') });
    const id = await log.logAnswer({ userId: USER, answer: answer('Who wrote to Valls?', ['000_54ce065e8f9db68d']) });
    await log.logFeedback({ userId: USER, answerId: id, vote: 'down', reason: 'only one letter', question: 'Who wrote to Valls?', letterIds: ['000_54ce065e8f9db68d'] });
    await log.logAnswer({ userId: USER, answer: answer('Who paid for the dinner?', [], true) });
  }

  it('--json prints the report, with letters never cited from the index', async () => {
    const c = tempCorpus();
    await buildIndex({ lettersDir: c.letters, indexDir: c.index, embedder: await tinyEmbedder(), maxBytes: 20 * 1024 * 1024 });
    const data = join(c.dir, 'data');
    await logIn(data);
    const r = runCli(['report', '--json'], { DATA_DIR: data, INDEX_DIR: c.index });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.questions.total).toBe(2);
    expect(report.abstentions.list.map((q: { question: string }) => q.question)).toEqual(['Who paid for the dinner?']);
    expect(report.thumbsDown.map((d: { reason: string }) => d.reason)).toEqual(['only one letter']);
    expect(report.mostCited).toEqual([{ letterId: '000_54ce065e8f9db68d', sender: 'Tunne Kelam', recipients: ['Manuel Valls'], date: '2016-06-29', count: 1 }]);
    expect(report.neverCited.map((l: { letterId: string }) => l.letterId)).toEqual(['001_87c08d64c831245f']);
    expect(report.skipped).toEqual([]);

    const text = runCli(['report'], { DATA_DIR: data, INDEX_DIR: c.index });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Abstained: 1');
    expect(text.stdout).toContain('Letters never cited: 1');

    const later = JSON.parse(runCli(['report', '--json', '--since', '2024-03-02'], { DATA_DIR: data, INDEX_DIR: c.index }).stdout);
    expect(later.since).toBe('2024-03-02T00:00:00.000Z');
    expect(later.questions.total).toBe(0);
    expect(later.neverCited).toHaveLength(2);
  });

  it('without an index leaves out letters never cited; without a log prints an empty report', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    await logIn(data);
    const withLog = runCli(['report', '--json'], { DATA_DIR: data, INDEX_DIR: join(dir, 'no-index') });
    expect(withLog.status).toBe(0);
    expect(JSON.parse(withLog.stdout)).toMatchObject({ neverCited: null, questions: { total: 2 } });

    const empty = runCli(['report', '--json'], { DATA_DIR: join(dir, 'nothing'), INDEX_DIR: join(dir, 'no-index') });
    expect(empty.status).toBe(0);
    expect(JSON.parse(empty.stdout)).toMatchObject({ questions: { total: 0, list: [] }, thumbsUp: 0, thumbsDown: [], neverCited: null });
    expect(existsSync(join(dir, 'nothing'))).toBe(false);
  });

  it('reports skipped lines on stderr and still prints the report', async () => {
    const dir = tempDir();
    await logIn(dir);
    appendFileSync(feedbackFile(dir), '{"kind":"ans');
    const r = runCli(['report', '--json'], { DATA_DIR: dir, INDEX_DIR: join(dir, 'no-index') });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`${feedbackFile(dir)}:4: skipped: incomplete last line`);
    expect(JSON.parse(r.stdout).skipped).toHaveLength(1);
  });

  it('a bad --since exits 2 naming the flag', () => {
    const dir = tempDir();
    for (const since of ['last tuesday-ish', '2024-02-30', '2024-13']) {
      const r = runCli(['report', '--since', since], { DATA_DIR: dir, INDEX_DIR: join(dir, 'no-index') });
      expect(r.status, since).toBe(2);
      expect(r.stderr).toContain('--since');
      expect(r.stdout).toBe('');
    }
  });
});
