import { parse as parseYaml, YAMLParseError } from 'yaml';
import { decodeText } from '../decode.js';
import { parseMetaOverrides } from '../sidecar-schema.js';
import { LetterReadError } from '../types.js';
import type { LetterMeta } from '../types.js';
import type { LetterReader } from './reader.js';

/**
 * The YAML parser recurses once per level, and at the edge of the stack V8 may abort the whole
 * process rather than throw; metadata needs three levels.
 */
const MAX_FRONT_MATTER_DEPTH = 100;

/** An upper bound of YAML nesting: indentation and sequence dashes, plus open flow brackets. */
function nestingDepth(lines: string[]): number {
  let max = 0;
  let flow = 0;
  for (const line of lines) {
    let i = 0;
    while (i < line.length && (line[i] === ' ' || line[i] === '\t' || line[i] === '-')) i++;
    for (let j = i; j < line.length; j++) {
      const c = line[j];
      if (c === '[' || c === '{') max = Math.max(max, i + ++flow);
      else if ((c === ']' || c === '}') && flow > 0) flow--;
    }
    max = Math.max(max, i + flow);
  }
  return max;
}

/**
 * Splits YAML front matter (validated as metadata overrides) from the Markdown text.
 * Front matter is a first line "---", lines of YAML starting with a "key:" line, then a line
 * "---" or "..."; a leading "---" followed by anything else is a thematic break, kept as text.
 */
export function splitFrontMatter(source: string): { text: string; meta: Partial<LetterMeta> } {
  const none = { text: source, meta: {} };
  if (!/^---[ \t]*\n/.test(source)) return none;
  const lines = source.split('\n');
  const close = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)[ \t]*$/.test(line));
  if (close < 0) return none;
  const yamlLines = lines.slice(1, close);
  const firstContent = yamlLines.find((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  if (firstContent !== undefined && !/^["']?[A-Za-z_][\w-]*["']?[ \t]*:(\s|$)/.test(firstContent)) return none;

  const depth = nestingDepth(yamlLines);
  if (depth > MAX_FRONT_MATTER_DEPTH) {
    throw new LetterReadError(`invalid front matter: nested ${depth} levels deep (at most ${MAX_FRONT_MATTER_DEPTH})`);
  }
  let value: unknown;
  try {
    value = parseYaml(yamlLines.join('\n'));
  } catch (err) {
    const message = err instanceof YAMLParseError ? err.message : String(err);
    throw new LetterReadError(`invalid front matter: ${message.split('\n')[0].replace(/:$/, '')}`);
  }
  const meta = value == null ? {} : parseMetaOverrides(value, 'front matter');
  const text = lines.slice(close + 1).join('\n');
  return { text, meta };
}

/** Markdown: the text after any front matter, markup kept as written. */
export const markdownReader: LetterReader = {
  format: 'md',
  extensions: ['.md', '.markdown'],
  async read(bytes, file) {
    const { text, meta } = splitFrontMatter(decodeText(bytes, file));
    return { format: 'md', text, meta };
  },
};
