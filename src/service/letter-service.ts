import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Answer } from '../answer/answer.js';
import { Answerer, type AnswerOptions } from '../answer/answerer.js';
import { buildIndex, checkStale, type BuildReport } from '../indexing/build.js';
import { embedderLabel, sameEmbedder, type Embedder } from '../indexing/embedders/embedder.js';
import { INDEX_FILES, IndexError, LetterIndex, type StoredLetter } from '../indexing/letter-index.js';
import { summarise, type LetterSummary } from '../letters/summary.js';
import { resolveFollowUp, type FollowUp, type Turn } from '../answer/follow-up.js';
import { byDate, letterMatches, type LetterFilter } from '../search/filters.js';

export interface ServiceOptions {
  lettersDir: string;
  indexDir: string;
  embedder: Embedder;
  maxBytes: number;
  answer?: AnswerOptions;
  log?: (message: string) => void;
  onProgress?: (done: number, total: number) => void;
}

/**
 * The core behind every adapter (CLI, console, Discord): it keeps one loaded index and answers from it.
 * A rebuild, here or in another process, is picked up after its atomic swap; until then the index
 * already loaded keeps answering.
 */
export class LetterService {
  private current: { index: LetterIndex; answerer: Answerer; stamp: string };
  private updating: Promise<BuildReport> | null = null;

  private constructor(
    readonly opts: ServiceOptions,
    index: LetterIndex,
  ) {
    this.current = { index, answerer: new Answerer(index, opts.embedder, opts.answer), stamp: LetterService.stamp(opts.indexDir) };
  }

  /**
   * Loads the index, first building or updating it when it is missing or stale. The embedder may still be
   * loading: the index is checked and read meanwhile.
   */
  static async open(
    options: Omit<ServiceOptions, 'embedder'> & { embedder: Embedder | Promise<Embedder> },
  ): Promise<{ service: LetterService; report: BuildReport | null }> {
    const pending = Promise.resolve(options.embedder);
    pending.catch(() => {});
    let stale = await checkStale(options.lettersDir, options.indexDir);
    let index: LetterIndex | null = null;
    if (!stale.stale) {
      try {
        index = LetterService.load(options.indexDir);
      } catch (err) {
        if (!(err instanceof IndexError)) throw err;
        stale = { stale: true, reason: err.message, damaged: true };
      }
    }
    const opts: ServiceOptions = { ...options, embedder: await pending };
    if (index && !sameEmbedder(index.embedder, opts.embedder.id)) {
      stale = { stale: true, reason: `the index was built with ${embedderLabel(index.embedder)}, not ${embedderLabel(opts.embedder.id)}` };
      index = null;
    }
    let report: BuildReport | null = null;
    if (!index) {
      // A damaged index is reported by the build, in one line.
      if (!stale.damaged) opts.log?.(`updating the index: ${stale.reason}`);
      report = await build(opts, false);
      index = LetterService.load(opts.indexDir);
    }
    return { service: new LetterService(opts, index), report };
  }

  private static stamp(indexDir: string): string {
    try {
      const s = statSync(join(indexDir, INDEX_FILES.manifest));
      return `${s.ino}:${s.mtimeMs}:${s.size}`;
    } catch {
      return 'none';
    }
  }

