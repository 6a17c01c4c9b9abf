import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, mkdir, open, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Answer } from '../answer/answer.js';

/**
 * The feedback log: one JSON object per line in `<DATA_DIR>/feedback.jsonl`, appended, never rewritten.
 *
 * Users appear only as `user`: the first 16 hex digits of HMAC-SHA256(salt, user id), where the salt is
 * 32 random bytes kept in `<DATA_DIR>/salt`, made on first use. The same user gets the same hash on one
 * install, and without the salt file a hash cannot be matched to an id by hashing candidate ids.
 * Deleting the salt file unlinks all earlier entries from their users.
 */

export const FEEDBACK_FILE = 'feedback.jsonl';
export const SALT_FILE = 'salt';
/** The current file is rotated before an append would take it past this size. */
export const MAX_LOG_BYTES = 10 * 1024 * 1024;
/** Rotated files kept: feedback.1.jsonl (newest) … feedback.3.jsonl (oldest). */
export const ROTATED_FILES_KEPT = 3;

const time = z.iso.datetime({ offset: true });
const userHash = z.string().regex(/^[0-9a-f]{16}$/, 'must be a 16-digit hex hash');
const answerIdSchema = z.string().regex(/^[A-Za-z0-9_-]{6,32}$/, 'must be a short id');

export const channelKindSchema = z.enum(['thread', 'channel', 'dm', 'console']);
export type ChannelKind = z.infer<typeof channelKindSchema>;

export const answerEntrySchema = z.object({
  kind: z.literal('answer'),
  answerId: answerIdSchema,
  time,
  user: userHash,
  question: z.string(),
  abstained: z.boolean(),
  /** Letters the answer quoted, each once, best first. */
  letterIds: z.array(z.string()),
  quotes: z.array(z.object({ letterId: z.string(), quote: z.string() })),
  channel: channelKindSchema.optional(),
});

export const feedbackEntrySchema = z.object({
  kind: z.literal('feedback'),
  answerId: answerIdSchema,
  time,
  user: userHash,
  vote: z.enum(['up', 'down']),
  reason: z.string().optional(),
  question: z.string(),
  letterIds: z.array(z.string()),
});

export const errorEntrySchema = z.object({
  kind: z.literal('error'),
  time,
  user: userHash,
  question: z.string(),
  /** The id the user was shown and the bot's log carries. */
  errorId: z.string().min(1),
});

export const feedbackLogEntrySchema = z.discriminatedUnion('kind', [answerEntrySchema, feedbackEntrySchema, errorEntrySchema]);

export type AnswerEntry = z.infer<typeof answerEntrySchema>;
export type FeedbackEntry = z.infer<typeof feedbackEntrySchema>;
export type ErrorEntry = z.infer<typeof errorEntrySchema>;
export type FeedbackLogEntry = z.infer<typeof feedbackLogEntrySchema>;

/** A line of the log that could not be read; `line` counts from 1. */
export interface SkippedLine {
  file: string;
  line: number;
  problem: string;
}

export interface ReadResult {
  /** Oldest first. */
  entries: FeedbackLogEntry[];
  skipped: SkippedLine[];
}

export interface FeedbackLogOptions {
  /** false: a no-op log that writes nothing and creates no folder (FEEDBACK_LOG=off). */
  enabled?: boolean;
  maxBytes?: number;
  rotatedFilesKept?: number;
  now?: () => Date;
  /** Told when a damaged salt file is replaced. */
  warn?: (message: string) => void;
}

/** A short random id for an answer, fit for a Discord button's custom id. */
export function newAnswerId(): string {
  return randomBytes(6).toString('base64url');
}

/** `feedback.jsonl` for 0, `feedback.<n>.jsonl` for rotated file n. */
export function feedbackFile(dataDir: string, n = 0): string {
  return join(dataDir, n === 0 ? FEEDBACK_FILE : FEEDBACK_FILE.replace(/\.jsonl$/, `.${n}.jsonl`));
}

export function isValidAnswerId(id: string): boolean {
  return answerIdSchema.safeParse(id).success;
}

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Parses one line; a string saying what is wrong when it is not an entry. */
function parseLine(text: string): FeedbackLogEntry | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return 'not valid JSON';
  }
  const parsed = feedbackLogEntrySchema.safeParse(raw);
  return parsed.success ? parsed.data : `not a log entry (${issueText(parsed.error)})`;
}

