import { existsSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import type { Answer } from '../answer/answer.js';
import { Answerer, type AnswerOptions } from '../answer/answerer.js';
import { buildIndex, BuildStopped, checkStale, type BuildReport, type PassageVectors, type SliceOptions } from '../indexing/build.js';
import { listLetterFiles } from '../letters/files.js';
import { embedderLabel, sameEmbedder, type Embedder } from '../indexing/embedders/embedder.js';
import { INDEX_FILES, IndexError, LetterIndex, type StoredLetter } from '../indexing/letter-index.js';
import { summarise, type LetterSummary } from '../letters/summary.js';
import { resolveFollowUp, type FollowUp, type Turn } from '../answer/follow-up.js';
import { byDate, letterMatches, type LetterFilter } from '../search/filters.js';
import { saveUploads, type LetterUpload, type UploadOutcome } from './uploads.js';
import { prepareWordVectors } from '../search/word-vectors.js';

/** How far the first build has got: letters in the index so far, of the letters in the folder. */
export interface IndexProgress {
  indexed: number;
  total: number;
}

/**
 * Options of a LetterService (`open` for the CLI, `start` for `npm start`). Required: `lettersDir`, `indexDir`,
 * `embedder`, `maxBytes`; the others have the defaults given with them.
 */
export interface ServiceOptions {
  /** The letters folder (LETTERS_DIR). Required. */
  lettersDir: string;
  /** The index folder (INDEX_DIR); its siblings `INDEX_DIR.lock` and `INDEX_DIR.tmp-*` are the service's too. Required. */
  indexDir: string;
  /** Embeds questions, and the letters when the index is built. Required. */
  embedder: Embedder;
  /** Files larger than this many bytes are refused, with a message naming them (MAX_LETTER_BYTES). Required. */
  maxBytes: number;
  /** Where passage vectors come from (PASSAGE_VECTORS, see build.ts PassageVectors). Default: 'sentences'. */
  passageVectors?: PassageVectors;
  /**
   * How questions are answered: `mode` (default 'hybrid'), `weights` (default DEFAULT_FUSION), `maxQuotes` (default
   * 3), `calibration` (default: the index's own). Default: all defaults.
   */
  answer?: AnswerOptions;
  /** Where the service reports what the user should know (a damaged index rebuilt, an update that failed). Default: nothing reported. */
  log?: (message: string) => void;
  /** Called as a build reads and embeds the letters: letters done, letters to do. Default: none. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Hears each index update (`reindex`, `addLetters`, the update `start` runs) start and end, with the reasons of
   * every request it serves: the bot logs them. Default: none. Called synchronously; an observer that throws is
   * ignored. An adapter that comes after the service was made adds its own with `observeUpdates`.
   */
  onUpdate?: (event: UpdateEvent) => void;
}

/** What an observer of index updates hears: each update's start, then its end. */
export interface UpdateEvent {
  phase: 'started' | 'finished' | 'failed';
  /** Why it runs: the reasons of every request it serves, in the order they were made. */
  why: string[];
  /** Whether it re-indexes every letter. */
  full: boolean;
  /** How long it took, in ms ('finished' and 'failed'). */
  ms?: number;
  /** Its report ('finished'). */
  report?: BuildReport;
  /** Why it failed ('failed'; BuildStopped when `close` stopped it). */
  error?: Error;
}

/**
 * The core behind every adapter (CLI, console, Discord): it keeps one loaded index and answers from it.
 * A rebuild, here or in another process, is picked up after its atomic swap; until then the index
 * already loaded keeps answering.
 */
export class LetterService {
  /** Null until the first build has published its first slice. */
  private current: { index: LetterIndex; answerer: Answerer; stamp: string } | null;
  private updating: Promise<BuildReport> | null = null;
  /** Set while the first build runs. */
  private building: IndexProgress | null = null;
  /** Resolves when the update started with the service (if any) has finished, well or not. */
  ready: Promise<void> = Promise.resolve();

  private constructor(
    readonly opts: ServiceOptions,
    index: LetterIndex | null,
  ) {
    this.current = index ? { index, answerer: new Answerer(index, opts.embedder, opts.answer), stamp: LetterService.stamp(opts.indexDir) } : null;
  }

  /**
   * For `npm start`: a service that answers at once. An index on disk is loaded and answers while it is brought up
   * to date in the background; with none (or one from another embedder), the first build runs in the background
   * and publishes the index in slices, and answers say how many letters are in so far. `report` settles with
   * that update's report (null when the index was up to date).
   */
  static async start(
    options: Omit<ServiceOptions, 'embedder'> & { embedder: Embedder | Promise<Embedder>; slices?: Partial<Omit<SliceOptions, 'onPublish'>> },
  ): Promise<{ service: LetterService; report: Promise<BuildReport | null> }> {
    const { slices, ...rest } = options;
    const pending = Promise.resolve(options.embedder);
    pending.catch(() => {});
    const stale = await checkStale(options.lettersDir, options.indexDir, undefined, options.passageVectors);
    let index: LetterIndex | null = null;
    try {
      if (existsSync(join(options.indexDir, INDEX_FILES.manifest))) index = await LetterService.load(options.indexDir);
    } catch (err) {
      if (!(err instanceof IndexError)) throw err;
    }
    const opts: ServiceOptions = { ...rest, embedder: await pending };
    if (index && !sameEmbedder(index.embedder, opts.embedder.id)) index = null;
    const service = new LetterService(opts, index);
    let report: Promise<BuildReport | null>;
    if (index && !stale.stale && !index.manifest.partial) {
      report = Promise.resolve(null);
    } else if (index && !index.manifest.partial) {
      opts.log?.(`updating the index: ${stale.reason}`);
      report = service.reindex();
    } else {
      // A first build, or one that stopped half-way: slices from the start.
      if (!stale.damaged) opts.log?.(`updating the index: ${index ? 'the first build did not finish' : stale.reason}`);
      const total = (await listLetterFiles(opts.lettersDir)).length;
      service.building = { indexed: index?.letters.size ?? 0, total };
      report = service.startUpdate(false, {
        ...slices,
        onPublish: (progress) => {
          service.building = progress;
          service.refresh();
        },
      });
      report.then(
        () => (service.building = null),
        () => (service.building = null),
      );
    }
    service.ready = report.then(
      () => {},
      () => {},
    );
    return { service, report };
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
    let stale = await checkStale(options.lettersDir, options.indexDir, undefined, options.passageVectors);
    let index: LetterIndex | null = null;
    if (!stale.stale) {
      try {
        index = await LetterService.load(options.indexDir);
      } catch (err) {
        if (!(err instanceof IndexError)) throw err;
        stale = { stale: true, reason: err.message, damaged: true };
      }
    }
    const opts: ServiceOptions = { ...options, embedder: await pending };
    // On a machine's first run the word vectors' table is built now rather than at the first question.
    prepareWordVectors();
    if (index && !sameEmbedder(index.embedder, opts.embedder.id)) {
      stale = { stale: true, reason: `the index was built with ${embedderLabel(index.embedder)}, not ${embedderLabel(opts.embedder.id)}` };
      index = null;
    }
    let report: BuildReport | null = null;
    if (!index) {
      // A damaged index is reported by the build, in one line.
      if (!stale.damaged) opts.log?.(`updating the index: ${stale.reason}`);
      report = await build(opts, false);
      index = await LetterService.load(opts.indexDir);
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

  /** Loads an index; retries (without blocking) while another process is in the middle of swapping one in. */
  private static async load(indexDir: string): Promise<LetterIndex> {
    for (let attempt = 0; ; attempt++) {
      try {
        return LetterIndex.load(indexDir);
      } catch (err) {
        if (!(err instanceof IndexError) || attempt === 4) throw err;
        await sleep(50 * (attempt + 1));
      }
    }
  }

  private reloading: Promise<void> | null = null;

  /**
   * Switches to a newer index on disk, if there is one. An index caught in the middle of a swap is read again
   * in the background; the loaded one answers meanwhile, and stays if the new one can't be read.
   */
  refresh(): boolean {
    const stamp = LetterService.stamp(this.opts.indexDir);
    if (stamp === this.current?.stamp || stamp === 'none') return false;
    try {
      return this.use(LetterIndex.load(this.opts.indexDir), stamp);
    } catch (err) {
      if (!(err instanceof IndexError)) {
        this.opts.log?.(`keeping the loaded index: ${(err as Error).message}`);
        return false;
      }
      this.reloading ??= LetterService.load(this.opts.indexDir)
        .then((index) => void this.use(index, LetterService.stamp(this.opts.indexDir)))
        .catch((e: unknown) => this.opts.log?.(`keeping the loaded index: ${(e as Error).message}`))
        .finally(() => (this.reloading = null));
      return false;
    }
  }

  private use(index: LetterIndex, stamp: string): boolean {
    if (!sameEmbedder(index.embedder, this.opts.embedder.id)) return false;
    this.current = { index, answerer: new Answerer(index, this.opts.embedder, this.opts.answer), stamp };
    return true;
  }

  /** The loaded index. Throws IndexError while a first build (`start`) has published nothing yet. */
  get index(): LetterIndex {
    if (!this.current) throw new IndexError({ kind: 'not-yet' });
    return this.current.index;
  }

  /** While the first build runs: how many letters answers come from, of how many. Null once it is done. */
  get progress(): IndexProgress | null {
    return this.building ? { ...this.building } : null;
  }

  /** The letters held, id → content hash: what an announcer compares to tell new and changed letters. */
  holdings(): Map<string, string> {
    this.refresh();
    const index = this.current?.index;
    if (!index) return new Map();
    return new Map([...index.letters.values()].map((l) => [l.id, index.manifest.letters[l.file]?.contentHash ?? '']));
  }

  async answer(question: string, filter: LetterFilter = {}): Promise<Answer> {
    this.refresh();
    if (!this.current) return this.notYet(question);
    return this.withProgress(await this.current.answerer.answer(question, filter));
  }

  /** The answer to any question before the first slice of the first build is in. */
  private notYet(question: string): Answer {
    const progress = this.progress ?? { indexed: 0, total: 0 };
    return {
      question,
      intent: 'content',
      lead: `No letter is indexed yet (0 of ${progress.total.toLocaleString('en-GB')}): the first letters will be in within seconds; ask again then.`,
      citations: [],
      abstained: true,
      closest: [],
      confidence: 0,
      progress,
      timings: { parseMs: 0, searchMs: 0, composeMs: 0, totalMs: 0 },
    };
  }

  private withProgress(answer: Answer): Answer {
    const progress = this.progress;
    return progress ? { ...answer, progress } : answer;
  }

  /**
   * Answers `question` as the next turn of a conversation (`history`, oldest first): a follow-up that names
   * nobody of its own asks about the previous answer's letters. The answer says which letters it took.
   */
  async followUp(question: string, history: readonly Turn[], filter: LetterFilter = {}): Promise<{ answer: Answer; followUp: FollowUp }> {
    this.refresh();
    if (!this.current) return { answer: this.notYet(question), followUp: { action: 'answer', question, letterIds: null, previous: null } as FollowUp };
    const { answerer, index } = this.current;
    const fu = resolveFollowUp(question, history, (q, context) => answerer.namesItsOwn(q, context));
    const letterIds = fu.letterIds?.filter((id) => index.letters.has(id)) ?? null;
    if (!letterIds?.length) return { answer: this.withProgress(await answerer.answer(question, filter)), followUp: { ...fu, letterIds: null, previous: null } };
    const context = { letterIds, previous: fu.previous! };
    if (fu.action === 'quote-more') {
      const quoted = history.flatMap((t) => t.quoted).filter((q) => q.letterId === letterIds[0]);
      return { answer: this.withProgress({ ...answerer.quoteMore(question, letterIds[0], quoted), followUp: context }), followUp: fu };
    }
    const asked = fu.action === 'show-letter' ? 'Summarise this letter' : fu.question;
    const answer = await answerer.answer(asked, { ...filter, letterIds }, { strict: true });
    return { answer: this.withProgress({ ...answer, question, followUp: context }), followUp: fu };
  }

  letters(filter: LetterFilter = {}): LetterSummary[] {
    this.refresh();
    return [...(this.current?.index.letters.values() ?? [])]
      .filter((l) => letterMatches(l, filter))
      .sort(byDate)
      .map((l) => summarise({ ...l, passages: l.labels.length }));
  }

  letter(id: string): StoredLetter | undefined {
    this.refresh();
    return this.current?.index.letters.get(id);
  }

  private readonly stopping = new AbortController();

  /**
   * Stops the running update between two groups of letters (a first build keeps what it has published: the next
   * start goes on from there), drops the waiting one, and resolves when the lock is released.
   */
  async close(): Promise<void> {
    this.stopping.abort();
    await this.idle();
  }

  /** Resolves when no update is running or waiting (for a graceful shutdown: the lock is released). */
  async idle(): Promise<void> {
    while (this.updating || this.next) await (this.next?.report ?? this.updating)?.catch(() => {});
  }

  /**
   * Updates the index, then switches to it. One update at a time per process (the lock guards across
   * processes). A call made while one runs gets a fresh update after it, shared by every call made
   * meanwhile (full if any of them asked for it): the running one may have read the folder before the change
   * that prompted the call. `why` says who asked; the update's observers (`onUpdate`) hear every reason it serves.
   */
  reindex(full = false, why = 'reindex'): Promise<BuildReport> {
    if (!this.updating) return this.startUpdate(full, undefined, [why]);
    if (this.next) {
      this.next.full ||= full;
      this.next.why.push(why);
      return this.next.report;
    }
    const next = { full, why: [why], report: Promise.resolve(null as unknown as BuildReport) };
    next.report = this.updating.then(
      () => {},
      () => {},
    ).then(() => {
      this.next = null;
      return this.startUpdate(next.full, undefined, next.why);
    });
    this.next = next;
    return next.report;
  }

  private next: { full: boolean; why: string[]; report: Promise<BuildReport> } | null = null;

  /**
   * Adds letters sent through an adapter (Discord's /add-letter): each file is checked and written into the
   * letters folder (uploads.ts, `saveUploads`: a refused one is neither written nor indexed, and says why), then
   * the ones written are indexed through the update queue (`reindex`, why: `${why} ${their names}`). `report` is
   * null when no file was written, or when the update was stopped because the service is closing: the next
   * start indexes them. A failed update rejects.
   */
  async addLetters(uploads: readonly LetterUpload[], why = 'add letters'): Promise<{ files: UploadOutcome[]; report: BuildReport | null }> {
    const files = await saveUploads(uploads, { lettersDir: this.opts.lettersDir, maxBytes: this.opts.maxBytes });
    const saved = files.flatMap((f) => (f.added ? [f.file] : []));
    if (!saved.length) return { files, report: null };
    try {
      return { files, report: await this.reindex(false, `${why} ${saved.join(', ')}`) };
    } catch (err) {
      if (err instanceof BuildStopped) return { files, report: null };
      throw err;
    }
  }

  private readonly observers = new Set<(event: UpdateEvent) => void>();
  /** The update running, as its observers heard of its start. */
  private underway: { why: string[]; full: boolean } | null = null;

  /**
   * Adds an observer of index updates, as `onUpdate` does, for an adapter that comes after the service was made
   * (the bot: `npm start` makes the service, and its first update, before it). One added while an update runs
   * hears that update's start at once. Returns the observer's removal.
   */
  observeUpdates(observer: (event: UpdateEvent) => void): () => void {
    this.observers.add(observer);
    if (this.underway) LetterService.tell(observer, { phase: 'started', ...this.underway });
    return () => void this.observers.delete(observer);
  }

  private static tell(observer: ((event: UpdateEvent) => void) | undefined, event: UpdateEvent): void {
    try {
      observer?.(event);
    } catch {
      // An observer's failure is its own: the update goes on.
    }
  }

  private startUpdate(full: boolean, publish?: Partial<SliceOptions>, why: string[] = [publish ? 'first build' : 'reindex']): Promise<BuildReport> {
    if (this.stopping.signal.aborted) return Promise.reject(new BuildStopped());
    const about = { why, full };
    const emit = (event: UpdateEvent) => {
      for (const observer of [this.opts.onUpdate, ...this.observers]) LetterService.tell(observer, event);
    };
    const t0 = performance.now();
    const ended = () => {
      if (this.underway === about) this.underway = null;
      return Math.round(performance.now() - t0);
    };
    const update = build(this.opts, full, publish, this.stopping.signal).then(
      (report) => {
        this.refresh();
        emit({ phase: 'finished', ...about, ms: ended(), report });
        return report;
      },
      (err: unknown) => {
        emit({ phase: 'failed', ...about, ms: ended(), error: err instanceof Error ? err : new Error(String(err)) });
        throw err;
      },
    );
    const tracked: Promise<BuildReport> = update.finally(() => {
      if (this.updating === tracked) this.updating = null;
    });
    tracked.catch(() => {}); // the caller handles the failure; this copy only tracks it
    this.updating = tracked;
    // Heard once the update is the running one: an observer that asks for another gets it queued behind.
    this.underway = about;
    emit({ phase: 'started', ...about });
    return update;
  }
}

function build(opts: ServiceOptions, full: boolean, publish?: Partial<SliceOptions>, signal?: AbortSignal): Promise<BuildReport> {
  return buildIndex({
    publish,
    signal,
    lettersDir: opts.lettersDir,
    indexDir: opts.indexDir,
    embedder: opts.embedder,
    maxBytes: opts.maxBytes,
    passageVectors: opts.passageVectors,
    full,
    log: opts.log,
    onProgress: opts.onProgress,
  });
}
