import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIndex } from '../src/indexing/build.js';
import { INDEX_FILES, type Catalogue } from '../src/indexing/letter-index.js';
import { verbatimChecker } from '../src/letters/verbatim.js';
import { judge, KINDS, readIndexedLetters, strayErrors, writeMalformedInputs } from './stress/malformed.js';
import { tinyEmbedder } from './helpers/corpus.js';

const MAX = 20 * 1024 * 1024;

describe('fuzzing the readers (the quick set of `npm run torture`)', () => {
  it('each malformed input gets its one-line error or is indexed as it should be; nothing else is lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'epistle-fuzz-'));
    try {
      const letters = join(dir, 'letters');
      const index = join(dir, 'index');
      // Every kind: a 10 MB line, a zip bomb, MIME 100 and 1,000 deep, truncated files, NUL bytes, bidi characters, bad dates and sidecars…
      const inputs = await writeMalformedInputs(letters, { count: 64, seed: 7, quick: true });
      expect(new Set(inputs.map((i) => i.kind))).toEqual(new Set(KINDS));

      const report = await buildIndex({ lettersDir: letters, indexDir: index, embedder: await tinyEmbedder(), maxBytes: MAX });
      const indexed = readIndexedLetters(index);
      const problems = inputs.flatMap((i) => judge(i, report.errors, indexed).map((p) => `${i.file} (${i.note}): ${p}`));
      expect(problems).toEqual([]);
      expect(strayErrors(inputs, report.errors)).toEqual([]);
      expect(report.letters).toBe(inputs.filter((i) => i.expect.outcome === 'index').length);

      // What was indexed can be quoted: every passage is verbatim against its letter's source.
      const catalogue = JSON.parse(readFileSync(join(index, INDEX_FILES.catalogue), 'utf8')) as Catalogue;
      for (const l of catalogue.letters) {
        // The quote rule prepared once per letter: one of the inputs has a thousand passages.
        const verbatim = verbatimChecker(l.source, l.furniture);
        for (const p of catalogue.passages.filter((p) => p.letterId === l.id)) {
          expect({ file: l.file, verbatim: verbatim(l.body.slice(p.start, p.end)) }).toEqual({ file: l.file, verbatim: true });
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