/**
 * Every readable entry of the log in `dataDir`, rotated files first, oldest first; with `since`, only entries
 * at or after it. Malformed lines are skipped and listed. A missing log reads as empty.
 */
export async function readFeedbackEntries(dataDir: string, opts: { since?: Date; rotatedFilesKept?: number } = {}): Promise<ReadResult> {
  const entries: FeedbackLogEntry[] = [];
  const skipped: SkippedLine[] = [];
  const since = opts.since?.getTime();
  for (let n = opts.rotatedFilesKept ?? ROTATED_FILES_KEPT; n >= 0; n--) {
    const file = feedbackFile(dataDir, n);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      const entry = parseLine(line);
      if (typeof entry === 'string') {
        const unterminated = i === lines.length - 1;
        skipped.push({ file, line: i + 1, problem: unterminated ? `incomplete last line (an interrupted write?): ${entry}` : entry });
      } else if (since === undefined || Date.parse(entry.time) >= since) {
        entries.push(entry);
      }
    });
  }
  return { entries, skipped };
}

type Draft<T> = Omit<T, 'kind' | 'time' | 'user'> & { userId: string };

export class FeedbackLog {
  readonly enabled: boolean;
  readonly file: string;
  private readonly maxBytes: number;
  private readonly rotatedFilesKept: number;
  private readonly now: () => Date;
  private readonly warn: (message: string) => void;
  /** Writes run one after another on this chain. */
  private queue: Promise<void> = Promise.resolve();
  private salt: Buffer | null = null;
  /** Whether the file may end mid-line: at start, and after a failed write. */
  private checkTail = true;

  constructor(
    readonly dataDir: string,
    opts: FeedbackLogOptions = {},
  ) {
    this.enabled = opts.enabled ?? true;
    this.file = feedbackFile(dataDir);
    this.maxBytes = opts.maxBytes ?? MAX_LOG_BYTES;
    this.rotatedFilesKept = opts.rotatedFilesKept ?? ROTATED_FILES_KEPT;
    this.now = opts.now ?? (() => new Date());
    this.warn = opts.warn ?? (() => {});
  }

  /** The log the configuration asks for: DATA_DIR, and a no-op one when FEEDBACK_LOG=off. */
  static fromConfig(config: { DATA_DIR: string; FEEDBACK_LOG: 'on' | 'off' }, opts: Omit<FeedbackLogOptions, 'enabled'> = {}): FeedbackLog {
    return new FeedbackLog(config.DATA_DIR, { ...opts, enabled: config.FEEDBACK_LOG === 'on' });
  }

  /** Records an answer; resolves to its answer id (the given one, or a new one) once written. */
  async logAnswer(input: {
    userId: string;
    answer: Pick<Answer, 'question' | 'abstained' | 'citations'>;
    channel?: ChannelKind;
    answerId?: string;
  }): Promise<string> {
    const answerId = input.answerId ?? newAnswerId();
    const { answer } = input;
    // Copied now: the answer may change before the write's turn comes.
    const fields = {
      answerId,
      question: answer.question,
      abstained: answer.abstained,
      letterIds: [...new Set(answer.citations.map((c) => c.letterId))],
      quotes: answer.citations.map((c) => ({ letterId: c.letterId, quote: c.quote })),
      channel: input.channel,
    };
    await this.append(async () =>
      answerEntrySchema.parse({ kind: 'answer', time: this.now().toISOString(), user: await this.hashUser(input.userId), ...fields }),
    );
    return answerId;
  }

  /** Records a thumbs up or down on an answer. */
  async logFeedback(input: Draft<FeedbackEntry>): Promise<void> {
    const { userId, ...rest } = input;
    await this.append(async () =>
      feedbackEntrySchema.parse({ kind: 'feedback', time: this.now().toISOString(), user: await this.hashUser(userId), ...rest }),
    );
  }

  /** Records a question that failed with an error. */
  async logError(input: Draft<ErrorEntry>): Promise<void> {
    const { userId, ...rest } = input;
    await this.append(async () => errorEntrySchema.parse({ kind: 'error', time: this.now().toISOString(), user: await this.hashUser(userId), ...rest }));
  }

