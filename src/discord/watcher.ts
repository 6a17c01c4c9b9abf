import { watch, type FSWatcher } from 'node:fs';

/** Calls `onChange` once things settle after files under `dir` change (hidden files ignored). */
export function watchLetters(dir: string, onChange: () => void, debounceMs = 1500): FSWatcher {
  let timer: NodeJS.Timeout | null = null;
  const w = watch(dir, { recursive: true }, (_event, name) => {
    const file = String(name ?? '');
    if (file.split(/[\\/]/).some((part) => part.startsWith('.'))) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      onChange();
    }, debounceMs);
  });
  w.on('close', () => timer && clearTimeout(timer));
  return w;
}
