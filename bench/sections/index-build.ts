import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { buildIndex } from '../../src/indexing/build.js';
import { createEmbedder } from '../../src/indexing/embedders/select.js';
import { epistleFreeEnv, ROOT, runCli } from '../../tests/stress/child.js';
import { writeSpamAssassinLetters } from '../corpora.js';
import { BENCH_MODELS, MINILM, minilmShaped } from '../synthetic.js';
import { round, type BenchOptions, type Figure } from '../figures.js';

const SECTION = 'Index build: first build, embedding cache and workers';
/** The code before this work: the speed-up is measured against it, side by side, in the same run. */
export const BASELINE_COMMIT = '95d688c';

/** A checkout of BASELINE_COMMIT beside the work folder, sharing this tree's node_modules (its dependencies are a subset). */
function baselineTree(workDir: string): string | null {
  const dir = join(workDir, `baseline-${BASELINE_COMMIT}`);
  if (existsSync(join(dir, 'src/cli.ts'))) return dir;
  const add = spawnSync('git', ['-C', ROOT, 'worktree', 'add', '--detach', '--force', dir, BASELINE_COMMIT], { encoding: 'utf8' });
  if (add.status !== 0) return null;
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function removeBaseline(dir: string): void {
  spawnSync('git', ['-C', ROOT, 'worktree', 'remove', '--force', dir]);
  rmSync(dir, { recursive: true, force: true });
}

/** Wall-clock time of `npm run index -- --full` in `tree`, from spawn to exit (model load included). */
function timedIndex(tree: string, letters: string, index: string, env: Record<string, string>): Promise<{ ms: number; ok: boolean; out: string }> {
  rmSync(index, { recursive: true, force: true });
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', join(tree, 'src/cli.ts'), 'index', '--letters', letters, '--index', index, '--json'], { cwd: tree, env: { ...epistleFreeEnv(), ...env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', () => {});
    child.on('close', (code) => done({ ms: performance.now() - t0, ok: code === 0, out }));
  });
}

/**
 * Time from `npm start` (the console: no token) to the first answer that cites a letter, on a folder with no
 * index: the question is asked again every 300 ms until then.
 */
function firstAnswer(letters: string, index: string, env: Record<string, string>, question: string, timeoutMs: number): Promise<{ ms: number | null; progress: string | null }> {
  rmSync(index, { recursive: true, force: true });
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), 'start', '--letters', letters, '--index', index], { cwd: ROOT, env: { ...epistleFreeEnv(), DISCORD_TOKEN: '', HOME: join(index, '..'), ...env } });
    let out = '';
    let asked = 0;
    let result: { ms: number | null; progress: string | null } | null = null;
    const finish = (r: { ms: number | null; progress: string | null }) => {
      if (result) return;
      result = r;
      clearInterval(timer);
      child.stdin.end('/quit\n');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    };
    child.stdout.on('data', (d) => {
      out += d;
      // An answer with a citation line ("  — Sender to Recipient, date [id]").
      const cited = /\n {2}— .*\[[^\]]+\]/.exec(out);
      if (cited) finish({ ms: performance.now() - t0, progress: /\(indexed [\d,]+ of [\d,]+ letters so far\)/.exec(out)?.[0] ?? null });
    });
    child.stderr.on('data', () => {});
    const timer = setInterval(() => {
      if (!/epistle> /.test(out) || asked > (performance.now() - t0) / 300) return;
      asked++;
      child.stdin.write(`${question}\n`);
    }, 50);
    setTimeout(() => finish({ ms: null, progress: null }), timeoutMs).unref();
    child.on('close', () => {
      finish({ ms: null, progress: null });
      done(result!);
    });
  });
}

