/**
 * Corruption: each index file (and the manifest) truncated, altered, emptied or deleted, then the
 * start path (`npm run ask`, which loads the index as `npm start` does) must report it in one line,
 * rebuild, answer as before, and start cleanly the next time: no crash loop.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSpamAssassinLetters } from '../../bench/corpora.js';
import { mulberry32 } from '../../bench/random.js';
import { INDEX_FILES } from '../../src/indexing/letter-index.js';
import { ROOT, runCli, TINY_ENV } from './child.js';
import type { Figure, TortureSection } from './types.js';

const SECTION = 'Corrupted index';
const QUESTION = 'What new evidence did Kelam mention?';

interface Damage {
  name: string;
  /** What the one-line report must say. */
  report: RegExp;
  apply: (indexDir: string, rng: () => number) => void;
}

function damages(): Damage[] {
  const out: Damage[] = [];
  for (const file of Object.values(INDEX_FILES)) {
    const at = (dir: string) => join(dir, file);
    const named = new RegExp(`${file.replace('.', '\\.')} (?:is (?:corrupt|missing|not valid JSON)|does not match)`);
    out.push(
      { name: `${file} truncated to half`, report: named, apply: (d) => truncateSync(at(d), Math.floor(readFileSync(at(d)).length / 2)) },
      {
        name: `${file}: one byte altered`,
        report: named,
        apply: (d, rng) => {
          const bytes = readFileSync(at(d));
          // A byte of the content, not of JSON punctuation, so that the file still parses where it can.
          let i = Math.floor(rng() * bytes.length);
          while (file.endsWith('.json') && !/[0-9a-f]/.test(String.fromCharCode(bytes[i]))) i = (i + 1) % bytes.length;
          bytes[i] = file.endsWith('.json') ? (bytes[i] === 0x30 ? 0x31 : 0x30) : bytes[i] ^ 0x5a;
          writeFileSync(at(d), bytes);
        },
      },
      { name: `${file} emptied`, report: named, apply: (d) => writeFileSync(at(d), '') },
      { name: `${file} deleted`, report: file === INDEX_FILES.manifest ? /no index yet/ : named, apply: (d) => unlinkSync(at(d)) },
    );
  }
  out.push(
    { name: 'manifest.json replaced by random bytes', report: /manifest\.json is not valid JSON/, apply: (d, rng) => writeFileSync(join(d, INDEX_FILES.manifest), Buffer.from(Array.from({ length: 4096 }, () => Math.floor(rng() * 256)))) },
    {
      name: "manifest.json: a letter's content hash altered, still valid JSON and schema",
      report: /manifest\.json is corrupt \(its checksum/,
      apply: (d) => {
        const path = join(d, INDEX_FILES.manifest);
        writeFileSync(path, readFileSync(path, 'utf8').replace(/"contentHash": "([0-9a-f])/, (_, c: string) => `"contentHash": "${c === '0' ? '1' : '0'}`));
      },
    },
    { name: 'vectors.hnsw replaced by zeros of the same length', report: /vectors\.hnsw is corrupt/, apply: (d) => writeFileSync(join(d, INDEX_FILES.vectors), Buffer.alloc(readFileSync(join(d, INDEX_FILES.vectors)).length)) },
    {
      name: 'lock left by a dead process, and a half-written temporary folder',
      report: /^$/,
      apply: (d) => {
        writeFileSync(`${d}.lock`, JSON.stringify({ pid: 2 ** 22 + 17, host: 'x', since: 'then' }).slice(0, 20));
        mkdirSync(`${d}.tmp-12345`, { recursive: true });
        writeFileSync(`${d}.tmp-12345/catalogue.json`, '{"letters": [');
      },
    },
  );
  return out;
}

/** stderr lines about the index (not progress bars). */
const reportLines = (stderr: string) =>
  stderr
    .split('\n')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colour codes (ESC [ … m).
    .map((l) => l.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').trim())
    // Not the build's summary ("N letters, N passages…") nor progress.
    .filter((l) => /index|manifest|\.json|\.hnsw|\.i8|rebuild/i.test(l) && !/\d+ letters, \d+ passages|\d+\/\d+ (?:passages|letters)|%/.test(l));

const citationsOf = (stdout: string) => {
  const a = JSON.parse(stdout) as { abstained: boolean; citations: { letterId: string; quote: string }[] };
  return JSON.stringify([a.abstained, a.citations.map((c) => [c.letterId, c.quote])]);
};

export const tortureCorruption: TortureSection = async (opts) => {
  const { log } = opts;
  const root = join(opts.workDir, 'corruption');
  const letters = join(root, 'letters');
  const ref = join(root, 'ref');
  const work = join(root, 'index');
  rmSync(root, { recursive: true, force: true });
  cpSync(join(ROOT, 'seeds'), letters, { recursive: true });
  await writeSpamAssassinLetters(letters, { limit: opts.quick ? 5 : 20 });
  const ask = (indexDir: string) => runCli(['ask', '--letters', letters, '--index', indexDir, '--json', QUESTION], TINY_ENV);
  const first = await ask(ref);
  if (first.status !== 0) throw new Error(`the reference build failed: ${first.stderr}`);
  const expected = citationsOf(first.stdout);

  const rng = mulberry32(opts.seed);
  const cases = damages();
  const results: { name: string; rebuilt: boolean; oneLine: boolean; answered: boolean; clean: boolean; detail: string }[] = [];
  for (const damage of cases) {
    rmSync(work, { recursive: true, force: true });
    rmSync(`${work}.lock`, { force: true });
    cpSync(ref, work, { recursive: true });
    damage.apply(work, rng);
    const start = await ask(work);
    const lines = reportLines(start.stderr);
    const quiet = damage.report.source === '^$';
    const oneLine = quiet ? lines.length === 0 : lines.length === 1 && damage.report.test(lines[0]);
    const answered = start.status === 0 && (() => { try { return citationsOf(start.stdout) === expected; } catch { return false; } })();
    // The next start: no report, no rebuild, the same answer.
    const next = await ask(work);
    const clean = next.status === 0 && reportLines(next.stderr).length === 0 && citationsOf(next.stdout) === expected;
    const rebuilt = quiet || /rebuilding it|no index yet/.test(start.stderr);
    const detail = `exit ${start.status}; ${lines.length} report line(s)${lines.length ? `: "${lines.join(' / ')}"` : ''}`;
    results.push({ name: damage.name, rebuilt, oneLine, answered, clean, detail });
    log(`corruption: ${damage.name}: ${detail}; ${answered ? 'answered as before' : 'ANSWER DIFFERS'}; next start ${clean ? 'clean' : 'NOT CLEAN'}`);
  }

  const n = results.length;
  const count = (f: (r: (typeof results)[number]) => boolean) => results.filter(f).length;
  const failures = results.filter((r) => !(r.rebuilt && r.oneLine && r.answered && r.clean));
  const figures: Figure[] = [
    {
      section: SECTION, metric: 'damaged indexes detected and rebuilt', value: `${count((r) => r.rebuilt && r.answered)}/${n}`, unit: '', target: 'all', met: count((r) => r.rebuilt && r.answered) === n,
      note: `each of the ${Object.keys(INDEX_FILES).length} index files truncated, one byte altered, emptied, deleted; the manifest replaced by random bytes; vectors zeroed; a dead indexer's lock and temporary folder. Then \`npm run ask\` (the start path, tiny fixture model) must answer "${QUESTION}" exactly as the undamaged index did.`,
    },
    { section: SECTION, metric: 'reported in exactly one line naming the damage', value: `${count((r) => r.oneLine)}/${n}`, unit: '', target: 'all', met: count((r) => r.oneLine) === n, note: 'stale locks and temporaries are cleared silently' },
    { section: SECTION, metric: 'next start clean (no crash loop, no second rebuild)', value: `${count((r) => r.clean)}/${n}`, unit: '', target: 'all', met: count((r) => r.clean) === n },
  ];
  if (failures.length) figures.push({ section: SECTION, metric: 'failures', value: failures.length, unit: 'cases', note: failures.map((f) => `${f.name}: ${f.detail}`).join(' | ') });
  return figures;
};