  /** Loads an index; retries while another process is in the middle of swapping one in. */
  private static load(indexDir: string): LetterIndex {
    let last: unknown;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        return LetterIndex.load(indexDir);
      } catch (err) {
        if (!(err instanceof IndexError)) throw err;
        last = err;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50 * (attempt + 1));
      }
    }
    throw last;
  }

  /** Switches to a newer index on disk, if there is one; keeps the current one if it can't be read. */
  refresh(): boolean {
    const stamp = LetterService.stamp(this.opts.indexDir);
    if (stamp === this.current.stamp || stamp === 'none') return false;
    try {
      const index = LetterService.load(this.opts.indexDir);
      this.current = { index, answerer: new Answerer(index, this.opts.embedder, this.opts.answer), stamp };
      return true;
    } catch (err) {
      this.opts.log?.(`keeping the loaded index: ${(err as Error).message}`);
      return false;
    }
  }

  get index(): LetterIndex {
    return this.current.index;
  }

  async answer(question: string, filter: LetterFilter = {}): Promise<Answer> {
    this.refresh();
    return this.current.answerer.answer(question, filter);
  }

  /**
   * Answers `question` as the next turn of a conversation (`history`, oldest first): a follow-up that names
   * nobody of its own asks about the previous answer's letters. The answer says which letters it took.
   */
  async followUp(question: string, history: readonly Turn[], filter: LetterFilter = {}): Promise<{ answer: Answer; followUp: FollowUp }> {
    this.refresh();
    const { answerer, index } = this.current;
    const fu = resolveFollowUp(question, history, (q, context) => answerer.namesItsOwn(q, context));
    const letterIds = fu.letterIds?.filter((id) => index.letters.has(id)) ?? null;
    if (!letterIds?.length) return { answer: await answerer.answer(question, filter), followUp: { ...fu, letterIds: null, previous: null } };
    const context = { letterIds, previous: fu.previous! };
    if (fu.action === 'quote-more') {
      const quoted = history.flatMap((t) => t.quoted).filter((q) => q.letterId === letterIds[0]);
      return { answer: { ...answerer.quoteMore(question, letterIds[0], quoted), followUp: context }, followUp: fu };
    }
    const asked = fu.action === 'show-letter' ? 'Summarise this letter' : fu.question;
    const answer = await answerer.answer(asked, { ...filter, letterIds }, { strict: true });
    return { answer: { ...answer, question, followUp: context }, followUp: fu };
  }

  letters(filter: LetterFilter = {}): LetterSummary[] {
    this.refresh();
    return [...this.current.index.letters.values()]
      .filter((l) => letterMatches(l, filter))
      .sort(byDate)
      .map((l) => summarise({ ...l, passages: l.labels.length }));
  }

  letter(id: string): StoredLetter | undefined {
    this.refresh();
    return this.current.index.letters.get(id);
  }

  /** Resolves when no update is running or waiting (for a graceful shutdown: the lock is released). */
  async idle(): Promise<void> {
    while (this.updating || this.next) await (this.next?.report ?? this.updating)?.catch(() => {});
  }

  /**
   * Updates the index, then switches to it. One update at a time per process (the lock guards across
   * processes). A call made while one runs gets a fresh update after it, shared by every call made
   * meanwhile: the running one may have read the folder before the change that prompted the call.
   */
  reindex(full = false): Promise<BuildReport> {
    if (!this.updating) return this.startUpdate(full);
    if (this.next) {
      this.next.full ||= full;
      return this.next.report;
    }
    const next = { full, report: Promise.resolve(null as unknown as BuildReport) };
    next.report = this.updating.then(
      () => {},
      () => {},
    ).then(() => {
      this.next = null;
      return this.startUpdate(next.full);
    });
    this.next = next;
    return next.report;
  }

  private next: { full: boolean; report: Promise<BuildReport> } | null = null;

  private startUpdate(full: boolean): Promise<BuildReport> {
    const update = build(this.opts, full).then((report) => {
      this.refresh();
      return report;
    });
    const tracked: Promise<BuildReport> = update.finally(() => {
      if (this.updating === tracked) this.updating = null;
    });
    tracked.catch(() => {}); // the caller handles the failure; this copy only tracks it
    this.updating = tracked;
    return update;
  }
}

function build(opts: ServiceOptions, full: boolean): Promise<BuildReport> {
  return buildIndex({
    lettersDir: opts.lettersDir,
    indexDir: opts.indexDir,
    embedder: opts.embedder,
    maxBytes: opts.maxBytes,
    full,
    log: opts.log,
    onProgress: opts.onProgress,
  });
}
