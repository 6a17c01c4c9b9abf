import { createHash } from 'node:crypto';
import { z } from 'zod';

/** Bump when the on-disk layout or the meaning of a field changes: older indexes are rebuilt. */
export const SCHEMA_VERSION = 6;

export const embedderIdSchema = z.object({
  backend: z.enum(['transformers', 'bundled']),
  model: z.string(),
  revision: z.string(),
  dimensions: z.number().int().positive(),
  queryPrefix: z.string(),
  passagePrefix: z.string(),
});

const letterEntrySchema = z.object({
  letterId: z.string(),
  /** sha256 of the file, its sidecar and the parser version: a change means re-reading. */
  contentHash: z.string(),
  size: z.number().int().nonnegative(),
  mtimeMs: z.number(),
  /** Vector/lexical labels of this letter's passages, in passage order. */
  labels: z.array(z.number().int().nonnegative()),
});

export const manifestSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  builtAt: z.string(),
  embedder: embedderIdSchema,
  hnsw: z.object({
    m: z.number().int().positive(),
    efConstruction: z.number().int().positive(),
    efSearch: z.number().int().positive(),
  }),
  /** Letter files (relative to the letters folder) → what was indexed from them. */
  letters: z.record(z.string(), letterEntrySchema),
  /** Files that failed to read, so an unchanged bad file is not re-read on every run. */
  failed: z.record(z.string(), z.object({ contentHash: z.string(), size: z.number(), mtimeMs: z.number(), reason: z.string() })),
  nextLabel: z.number().int().nonnegative(),
  /** Points marked deleted in the vector store and still taking room. */
  deleted: z.number().int().nonnegative(),
  /** Best cosines of unrelated questions against the corpus (see calibration.ts); null for an empty index. */
  calibration: z.object({ questions: z.number().int(), p50: z.number(), p90: z.number(), p99: z.number(), sentences: z.number().int().optional() }).nullable(),
  /** The letter reader's version (build.ts, PARSER_VERSION) the letters were read with; absent: before it was kept. */
  parserVersion: z.number().int().optional(),
  /** Where passage vectors came from (build.ts, PassageVectors); absent: embedded (indexes built before). */
  passageVectors: z.enum(['sentences', 'embedded']).optional(),
  /** Set while the first build publishes the index in slices: how many letters are in so far, of how many. */
  partial: z.object({ indexed: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).optional(),
  /** sha256 of each data file of the index. */
  files: z.record(z.string(), z.string()),
  /** sha256 of this manifest's JSON with this field empty: an altered manifest is caught too. */
  checksum: z.string(),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type LetterEntry = z.infer<typeof letterEntrySchema>;

export class ManifestError extends Error {}

function selfChecksum(manifest: object): string {
  return createHash('sha256').update(JSON.stringify({ ...manifest, checksum: '' }, null, 1)).digest('hex');
}

/** The manifest as written to disk, its checksum filled in. */
export function serialiseManifest(manifest: Omit<Manifest, 'checksum'>): string {
  const draft = { ...manifest, checksum: '' };
  return JSON.stringify({ ...draft, checksum: selfChecksum(draft) }, null, 1);
}

/** Parses and verifies a manifest; ManifestError says what is wrong with it ("is not valid JSON…"). */
export function parseManifest(text: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ManifestError('is not valid JSON (truncated?)');
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new ManifestError('does not match the expected schema');
  // Over the object as read: key order as in the file.
  if (selfChecksum(raw as object) !== parsed.data.checksum) throw new ManifestError('is corrupt (its checksum does not match its contents)');
  return parsed.data;
}
