/**
 * Fuzzing the readers: 500 malformed inputs (60-odd with --quick) among valid letters, indexed by
 * `npm run index` in a child process with a time limit. Each input must meet its expectation: a
 * per-file error naming the problem, or indexed as it should be; the valid letters all index; the
 * build exits 0; and the indexer's own peak RSS is reported.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { round } from '../../bench/figures.js';
import { runCli, TINY_ENV } from './child.js';
import { judge, KINDS, readIndexedLetters, strayErrors, writeMalformedInputs, type IndexedLetter, type MalformedInput } from './malformed.js';
import type { Figure, TortureSection } from './types.js';

const SECTION = 'Fuzzing the readers';
/** Above this, memory is not bounded by the limits on letters (bytes, characters, XML). */
const MAX_RSS_MB = 1536;
const RSS_MARK = 'epistle-fuzz-max-rss-kb';

/** Loaded into the child: on exit, it prints its own peak RSS (kB) on stderr. */
const RSS_PRELOAD = `data:text/javascript,${encodeURIComponent(
  `import { writeSync } from 'node:fs'; process.on('exit', () => writeSync(2, '\\n${RSS_MARK} ' + process.resourceUsage().maxRSS + '\\n'));`,
)}`;

/** "epistle: DIR/file: reason" lines of `npm run index` → per-file reports; the rest apart. */
function parseReports(stderr: string, lettersDir: string): { errors: { file: string; reason: string }[]; other: string[]; rssKb: number | null } {
  const errors: { file: string; reason: string }[] = [];
  const other: string[] = [];
  let rssKb: number | null = null;
  const prefix = `${lettersDir}/`;
  for (const raw of stderr.split('\n')) {
    const line = raw.replace(/^epistle: /, '');
    if (!line.trim()) continue;
    if (line.startsWith(`${RSS_MARK} `)) rssKb = Number(line.slice(RSS_MARK.length + 1));
    else if (line.startsWith(prefix) && line.indexOf(': ', prefix.length) > 0) {
      const rest = line.slice(prefix.length);
      const at = rest.indexOf(': ');
      errors.push({ file: rest.slice(0, at), reason: rest.slice(at + 2) });
    } else other.push(line);
  }
  return { errors, other, rssKb };
}

