/** `compute()` once per key, kept in `cache`; the cache is emptied when it passes `max` entries. */
export function memoised<T>(cache: Map<string, T>, key: string, max: number, compute: () => T): T {
  let v = cache.get(key);
  if (v === undefined) {
    v = compute();
    if (cache.size > max) cache.clear();
    cache.set(key, v);
  }
  return v;
}
