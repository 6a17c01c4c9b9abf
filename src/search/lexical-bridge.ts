/**
 * A lexical bridge between a question's words and a letter's: words that mean the same ("jailed" and
 * "imprisoned", "lawyer" and "counsel"), for the bundled encoder, which does not know them.
 * Terms are as `terms()` makes them (folded, stemmed).
 */

/** Other terms that may stand for `term` in a letter; empty when none is known. */
export function bridgeTerms(_term: string): readonly string[] {
  return [];
}
