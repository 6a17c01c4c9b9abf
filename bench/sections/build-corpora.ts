import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildIndex } from '../../src/indexing/build.js';
import { writeSotuLetters, writeSpamAssassinLetters } from '../corpora.js';
import { minilmShaped } from '../synthetic.js';
import { round, type BenchOptions, type Figure } from '../figures.js';

/**
 * Index builds on real correspondence nobody here wrote, with the MiniLM-shaped model: SpamAssassin ham
 * e-mails (as .eml letters) and State of the Union messages (as letters with sidecars).
 */
export async function benchCorporaBuild(opts: BenchOptions): Promise<Figure[]> {
  const embedder = await minilmShaped();
  const figures: Figure[] = [];
  const corpora = [
    { name: 'SpamAssassin ham e-mails', write: (dir: string) => writeSpamAssassinLetters(dir, { limit: opts.quick ? 6 : 100 }) },
    { name: 'State of the Union messages', write: (dir: string) => writeSotuLetters(dir, { limit: opts.quick ? 1 : 4 }) },
  ];
  for (const c of corpora) {
    const dir = join(opts.workDir, `build-${c.name.split(' ')[0].toLowerCase()}`);
    rmSync(dir, { recursive: true, force: true });
    const letters = join(dir, 'letters');
    await c.write(letters);
    opts.log(`build: ${c.name}`);
    const r = await buildIndex({ lettersDir: letters, indexDir: join(dir, 'index'), embedder, maxBytes: 20 * 1024 * 1024, full: true });
    const s = r.durationMs / 1000;
    const t = r.timings;
    figures.push(
      { section: 'Index build (real corpora, MiniLM-shaped q8)', metric: `${c.name}: ${r.letters} letters, ${r.passages} passages, ${r.sentencesEmbedded} sentences`, value: round(r.passages / s, 1), unit: 'passages/s', note: `end to end ${round(s, 1)} s; ${r.errors.length} unreadable` },
      { section: 'Index build (real corpora, MiniLM-shaped q8)', metric: `${c.name}: read / clean+metadata / chunk / embed / write`, value: [t.readMs, t.cleanMs, t.chunkMs, t.embedMs, t.writeMs].map((x) => round(x / 1000, 2)).join(' / '), unit: 's', note: 'embed covers passages and sentences' },
    );
  }
  return figures;
}