  /** The log's entries (see readFeedbackEntries); none when disabled. */
  async readEntries(opts: { since?: Date } = {}): Promise<ReadResult> {
    if (!this.enabled) return { entries: [], skipped: [] };
    await this.flush();
    return readFeedbackEntries(this.dataDir, { since: opts.since, rotatedFilesKept: this.rotatedFilesKept });
  }

  /** Resolves when every write asked for so far has finished (or failed). */
  flush(): Promise<void> {
    return this.queue;
  }

  /** The user's hash, as entries carry it (makes the salt file on first use). */
  private async hashUser(userId: string): Promise<string> {
    this.salt ??= await this.loadSalt();
    return createHmac('sha256', this.salt).update(userId).digest('hex').slice(0, 16);
  }

  private append(make: () => Promise<FeedbackLogEntry>): Promise<void> {
    if (!this.enabled) return Promise.resolve();
    const run = this.queue.then(async () => this.write(await make()));
    this.queue = run.catch(() => {});
    return run;
  }

  private async write(entry: FeedbackLogEntry): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    let line = Buffer.from(JSON.stringify(entry) + '\n', 'utf8');
    let size = await sizeOf(this.file);
    // A file left ending mid-line by a crash: start on a fresh line, so only the torn line is lost.
    if (this.checkTail && size > 0 && !(await endsWithNewline(this.file, size))) line = Buffer.concat([Buffer.from('\n'), line]);
    if (size > 0 && size + line.length > this.maxBytes) {
      await this.rotate();
      size = 0;
      if (line[0] === 0x0a) line = line.subarray(1);
    }
    this.checkTail = true;
    const fh = await open(this.file, 'a');
    try {
      let written = 0;
      while (written < line.length) written += (await fh.write(line, written)).bytesWritten;
      await fh.sync();
      this.checkTail = false;
    } finally {
      await fh.close();
    }
  }

  /** feedback.jsonl → feedback.1.jsonl, shifting older ones up and dropping the oldest. */
  private async rotate(): Promise<void> {
    const keep = this.rotatedFilesKept;
    if (keep < 1) return rm(this.file, { force: true });
    await rm(feedbackFile(this.dataDir, keep), { force: true });
    for (let n = keep - 1; n >= 1; n--) {
      const from = feedbackFile(this.dataDir, n);
      if (existsSync(from)) await rename(from, feedbackFile(this.dataDir, n + 1));
    }
    await rename(this.file, feedbackFile(this.dataDir, 1));
  }

  /** Reads the salt, or makes it: written in full under a temporary name, then linked in only if still absent. */
  private async loadSalt(): Promise<Buffer> {
    const path = join(this.dataDir, SALT_FILE);
    const existing = await readSalt(path);
    if (existing === 'damaged') {
      const aside = `${path}.damaged-${stamp(this.now())}`;
      await rename(path, aside);
      this.warn(`${path} was damaged; kept as ${aside} and replaced, so users get new hashes from now on`);
    } else if (existing) {
      return existing;
    }
    await mkdir(this.dataDir, { recursive: true });
    const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(randomBytes(32).toString('hex'));
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await link(tmp, path);
    } catch (err) {
      // EEXIST: another process made it first, and theirs is used.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') await rename(tmp, path);
    } finally {
      await unlink(tmp).catch(() => {});
    }
    const salt = await readSalt(path);
    if (!salt || salt === 'damaged') throw new Error(`${path}: could not create the salt file`);
    return salt;
  }
}

async function readSalt(path: string): Promise<Buffer | 'damaged' | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return /^[0-9a-f]{64}$/.test(text.trim()) ? Buffer.from(text.trim(), 'hex') : 'damaged';
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
}

async function endsWithNewline(path: string, size: number): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const { buffer } = await fh.read(Buffer.alloc(1), 0, 1, size - 1);
    return buffer[0] === 0x0a;
  } finally {
    await fh.close();
  }
}

/** A time for a file name: ISO without colons. */
export function stamp(date: Date): string {
  return date.toISOString().replace(/:/g, '-');
}
