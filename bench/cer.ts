/**
 * Character error rate (CER) of OCR text against the text that was rendered: the Levenshtein distance
 * (insertions, deletions and substitutions, each costing 1; a transposition is two edits) between the two
 * normalised texts, divided by the length of the normalised reference. Lengths and edits count Unicode code
 * points, not UTF-16 units.
 */

/**
 * The one normalisation applied to both texts before they are compared:
 * - Unicode NFC, so a precomposed "é" equals "e" + combining acute;
 * - every run of whitespace (spaces, tabs, line breaks, blank lines, no-break spaces) becomes one space, and
 *   leading and trailing whitespace is dropped: line breaks and paragraph spacing are layout, not reading.
 * Nothing else: case, punctuation, quote styles, dashes and accents all count.
 */
export function normaliseForCer(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Levenshtein distance between two strings, by code point. */
export function editDistance(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (!s.length) return t.length;
  if (!t.length) return s.length;
  // Map code points to small integers so the inner loop compares numbers.
  const ids = new Map<string, number>();
  const id = (c: string) => {
    let v = ids.get(c);
    if (v === undefined) ids.set(c, (v = ids.size));
    return v;
  };
  const x = Uint32Array.from(s, id);
  const y = Uint32Array.from(t, id);
  let prev = new Uint32Array(y.length + 1);
  let cur = new Uint32Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) prev[j] = j;
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      const substitution = prev[j - 1] + (xi === y[j - 1] ? 0 : 1);
      const deletion = prev[j] + 1;
      const insertion = cur[j - 1] + 1;
      cur[j] = Math.min(substitution, deletion, insertion);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length];
}

export interface CerResult {
  /** Edits between the normalised texts. */
  errors: number;
  /** Code points in the normalised reference. */
  length: number;
  /** errors / length; 0 when both are empty, 1 when only the reference is empty. */
  rate: number;
}

/** CER of `recognised` (the OCR text) against `reference` (the source text), after normaliseForCer. */
export function characterErrorRate(recognised: string, reference: string): CerResult {
  const hyp = normaliseForCer(recognised);
  const ref = normaliseForCer(reference);
  const errors = editDistance(hyp, ref);
  const length = Array.from(ref).length;
  return { errors, length, rate: length ? errors / length : errors ? 1 : 0 };
}

/** The CER of several pages together: all their errors over all their reference characters. */
export function pooledCer(results: CerResult[]): CerResult {
  const errors = results.reduce((n, r) => n + r.errors, 0);
  const length = results.reduce((n, r) => n + r.length, 0);
  return { errors, length, rate: length ? errors / length : errors ? 1 : 0 };
}
