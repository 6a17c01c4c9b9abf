/**
 * src/ holds the product only: nothing under it may import from tests/, bench/, scripts/ (or anything else
 * outside src/), nor a package that package.json does not list in `dependencies` (a production install has no
 * devDependencies). Node's builtins are allowed. Imports are read with a scanner and regular expressions:
 * static imports and re-exports (type-only ones too), dynamic import(), require() and require.resolve() with a
 * literal specifier. A specifier computed at run time cannot be checked and is not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');
const DEPENDENCIES = new Set(Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {}));

/** The code with its comments blanked out; strings, template literals and regular expressions are kept. */
function withoutComments(code: string): string {
  let out = '';
  let i = 0;
  /** The last character that was not whitespace or inside a comment: tells a regular expression from a division. */
  let last = '';
  const copyQuoted = (quote: string) => {
    const start = i++;
    while (i < code.length && code[i] !== quote) {
      if (code[i] === '\\') i++;
      else if (quote !== '`' && code[i] === '\n') break; // an unterminated string ends at the line
      i++;
    }
    i++;
    out += code.slice(start, i);
    last = quote;
  };
  while (i < code.length) {
    const c = code[i];
    const next = code[i + 1];
    if (c === '/' && next === '/') {
      while (i < code.length && code[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = code.indexOf('*/', i + 2);
      const stop = end === -1 ? code.length : end + 2;
      out += code.slice(i, stop).replace(/[^\n]/g, ' '); // keeps line numbers
      i = stop;
    } else if (c === "'" || c === '"' || c === '`') {
      copyQuoted(c);
    } else if (c === '/' && (last === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(last) || /\b(return|typeof|case|do|else|in|of|void|yield|await)\s*$/.test(out.slice(-16)))) {
      // A regular expression literal: to its closing slash, outside any character class.
      const start = i++;
      let inClass = false;
      while (i < code.length && code[i] !== '\n' && (inClass || code[i] !== '/')) {
        if (code[i] === '\\') i++;
        else if (code[i] === '[') inClass = true;
        else if (code[i] === ']') inClass = false;
        i++;
      }
      i++;
      while (/[a-z]/i.test(code[i] ?? '')) i++; // flags
      out += code.slice(start, i);
      last = '/';
    } else {
      out += c;
      if (!/\s/.test(c)) last = c;
      i++;
    }
  }
  return out;
}

interface Import {
  specifier: string;
  line: number;
  kind: 'import' | 'export from' | 'import()' | 'require';
}

const PATTERNS: [Import['kind'], RegExp][] = [
  // import x from 'y'; import type { X } from 'y'; import * as x from 'y'; import 'y'
  ['import', /(?<![\w$.])import\s+(?:type\s+)?(?:[\w$*{}\s,]+?\s+from\s*)?(['"])([^'"\n]+)\1/g],
  // export { x } from 'y'; export * from 'y'; export type { X } from 'y'
  ['export from', /(?<![\w$.])export\s+(?:type\s+)?(?:\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s*from\s*(['"])([^'"\n]+)\1/g],
  // import('y'), also in types: typeof import('y')
  ['import()', /(?<![\w$.])import\s*\(\s*(['"`])([^'"`\n$]+)\1\s*[,)]/g],
  // require('y'), require.resolve('y')
  ['require', /(?<![\w$.])require(?:\.resolve)?\s*\(\s*(['"`])([^'"`\n$]+)\1\s*[,)]/g],
];

/** Every import of `code` whose specifier is a literal. */
function importsOf(code: string): Import[] {
  const clean = withoutComments(code);
  const found: Import[] = [];
  for (const [kind, pattern] of PATTERNS) {
    for (const m of clean.matchAll(pattern)) {
      found.push({ specifier: m[2], kind, line: clean.slice(0, m.index).split('\n').length });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

/** "@scope/name/sub/path" → "@scope/name"; "name/sub" → "name". */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Why `specifier`, imported by `file` (absolute, under src/), breaks the layering; null when it does not. */
function layeringProblem(file: string, specifier: string, dependencies: Set<string> = DEPENDENCIES): string | null {
  if (isBuiltin(specifier)) return null;
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:')) {
    const target = specifier.startsWith('file:') ? new URL(specifier).pathname : resolve(dirname(file), specifier);
    const fromSrc = relative(SRC, target);
    if (!fromSrc.startsWith('..') && !isAbsolute(fromSrc)) return null;
    const top = relative(ROOT, target).split(sep)[0];
    return ['tests', 'bench', 'scripts'].includes(top) ? `imports from ${top}/` : `imports from outside src/ (${relative(ROOT, target)})`;
  }
  if (specifier.startsWith('#')) return 'imports a package.json subpath import, which this check cannot follow';
  const name = packageName(specifier);
  return dependencies.has(name) ? null : `imports ${name}, which is not in package.json dependencies`;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(c|m)?(t|j)sx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('layering: src/ holds the product only', () => {
  it('imports nothing from tests/, bench/ or scripts/, and only packages in dependencies or node: builtins', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(50);
    const problems: string[] = [];
    let imports = 0;
    for (const file of files) {
      for (const imp of importsOf(readFileSync(file, 'utf8'))) {
        imports++;
        const problem = layeringProblem(file, imp.specifier);
        if (problem) problems.push(`${relative(ROOT, file)}:${imp.line}: ${imp.kind} '${imp.specifier}' ${problem}`);
      }
    }
    // The scanner does find src's imports (a broken pattern would find none and pass).
    expect(imports).toBeGreaterThan(files.length);
    expect(problems, `src/ must not depend on tests, benchmarks, scripts or devDependencies:\n  ${problems.join('\n  ')}\n`).toEqual([]);
  });
});

describe('the import scanner', () => {
  const file = join(SRC, 'answer', 'x.ts');
  const code = [
    "import { a } from '../../tests/questions.js';",
    "import type { Figure } from '../../bench/figures.js';",
    'import {',
    '  b,',
    "  c } from 'pdf-lib';",
    "import 'side-effect-only';",
    "export * from '../../scripts/make-fixtures.js';",
    "export { d } from '../indexing/build.js';",
    "const late = await import('onnxruntime-node');",
    "type T = typeof import(\"@huggingface/transformers\");",
    "const r = require('vitest'); const p = require.resolve(`ws/package.json`);",
    "import { readFileSync } from 'node:fs'; import path from 'path';",
    "// import { e } from '../../tests/commented-out.js';",
    "/* import('../../bench/in-a-comment.js') */",
    "const url = 'https://example.org/*'; import { f } from '../search/hybrid.js'; // */",
    "const re = /['\"]/; import { g } from 'zod';",
    "const dynamic = await import(name);",
  ].join('\n');
  const deps = new Set(['@huggingface/transformers', 'zod']);

  it('finds static, type-only, multi-line, side-effect, re-exported, dynamic and required imports, not those in comments', () => {
    expect(importsOf(code).map((i) => `${i.line} ${i.kind} ${i.specifier}`)).toEqual([
      '1 import ../../tests/questions.js',
      '2 import ../../bench/figures.js',
      '3 import pdf-lib',
      '6 import side-effect-only',
      '7 export from ../../scripts/make-fixtures.js',
      '8 export from ../indexing/build.js',
      '9 import() onnxruntime-node',
      '10 import() @huggingface/transformers',
      '11 require vitest',
      '11 require ws/package.json',
      '12 import node:fs',
      '12 import path',
      '15 import ../search/hybrid.js',
      '16 import zod',
    ]);
  });

  it('says which imports break the layering', () => {
    const problems = Object.fromEntries(importsOf(code).map((i) => [i.specifier, layeringProblem(file, i.specifier, deps)]));
    expect(problems).toEqual({
      '../../tests/questions.js': 'imports from tests/',
      '../../bench/figures.js': 'imports from bench/',
      'pdf-lib': 'imports pdf-lib, which is not in package.json dependencies',
      'side-effect-only': 'imports side-effect-only, which is not in package.json dependencies',
      '../../scripts/make-fixtures.js': 'imports from scripts/',
      '../indexing/build.js': null,
      'onnxruntime-node': 'imports onnxruntime-node, which is not in package.json dependencies',
      '@huggingface/transformers': null,
      vitest: 'imports vitest, which is not in package.json dependencies',
      'ws/package.json': 'imports ws, which is not in package.json dependencies',
      'node:fs': null,
      path: null,
      '../search/hybrid.js': null,
      zod: null,
    });
    expect(layeringProblem(file, '../../package.json', deps)).toBe('imports from outside src/ (package.json)');
  });
});