export const tortureFuzz: TortureSection = async (opts) => {
  const { log } = opts;
  const root = join(opts.workDir, 'fuzz');
  const letters = join(root, 'letters');
  const index = join(root, 'index');
  rmSync(root, { recursive: true, force: true });
  const count = opts.quick ? 64 : 500;
  const t0 = performance.now();
  const inputs = await writeMalformedInputs(letters, { count, seed: opts.seed, quick: opts.quick });
  const generateS = round((performance.now() - t0) / 1000, 1);
  log(`fuzz: ${inputs.length} inputs written in ${generateS} s; indexing them`);

  const limitMs = opts.quick ? 5 * 60_000 : 15 * 60_000;
  const nodeOptions = [process.env.NODE_OPTIONS, `--import=${RSS_PRELOAD}`].filter(Boolean).join(' ');
  const run = await runCli(['index', '--letters', letters, '--index', index, '--json'], { ...TINY_ENV, NODE_OPTIONS: nodeOptions }, { timeoutMs: limitMs });
  const { errors, other, rssKb } = parseReports(run.stderr, letters);
  let indexed = new Map<string, IndexedLetter>();
  try {
    if (run.status === 0) indexed = readIndexedLetters(index);
  } catch (err) {
    other.push(`the index could not be read: ${(err as Error).message}`);
  }
  const killed = run.status === null;
  log(`fuzz: \`npm run index\` ${killed ? `was killed (${run.signal}) after ${Math.round(run.ms / 1000)} s` : `exited ${run.status} in ${round(run.ms / 1000, 1)} s`}; ${errors.length} per-file reports; ${indexed.size} letters indexed`);

  // An input is handled when the build finished and the input met its expectation.
  const verdicts = inputs.map((input) => ({ input, problems: run.status === 0 ? judge(input, errors, indexed) : ['the build did not finish'] }));
  for (const v of verdicts) if (v.problems.length) log(`fuzz: NOT HANDLED ${v.input.file} (${v.input.note}): ${v.problems.join('; ')}`);
  const handled = verdicts.filter((v) => !v.problems.length).length;
  const stray = strayErrors(inputs, errors);
  const valid = verdicts.filter((v) => v.input.kind === 'valid');
  const validIndexed = valid.filter((v) => !v.problems.length).length;
  const refused = (i: MalformedInput) => i.expect.outcome === 'error';

  const failures = verdicts.filter((v) => v.problems.length);
  const figures: Figure[] = [
    {
      section: SECTION, metric: 'malformed files handled', value: `${handled}/${inputs.length}`, unit: '', target: 'all', met: handled === inputs.length,
      note: `seeded (seed ${opts.seed}) inputs in one letters folder, indexed by \`npm run index\` in a child process (tiny fixture model): random bytes under each extension; PDF, DOCX and EML cut at random points; MIME nesting 100 and 1,000 deep; a 10 MB single line; NUL bytes in valid text; zero-width and right-to-left characters; invalid dates (2015-02-30, 31/31/2015, year 99999) in datelines, Date headers, HTML meta, front matter and sidecars; sidecars with wrong types, unknown keys, bad JSON, 100,000-deep lists or 2 MB; YAML alias bombs and 3,000-deep front matter; a 200 MB zip bomb; HTML 100,000 elements deep and 20,000 <br>; empty files; valid letters. Handled: ${inputs.filter(refused).length} expected a one-line error naming the file and the problem (and were not indexed), ${inputs.length - inputs.filter(refused).length} expected to be indexed with the right text and dates (an invalid date null, with a warning where the format states it) and no report but the warning they call for.` +
        (failures.length ? ` Not handled: ${failures.slice(0, 10).map((v) => `${v.input.file}: ${v.problems.join('; ')}`).join(' | ')}${failures.length > 10 ? ` (and ${failures.length - 10} more)` : ''}` : ''),
    },
    { section: SECTION, metric: 'valid letters indexed', value: `${validIndexed}/${valid.length}`, unit: '', target: 'all', met: validIndexed === valid.length, note: 'TXT, Markdown, HTML, EML, DOCX and PDF letters mixed in, checked for their text, date and sender' },
    { section: SECTION, metric: 'reports naming no input', value: stray.length, unit: 'files', target: '0', met: stray.length === 0, note: stray.length ? stray.slice(0, 5).map((e) => `${e.file}: ${e.reason}`).join(' | ') : 'nothing else lost or blamed' },
  ];
  for (const kind of KINDS) {
    const of = verdicts.filter((v) => v.input.kind === kind);
    if (!of.length) continue;
    const ok = of.filter((v) => !v.problems.length).length;
    const errorsExpected = of.filter((v) => refused(v.input)).length;
    figures.push({
      section: SECTION, metric: `kind: ${kind}`, value: `${ok}/${of.length}`, unit: '', met: ok === of.length,
      note: `${errorsExpected} to refuse, ${of.length - errorsExpected} to index; e.g. ${[...new Set(of.map((v) => v.input.note))].slice(0, 3).join('; ')}`,
    });
  }
  figures.push(
    {
      section: SECTION, metric: 'index build exit code', value: killed ? `killed (${run.signal})` : String(run.status), unit: '', target: '0', met: run.status === 0,
      note: `time limit ${limitMs / 60_000} min${other.length ? `; other stderr: ${other.slice(0, 3).join(' / ').slice(0, 300)}` : ''}`,
    },
    {
      section: SECTION, metric: 'indexer peak RSS', value: rssKb === null ? 'unknown' : Math.round(rssKb / 1024), unit: 'MB', target: `≤ ${MAX_RSS_MB} MB`, met: rssKb !== null && rssKb / 1024 <= MAX_RSS_MB,
      note: `maxRSS of the \`npm run index\` process, model included; ${indexed.size} letters indexed. Letters are capped at MAX_LETTER_BYTES (20 MB), 1,000,000 characters of text and 64 MB of DOCX XML`,
    },
    { section: SECTION, metric: 'index build wall time', value: round(run.ms / 1000, 1), unit: 's', note: `process start to exit, ${inputs.length} inputs; writing them took ${generateS} s` },
  );
  return figures;
};
