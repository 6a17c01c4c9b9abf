import type { Logger } from 'pino';
import type { BuildReport } from '../indexing/build.js';

/**
 * The bot's index updates (/reindex, /add-letter, the folder watcher), one at a time. A request made while an
 * update runs is served by a fresh update started after it (one, shared by every request made meanwhile), so a
 * change made during an update is never missed, as it would be by joining the update already running.
 */
export class Rebuilds {
  private running: Promise<void> | null = null;
  private queued: { full: boolean; why: string[]; report: Promise<BuildReport> } | null = null;

  constructor(
    private readonly reindex: (full: boolean) => Promise<BuildReport>,
    private readonly log: Pick<Logger, 'info' | 'warn'>,
  ) {}

  request(why: string, full = false): Promise<BuildReport> {
    if (!this.running) return this.start([why], full);
    if (this.queued) {
      this.queued.full ||= full;
      this.queued.why.push(why);
      return this.queued.report;
    }
    const queued = { full, why: [why], report: null as unknown as Promise<BuildReport> };
    queued.report = this.running.then(() => {
      this.queued = null;
      return this.start(queued.why, queued.full);
    });
    this.queued = queued;
    return queued.report;
  }

  /** Resolves when no update runs or waits. */
  async idle(): Promise<void> {
    while (this.running || this.queued) await (this.queued?.report ?? this.running)?.catch(() => {});
  }

  private start(why: string[], full: boolean): Promise<BuildReport> {
    const t0 = performance.now();
    this.log.info({ why, full }, 'index update started');
    const report = this.reindex(full).then(
      (r) => {
        this.log.info({ why, ms: Math.round(performance.now() - t0), added: r.added, changed: r.changed, removed: r.removed }, 'index update finished');
        return r;
      },
      (err: unknown) => {
        this.log.warn({ why, ms: Math.round(performance.now() - t0), err: (err as Error)?.message }, 'index update failed');
        throw err;
      },
    );
    const running: Promise<void> = report.then(
      () => {},
      () => {},
    ).then(() => {
      if (this.running === running) this.running = null;
    });
    this.running = running;
    return report;
  }
}