export async function benchIndexBuild(opts: BenchOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  const root = join(opts.workDir, 'index-build');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const bundledEnv = { EMBEDDER: 'bundled' };

  // 1. Side by side with the code before this work: 80 SpamAssassin e-mails, bundled encoder, a full first build.
  const emails = opts.quick ? 10 : 80;
  const small = join(root, 'spam-assassin-80');
  await writeSpamAssassinLetters(small, { limit: emails });
  const baseline = opts.quick ? null : baselineTree(opts.workDir);
  if (baseline) {
    try {
      opts.log(`index-build: ${emails} e-mails, commit ${BASELINE_COMMIT}…`);
      const before = await timedIndex(baseline, small, join(root, 'index-before'), bundledEnv);
      opts.log(`index-build: ${emails} e-mails, this code…`);
      const after = await timedIndex(ROOT, small, join(root, 'index-after'), bundledEnv);
      const speedUp = before.ms / after.ms;
      figures.push(
        { section: SECTION, metric: `full index of ${emails} SpamAssassin e-mails, bundled encoder: commit ${BASELINE_COMMIT}`, value: round(before.ms / 1000, 1), unit: 's', note: `wall clock of \`npm run index -- --full\` with no index, model load included${before.ok ? '' : '; FAILED'}` },
        { section: SECTION, metric: `the same, this code (${availableParallelism()} embedding workers)`, value: round(after.ms / 1000, 1), unit: 's', note: after.ok ? `${JSON.parse(after.out).passagesEmbedded} passages` : 'FAILED' },
        { section: SECTION, metric: 'speed-up over the code before, side by side', value: round(speedUp, 2), unit: '×', target: '≥ 2.5', met: before.ok && after.ok && speedUp >= 2.5 },
      );
      // --full again: every text is in the embedding cache.
      const again = await runCli(['index', '--letters', small, '--index', join(root, 'index-after'), '--full', '--json'], bundledEnv);
      figures.push({ section: SECTION, metric: `--full again on the same ${emails} e-mails (the embedding cache holds every text)`, value: round(again.ms / 1000, 1), unit: 's', note: again.status === 0 ? `${JSON.parse(again.stdout).passagesEmbedded} passages re-indexed, none re-embedded` : 'FAILED' });
    } finally {
      removeBaseline(baseline);
    }
  } else if (!opts.quick) {
    figures.push({ section: SECTION, metric: 'speed-up over the code before, side by side', value: 'not measured', unit: '', note: `commit ${BASELINE_COMMIT} is not in this clone's history` });
  }

  // 2. Throughput of a first build of many letters: bundled and MiniLM-shaped, in process, with the workers.
  const many = opts.quick ? 20 : 1000;
  const big = join(root, `spam-assassin-${many}`);
  await writeSpamAssassinLetters(big, { limit: many });
  const embedders: [string, () => ReturnType<typeof createEmbedder>][] = [
    ['bundled (USE lite)', () => createEmbedder({ embedder: 'bundled', model: '', workers: availableParallelism(), log: () => {} })],
    ['MiniLM-shaped q8', async () => {
      await (await minilmShaped()).dispose?.(); // generates the model on first use
      return createEmbedder({ embedder: 'transformers', model: MINILM, modelDir: BENCH_MODELS, allowRemote: false, workers: availableParallelism(), log: () => {} });
    }],
  ];
  for (const [name, load] of embedders) {
    const embedder = await load();
    try {
      opts.log(`index-build: ${many} letters, ${name}…`);
      const r = await buildIndex({ lettersDir: big, indexDir: join(root, `index-${name.split(' ')[0]}`), embedder, maxBytes: 20 * 1024 * 1024, full: true });
      const s = r.durationMs / 1000;
      figures.push(
        { section: SECTION, metric: `first build of ${r.letters} letters (SpamAssassin), ${name}: texts embedded per second`, value: round(r.textsEmbedded / (r.timings.embedMs / 1000), 1), unit: 'texts/s', note: `${r.textsEmbedded} texts embedded (${r.textsReused} found again in the build), ${r.passages} passages, ${round(s, 1)} s in all` },
        { section: SECTION, metric: `the same: share of the build spent embedding`, value: round((100 * r.timings.embedMs) / r.durationMs, 1), unit: '%', note: `read+clean+chunk ${round(r.timings.parseMs / 1000, 1)} s, write ${round(r.timings.writeMs / 1000, 1)} s` },
      );
    } finally {
      await embedder.dispose?.();
    }
  }

  // 3. Time to the first answer after `npm start`, no index yet (bundled, the offline default).
  opts.log(`index-build: npm start on ${many} letters with no index…`);
  const first = await firstAnswer(big, join(root, 'index-start'), bundledEnv, 'What are these letters about?', 120_000);
  figures.push({
    section: SECTION, metric: `time to the first answer after \`npm start\`, ${many} letters, no index yet (bundled)`, value: first.ms === null ? 'none within 120 s' : round(first.ms / 1000, 1), unit: first.ms === null ? '' : 's',
    target: '≤ 15', met: first.ms !== null && first.ms <= 15_000, note: `from spawn to the first answer citing a letter, asked every 300 ms; it said "${first.progress ?? '—'}"`,
  });
  return figures;
}
