/**
 * Letters added through an adapter (Discord's /add-letter): each file checked, then written into the letters
 * folder. Indexing them is the service's (LetterService.addLetters), through its one update queue.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { buildLetter } from '../letters/catalogue.js';
import { parseDateValue } from '../letters/dates.js';
import { extractLetter, SUPPORTED_EXTENSIONS } from '../letters/readers/index.js';
import { parseSidecar, sidecarPathFor } from '../letters/sidecar-schema.js';
import type { Letter, LetterMeta } from '../letters/types.js';

/** Why a file is not added; its message is shown to whoever sent it. */
export class UploadError extends Error {}

/** A file to add, as an adapter received it. */
export interface LetterUpload {
  /** The file's name as sent: a bare name (one with a folder path is refused). */
  name: string;
  /** Its size as the sender declared it, checked before the bytes are fetched. */
  size?: number;
  /**
   * Its bytes, or how to fetch them (called only once the name has passed its checks). An UploadError thrown
   * here refuses the file with its message; any other error is the caller's.
   */
  bytes: Buffer | (() => Promise<Buffer>);
  /** Who wrote it, overriding what is read from it (saved in its sidecar). */
  sender?: string | null;
  /** To whom, overriding what is read from it (saved in its sidecar). */
  recipient?: string | null;
  /** Its date as typed ("2016-06-29", "29 June 2016"); one that is not a date refuses the file. */
  date?: string | null;
  /** Replace a letter of the same name; without it, that name is refused. */
  replace?: boolean;
}

/** What became of one upload. */
export type UploadOutcome =
  | {
      added: true;
      /** The name as sent. */
      name: string;
      /** The file written in the letters folder, under a safe name. */
      file: string;
      /** What was read from it (with the overrides), and its passages. */
      meta: LetterMeta;
      passages: number;
    }
  | { added: false; name: string; reason: string };

/** A safe file name inside the letters folder: no path, no hidden file, only plain characters. */
export function safeLetterName(name: string): string {
  const base = basename(name.replace(/\\/g, '/'));
  const ext = extname(base).toLowerCase();
  if (!SUPPORTED_EXTENSIONS.includes(ext)) throw new UploadError(`unsupported file type ${ext || '(none)'}; send ${SUPPORTED_EXTENSIONS.join(', ')}`);
  const stem = base.slice(0, base.length - ext.length).normalize('NFKD').replace(/[^\w.-]+/g, '_').replace(/^[._-]+/, '').slice(0, 80);
  if (!stem) throw new UploadError(`the file name ${JSON.stringify(name)} has no usable characters`);
  return `${stem}${ext}`;
}

/** Executables and scripts are refused whatever their extension. */
export function looksExecutable(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 4);
  return (
    head.toString('latin1', 0, 2) === 'MZ' || // Windows PE
    head.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46])) || // ELF
    (head.length === 4 && [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(head.readUInt32BE(0))) || // Mach-O
    head.toString('latin1', 0, 2) === '#!'
  );
}

const mb = (bytes: number) => (bytes / 1048576).toFixed(1);

/**
 * Checks each upload and writes the ones that pass into `lettersDir`, in order (a name taken by an earlier upload
 * of the same call is taken). The checks, in this order: the date parses; the name has a supported extension,
 * usable characters and no folder path, and stays inside the folder; no letter has that name unless `replace`;
 * the size is within `maxBytes`; the bytes are not a program; the letter reads (text found). A file is checked
 * where no watcher looks (a hidden file) and moved into place once it passed; its overrides become its sidecar.
 */
export async function saveUploads(uploads: readonly LetterUpload[], opts: { lettersDir: string; maxBytes: number }): Promise<UploadOutcome[]> {
  const outcomes: UploadOutcome[] = [];
  for (const upload of uploads) {
    try {
      outcomes.push(await saveUpload(upload, opts));
    } catch (err) {
      if (!(err instanceof UploadError)) throw err;
      outcomes.push({ added: false, name: upload.name, reason: err.message });
    }
  }
  return outcomes;
}

async function saveUpload(upload: LetterUpload, opts: { lettersDir: string; maxBytes: number }): Promise<UploadOutcome> {
  const date = upload.date ? parseDateValue(upload.date) : null;
  if (upload.date && !date) throw new UploadError(`"${upload.date}" is not a date`);
  const name = safeLetterName(upload.name);
  // Adapters send bare file names; a path (absolute, or climbing with ../) is an attempt, refused.
  if (/[\\/]/.test(upload.name)) throw new UploadError('the file name must not contain a folder path');
  const lettersDir = resolve(opts.lettersDir);
  const target = resolve(lettersDir, name);
  if (!target.startsWith(lettersDir + sep)) throw new UploadError('that file name points outside the letters folder');
  if (existsSync(target) && !upload.replace) throw new UploadError(`${name} already exists; set replace to replace it`);
  if (upload.size !== undefined && upload.size > opts.maxBytes) throw new UploadError(`the file is ${mb(upload.size)} MB; the limit is ${mb(opts.maxBytes)} MB`);
  const bytes = typeof upload.bytes === 'function' ? await upload.bytes() : upload.bytes;
  if (bytes.length > opts.maxBytes) throw new UploadError(`the file is over the ${mb(opts.maxBytes)} MB limit`);
  if (looksExecutable(bytes)) throw new UploadError('that file is a program, not a letter');

  const staging = join(dirname(target), `.upload-${randomUUID()}${extname(name)}`);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(staging, bytes);
  const sidecar: Record<string, unknown> = {};
  if (upload.sender) sidecar.sender = upload.sender;
  if (upload.recipient) sidecar.recipients = [upload.recipient];
  if (date) sidecar.date = date;
  const json = JSON.stringify(sidecar, null, 2) + '\n';
  let preview: Letter;
  try {
    // Read as the index will read it: the file, and its sidecar as parsed from disk.
    preview = buildLetter(name, await extractLetter(staging, { maxBytes: opts.maxBytes }), parseSidecar(json));
  } catch (err) {
    await rm(staging, { force: true });
    throw new UploadError((err as Error).message);
  }
  if (Object.keys(sidecar).length) await writeFile(resolve(lettersDir, sidecarPathFor(name)), json);
  await rename(staging, target);
  return { added: true, name: upload.name, file: name, meta: preview.meta, passages: preview.passages.length };
}
