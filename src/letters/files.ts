import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * Files under `dir` that should be letters, as sorted "/"-separated paths relative to it:
 * everything but hidden files and sidecars, so an unsupported file is reported, not skipped.
 */
export async function listLetterFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !e.name.endsWith('.meta.json'))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .filter((f) => !f.split('/').some((part) => part.startsWith('.') || part === 'node_modules'))
    .sort();
}

/** "letters/a.txt" → "letters/a.meta.json". */
export function sidecarPathFor(letterPath: string): string {
  return letterPath.replace(/\.[^./\\]+$/, '') + '.meta.json';
}
