import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFeedbackEntries } from '../feedback/log.js';
import { renderReportText, summarise, type ReportLetter } from '../feedback/report.js';
import { INDEX_FILES, sha256, type Catalogue } from '../indexing/letter-index.js';
import { ManifestError, parseManifest } from '../indexing/manifest.js';
import { dateBound, FilterError } from '../search/filters.js';
import type { Context } from './context.js';
import { UsageError } from './errors.js';

export interface ReportArgs {
  dataDir: string;
  indexDir: string;
  since?: string;
  json: boolean;
}

/** `--since`: YYYY, YYYY-MM, YYYY-MM-DD or a written date (midnight UTC), or an ISO time with its zone. */
export function parseSince(value: string): Date {
  const bad = () => new UsageError(`--since: not a date: ${JSON.stringify(value)} (use YYYY, YYYY-MM, YYYY-MM-DD or an ISO time)`);
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}T/.test(v)) {
    const t = Date.parse(v);
    if (Number.isNaN(t)) throw bad();
    return new Date(t);
  }
  let day: string;
  try {
    day = dateBound(v, 'from');
  } catch (err) {
    if (err instanceof FilterError) throw bad();
    throw err;
  }
  const date = new Date(`${day}T00:00:00Z`);
  // Date.parse rolls 2024-02-30 over to 1 March; refuse it instead.
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) throw bad();
  return date;
}

/**
 * The letters of the index in `indexDir`, from its catalogue (checked against the manifest), without loading
 * vectors; null when there is no index, with a warning when there is one that cannot be read.
 */
export function indexedLetters(indexDir: string, warn: (s: string) => void): ReportLetter[] | null {
  const manifestPath = join(indexDir, INDEX_FILES.manifest);
  if (!existsSync(manifestPath)) return null;
  const cataloguePath = join(indexDir, INDEX_FILES.catalogue);
  const skip = (problem: string) => {
    warn(`${problem}; letters never cited are left out (run \`npm run index\` to rebuild)`);
    return null;
  };
  let files: Record<string, string>;
  try {
    files = parseManifest(readFileSync(manifestPath, 'utf8')).files;
  } catch (err) {
    if (err instanceof ManifestError) return skip(`${manifestPath} ${err.message}`);
    throw err;
  }
  if (!existsSync(cataloguePath)) return skip(`${cataloguePath} is missing`);
  const data = readFileSync(cataloguePath);
  if (sha256(data) !== files[INDEX_FILES.catalogue]) return skip(`${cataloguePath} is corrupt (checksum mismatch)`);
  const catalogue = JSON.parse(data.toString('utf8')) as Catalogue;
  return catalogue.letters.map((l) => ({ letterId: l.id, sender: l.meta.sender, recipients: l.meta.recipients.map((p) => p.name), date: l.meta.date }));
}

/** Prints the feedback report for the log in `dataDir`; a missing log is an empty report. */
export async function reportCommand(ctx: Context, args: ReportArgs): Promise<number> {
  const since = args.since !== undefined ? parseSince(args.since) : undefined;
  const { entries, skipped } = await readFeedbackEntries(args.dataDir, { since });
  for (const s of skipped.slice(0, 10)) ctx.warn(`${s.file}:${s.line}: skipped: ${s.problem}`);
  if (skipped.length > 10) ctx.warn(`… ${skipped.length - 10} more lines skipped`);
  const letters = indexedLetters(args.indexDir, ctx.warn) ?? undefined;
  const report = summarise(entries, { since, letters });
  ctx.out(args.json ? JSON.stringify({ ...report, skipped }, null, 2) : renderReportText(report));
  return 0;
}
