/**
 * OCR accuracy and speed: every page of the scan fixtures (tests/fixtures/scans/, made by
 * `npm run scans` from the seed letters) read with recognisePages, and its character error rate against the
 * text that was rendered on it (page-<n>.txt beside page-<n>.png). Clean pages (300 dpi renderings) and the
 * photographed page (rotated, noisy, unevenly lit, 200 dpi) are measured and judged apart.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { recognisePages, type OcrPage } from '../../src/letters/ocr/recognise.js';
import { characterErrorRate, pooledCer, type CerResult } from '../cer.js';
import { round, type BenchOptions, type Figure } from '../figures.js';

const SECTION = 'OCR';
export const SCANS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../tests/fixtures/scans');
/** The photographed page's folder; every other folder is a seed letter's clean pages. */
export const PHOTOGRAPHED = 'photographed';
/** What a scan is read with when its language is not known yet: the languages Epistle ships. */
export const OCR_LANGUAGES = ['eng', 'fra'];
export const TARGETS = { clean: 0.02, photographed: 0.05 };

export interface FixturePage {
  /** e.g. "001_87c08d64c831245f/page-1" */
  id: string;
  kind: 'clean' | 'photographed';
  png: string;
  reference: string;
}

/** The fixture pages, each PNG with its reference text, letters and pages in order. */
export function scanFixturePages(dir = SCANS_DIR): FixturePage[] {
  if (!existsSync(dir)) throw new Error(`no scan fixtures in ${dir} (npm run scans)`);
  const pages: FixturePage[] = [];
  const folders = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const folder of folders) {
    const numbers = readdirSync(path.join(dir, folder))
      .map((f) => /^page-(\d+)\.png$/.exec(f)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    for (const n of numbers) {
      const base = path.join(dir, folder, `page-${n}`);
      if (!existsSync(`${base}.txt`)) throw new Error(`${base}.png has no ${path.basename(base)}.txt`);
      pages.push({
        id: `${folder}/page-${n}`,
        kind: folder === PHOTOGRAPHED ? 'photographed' : 'clean',
        png: `${base}.png`,
        reference: readFileSync(`${base}.txt`, 'utf8'),
      });
    }
  }
  return pages;
}

interface GroupResult {
  pages: FixturePage[];
  cer: CerResult[];
  ocr: OcrPage[];
  seconds: number;
  /** Until the recogniser reported 0 pages done (engine started), when it did. */
  startupSeconds?: number;
}

async function readGroup(pages: FixturePage[], label: string, log: (s: string) => void): Promise<GroupResult> {
  const images = pages.map((p) => readFileSync(p.png));
  const started = performance.now();
  let shown = -1;
  /** When the recogniser reported 0 pages done, i.e. had started its engine (if it reports that). */
  let ready: number | undefined;
  const ocr = await recognisePages(images, {
    languages: OCR_LANGUAGES,
    onProgress: (done, total) => {
      if (done === 0) ready ??= performance.now();
      if (done !== shown) log(`bench: ocr ${label} ${done}/${total} pages`);
      shown = done;
    },
  });
  const ended = performance.now();
  const seconds = (ended - started) / 1000;
  const startupSeconds = ready === undefined ? undefined : (ready - started) / 1000;
  if (ocr.length !== pages.length) throw new Error(`recognisePages returned ${ocr.length} pages for ${pages.length} images`);
  const cer = pages.map((p, i) => characterErrorRate(ocr[i].text, p.reference));
  pages.forEach((p, i) => log(`bench: ocr ${p.id}: CER ${pct(cer[i].rate)}% (${cer[i].errors}/${cer[i].length}), confidence ${round(ocr[i].confidence, 1)}`));
  return { pages, cer, ocr, seconds, startupSeconds };
}

const pct = (rate: number) => round(rate * 100, 2);

function groupFigures(kind: 'clean' | 'photographed', g: GroupResult, describe: string): Figure[] {
  const pooled = pooledCer(g.cer);
  const target = TARGETS[kind];
  const worst = g.cer.reduce((w, r, i) => (r.rate > g.cer[w].rate ? i : w), 0);
  const label = kind === 'clean' ? 'clean pages' : 'photographed page';
  const meanConfidence = g.ocr.reduce((s, p) => s + p.confidence, 0) / g.ocr.length;
  return [
    {
      section: SECTION,
      metric: `CER, ${label}`,
      value: pct(pooled.rate),
      unit: '%',
      target: `≤ ${target * 100}%`,
      met: pooled.rate <= target,
      note: `${describe}; ${pooled.errors} edits in ${pooled.length} characters (whitespace-normalised, bench/cer.ts)${g.pages.length > 1 ? `; worst page ${g.pages[worst].id} ${pct(g.cer[worst].rate)}%` : ''}`,
    },
    {
      section: SECTION,
      metric: `speed, ${label}`,
      value: round(g.pages.length / g.seconds, 3),
      unit: 'pages/s',
      note:
        `${g.pages.length} page${g.pages.length > 1 ? 's' : ''} in ${round(g.seconds, 1)} s, one recognisePages call (${OCR_LANGUAGES.join('+')}), start-up included` +
        (g.startupSeconds === undefined ? '' : `: ${round(g.startupSeconds, 1)} s start-up, then ${round(g.pages.length / (g.seconds - g.startupSeconds), 3)} pages/s`),
    },
    {
      section: SECTION,
      metric: `mean confidence, ${label}`,
      value: round(meanConfidence, 1),
      unit: '',
      note: `per page: ${g.ocr.map((p) => round(p.confidence, 1)).join(', ')}`,
    },
  ];
}

export async function benchOcr(opts: BenchOptions): Promise<Figure[]> {
  const all = scanFixturePages();
  // The quick run (CI, two minutes in all) reads one clean page, the first letter's first, and the photographed one.
  const allClean = all.filter((p) => p.kind === 'clean');
  const clean = opts.quick ? allClean.slice(0, 1) : allClean;
  const photographed = all.filter((p) => p.kind === 'photographed');
  if (!clean.length || !photographed.length) throw new Error('scan fixtures incomplete (npm run scans)');
  const letters = new Set(clean.map((p) => p.id.split('/')[0])).size;
  const cleanResult = await readGroup(clean, 'clean', opts.log);
  const photoResult = await readGroup(photographed, 'photographed', opts.log);
  return [
    ...groupFigures('clean', cleanResult, `${clean.length} page${clean.length > 1 ? 's' : ''} of ${letters} seed letter${letters > 1 ? 's' : ''}, A4 at 300 dpi${opts.quick ? ` (quick run: ${clean[0].id} only)` : ''}`),
    ...groupFigures('photographed', photoResult, `one seed page at 200 dpi, rotated 1–3°, blurred, noise, uneven light`),
  ];
}
