import cliProgress from 'cli-progress';
import { buildIndex, type BuildReport, type RebuildReason } from '../indexing/build.js';
import type { Embedder } from '../indexing/embedders/embedder.js';
import type { Context } from './context.js';
import { LOW_CONFIDENCE } from '../letters/ocr/session.js';

export interface IndexArgs {
  lettersDir: string;
  indexDir: string;
  full: boolean;
  /** Read the scans by OCR again, ignoring the OCR cache. */
  ocrAgain?: boolean;
}

/** Progress on a TTY as a bar with passages/s and ETA; elsewhere as a log line every few seconds. */
export function progressReporter(ctx: Context, quiet: boolean): { update: (done: number, total: number) => void; stop: () => void } {
  if (quiet) return { update: () => {}, stop: () => {} };
  const started = Date.now();
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: 'indexing {bar} {value}/{total} letters | {rate}/s | ETA {eta_formatted}', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let startedBar = false;
    return {
      update(done, total) {
        if (!total) return;
        if (!startedBar) bar.start(total, 0, { rate: '0' });
        startedBar = true;
        bar.update(done, { rate: (done / Math.max((Date.now() - started) / 1000, 0.001)).toFixed(1) });
      },
      stop: () => startedBar && bar.stop(),
    };
  }
  let last = 0;
  return {
    update(done, total) {
      if (!total || (done < total && Date.now() - last < 2000 && done > 0)) return;
      last = Date.now();
      const rate = done / Math.max((Date.now() - started) / 1000, 0.001);
      ctx.warn(`indexed ${done}/${total} letters (${rate.toFixed(1)}/s)`);
    },
    stop: () => {},
  };
}

/** OCR progress: on a TTY a bar per scanned file (pages, ETA); elsewhere a log line every few seconds. */
export function ocrProgressReporter(ctx: Context, quiet: boolean): { update: (done: number, total: number, file: string) => void; stop: () => void } {
  if (quiet) return { update: () => {}, stop: () => {} };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: 'OCR {file} {bar} page {page}/{total} | ETA {eta_formatted}', hideCursor: true, etaBuffer: 20 },
      cliProgress.Presets.shades_classic,
    );
    let current: string | null = null;
    return {
      update(done, total, file) {
        const page = Math.min(total, Math.floor(done) + 1);
        if (file !== current) {
          if (current) bar.stop();
          current = file;
          bar.start(total, done, { file, page });
        }
        bar.update(done, { file, page });
        if (done >= total) {
          bar.stop();
          current = null;
        }
      },
      stop: () => {
        if (current) bar.stop();
        current = null;
      },
    };
  }
  let last = 0;
  return {
    update(done, total, file) {
      if (done === 0 || !Number.isInteger(done) || (done < total && Date.now() - last < 2000)) return;
      last = Date.now();
      ctx.warn(`OCR ${file}: ${done}/${total} page${total === 1 ? '' : 's'}`);
    },
    stop: () => {},
  };
}

export async function updateIndex(ctx: Context, embedder: Embedder, args: IndexArgs, quiet = false): Promise<BuildReport> {
  const progress = progressReporter(ctx, quiet);
  const ocrProgress = ocrProgressReporter(ctx, quiet);
  try {
    const report = await buildIndex({
      lettersDir: args.lettersDir,
      indexDir: args.indexDir,
      embedder,
      full: args.full,
      ocrAgain: args.ocrAgain ?? false,
      maxBytes: ctx.config.MAX_LETTER_BYTES,
      passageVectors: ctx.config.PASSAGE_VECTORS,
      onProgress: (done, total) => {
        ocrProgress.stop();
        progress.update(done, total);
      },
      onOcrProgress: ocrProgress.update,
      log: ctx.warn,
    });
    progress.stop();
    for (const e of report.errors) ctx.warn(`${args.lettersDir}/${e.file}: ${e.reason}`);
    return report;
  } finally {
    ocrProgress.stop();
    progress.stop();
  }
}

/** The contract's JSON for `npm run index -- --json`. */
export function reportJson(r: BuildReport) {
  return {
    added: r.added,
    changed: r.changed,
    removed: r.removed,
    unchanged: r.unchanged,
    passagesEmbedded: r.passagesEmbedded,
    embedder: r.embedder,
    durationMs: r.durationMs,
    // Only where there are scans: OCR in this run, and the index's scanned pages below LOW_CONFIDENCE.
    ...(r.ocr.pages || r.ocr.cached || r.ocr.lowConfidence.length ? { ocr: r.ocr } : {}),
  };
}

/** Why every letter was re-indexed, in the CLI's terms. */
export function rebuildText(r: RebuildReason): string {
  switch (r.why) {
    case 'full':
      return '--full was given';
    case 'no-index':
      return 'there was no index';
    case 'unreadable':
      // What was wrong with it has its own line already.
      return 'the index was unreadable';
    case 'embedder':
      return `the embedder changed from ${r.from} to ${r.to}`;
    case 'passage-vectors':
      return `PASSAGE_VECTORS is now ${r.to}`;
  }
}

export function reportText(r: BuildReport, indexDir: string): string {
  const lines = [
    `${indexDir}/: ${r.letters} letters, ${r.passages} passages` + (r.rebuilt ? ` (rebuilt: ${rebuildText(r.rebuilt)})` : ''),
    `added ${r.added}, changed ${r.changed}, removed ${r.removed}, unchanged ${r.unchanged}; ` +
      `indexed ${r.passagesEmbedded} passages; embedded ${r.textsEmbedded} texts (${r.textsReused} more from the embedding cache) with ${r.embedder} in ${(r.durationMs / 1000).toFixed(1)} s`,
  ];
  if (r.ocr.pages || r.ocr.cached) lines.push(`OCR: ${r.ocr.pages} page(s) read, ${r.ocr.cached} from the OCR cache`);
  if (r.ocr.lowConfidence.length) {
    const pages = r.ocr.lowConfidence.map((l) => `${l.file} p. ${l.page} (${l.confidence})`);
    lines.push(`hard to read (OCR confidence below ${LOW_CONFIDENCE}): ${pages.join(', ')}`);
  }
  if (r.errors.length) lines.push(`${r.errors.length} file(s) could not be read (see above)`);
  return lines.join('\n');
}

export async function indexCommand(ctx: Context, embedder: Embedder, args: IndexArgs, json: boolean): Promise<void> {
  const report = await updateIndex(ctx, embedder, args, json && !process.stderr.isTTY);
  ctx.out(json ? JSON.stringify(reportJson(report)) : reportText(report, args.indexDir));
}
