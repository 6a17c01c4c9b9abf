import type { SourceRun } from './types.js';
import { foldWords, INVISIBLE } from './text-utils.js';

/**
 * Cleaning turns a letter's source text into its body:
 * - page furniture (letterheads and running headers repeated across pages, page numbers) is removed,
 * - a sentence split by a page break is re-joined,
 * - `**`/`*` emphasis markers are dropped and whitespace is tidied.
 * Nothing else changes, so every run of the body is a verbatim run of the source; `runs` map it back.
 */
export interface CleanedText {
  body: string;
  runs: SourceRun[];
  /** Each distinct furniture block once, its lines trimmed and joined with "\n". */
  furniture: string[];
}

interface Line {
  text: string;
  start: number;
  /** A form feed ("\f") preceded this line. */
  pageBreakBefore: boolean;
  key: string;
}

/** Lines longer than this are prose, never furniture. */
const MAX_FURNITURE_LINE = 300;
/** Fuzzy matching is quadratic; past this many candidate lines only exact (folded) matches count. */
const MAX_FUZZY_LINES = 2000;
const FUZZY_THRESHOLD = 0.85;
const PAGE_NUMBER = /^[\s\-–—]*(?:(?:page|p\.|seite|página|pagina)\s*)?\d{1,4}(?:\s*(?:\/|of|de|von|sur)\s*\d{1,4})?[\s\-–—]*$/i;

function splitLines(source: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let pageBreak = false;
  for (let i = 0; i <= source.length; i++) {
    const c = source[i];
    if (i === source.length || c === '\n' || c === '\f') {
      const text = source.slice(start, i);
      lines.push({ text, start, pageBreakBefore: pageBreak, key: lineKey(text) });
      pageBreak = c === '\f';
      start = i + 1;
    }
  }
  return lines;
}

/** Folded words with digits masked, so "Page 1 of 3" and "Page 2 of 3" share a key. */
function lineKey(text: string): string {
  if (text.length > MAX_FURNITURE_LINE) return '';
  return foldWords(text.replace(/\*/g, '')).replace(/\d+/g, '#');
}

/**
 * For each line, the lines with its key, exactly or nearly, itself among them (none: the line is not repeated).
 * Lines of one exact key share one list: a file of a million equal lines costs no million lists of a million.
 */
function findRepeatedLines(lines: Line[]): number[][] {
  const twins: number[][] = lines.map(() => NONE);
  const byKey = new Map<string, number[]>();
  lines.forEach((l, i) => {
    if (l.key.length < 3) return;
    const list = byKey.get(l.key);
    if (list) list.push(i);
    else byKey.set(l.key, [i]);
  });
  const singles: number[] = [];
  for (const idx of byKey.values()) {
    if (idx.length > 1) for (const i of idx) twins[i] = idx;
    else singles.push(idx[0]);
  }
  if (singles.length <= MAX_FUZZY_LINES) {
    // Bigrams once per line, so that each of the n²/2 comparisons is a merge of two sorted arrays.
    const grams = singles.map((i) => bigramCodes(lines[i].key));
    for (let a = 0; a < singles.length; a++) {
      const ka = lines[singles[a]].key;
      for (let b = a + 1; b < singles.length; b++) {
        const kb = lines[singles[b]].key;
        const ratio = Math.min(ka.length, kb.length) / Math.max(ka.length, kb.length);
        if (ratio < FUZZY_THRESHOLD) continue;
        if (similar(grams[a], grams[b], FUZZY_THRESHOLD)) {
          for (const [x, y] of [[singles[a], singles[b]], [singles[b], singles[a]]]) {
            if (twins[x] === NONE) twins[x] = [x];
            twins[x].push(y);
          }
        }
      }
    }
  }
  return twins;
}

/** A line's character bigrams as sorted numbers. */
function bigramCodes(key: string): Uint32Array {
  const codes = new Uint32Array(Math.max(0, key.length - 1));
  for (let i = 0; i < codes.length; i++) codes[i] = key.charCodeAt(i) * 0x10000 + key.charCodeAt(i + 1);
  return codes.sort();
}

/** Whether the Dice coefficient of two lines' bigrams (2 × shared / total) reaches `threshold`. */
function similar(a: Uint32Array, b: Uint32Array, threshold: number): boolean {
  if (!a.length || !b.length) return false;
  const needed = (threshold * (a.length + b.length)) / 2;
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    // Stop as soon as the bigrams left cannot make up the difference.
    if (shared + Math.min(a.length - i, b.length - j) < needed) return false;
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    }
    else if (a[i] < b[j]) i++;
    else j++;
  }
  return shared >= needed;
}

const INVISIBLE_CHAR = new RegExp(`[${INVISIBLE}]`);
const BLANK = new RegExp(`^[\\s*${INVISIBLE}]*$`);
const isBlank = (l: Line) => l.text.trim() === '' || BLANK.test(l.text);

/**
 * A block that a text without page breaks holds twice, once in its first quarter and once in its last: the
 * sender's name and title above the letter and again under it, not a running header.
 */
function isLetterheadAndSignature(lines: Line[], members: number[], paged: boolean): boolean {
  if (paged) return false;
  const quarter = lines.length / 4;
  const others = (m: number) => lines.flatMap((l, k) => (k !== m && l.key === lines[m].key ? [k] : []));
  return members.every((m) => {
    const o = others(m);
    return o.length === 1 && ((m < quarter && o[0] >= lines.length - quarter) || (m >= lines.length - quarter && o[0] < quarter));
  });
}

/** No twin: the list of a line that is not repeated (shared, never written to). */
const NONE: number[] = [];

/** Decides which lines are furniture. */
function findFurniture(lines: Line[]): boolean[] {
  const twins = findRepeatedLines(lines);
  const repeated = twins.map((t) => t.length > 0);
  const furniture = lines.map(() => false);
  const paged = lines.some((l) => l.pageBreakBefore);

  // Blocks: runs of two or more repeated lines (blank lines may sit between them).
  let i = 0;
  while (i < lines.length) {
    if (isBlank(lines[i]) || !repeated[i]) {
      i++;
      continue;
    }
    const members: number[] = [];
    let j = i;
    while (j < lines.length && (isBlank(lines[j]) || repeated[j])) {
      if (!isBlank(lines[j])) members.push(j);
      j++;
    }
    const chars = members.reduce((n, m) => n + lines[m].key.length, 0);
    // Lines that repeat only one another within the block ("/s/ Thomas Reilly" above "Thomas Reilly") are one
    // signature, not furniture repeated across the text.
    const echoesOnly = !paged && members.every((m) => twins[m].every((t) => t >= i && t < j));
    if (members.length >= 2 && chars >= 15 && !echoesOnly && !isLetterheadAndSignature(lines, members, paged)) for (const m of members) furniture[m] = true;
    i = j;
  }

  // Running headers and footers: repeated lines at the edge of a page.
  const pageStarts = [0, ...lines.flatMap((l, k) => (l.pageBreakBefore ? [k] : []))];
  if (pageStarts.length > 1) {
    for (let p = 0; p < pageStarts.length; p++) {
      const from = pageStarts[p];
      const to = p + 1 < pageStarts.length ? pageStarts[p + 1] : lines.length;
      const content = [];
      for (let k = from; k < to; k++) if (!isBlank(lines[k])) content.push(k);
      const edges = [...content.slice(0, 2), ...content.slice(-2)];
      for (const k of edges) {
        if (repeated[k] || PAGE_NUMBER.test(lines[k].text)) furniture[k] = true;
      }
    }
  }

  // Page numbers next to furniture or a page break.
  for (let k = 0; k < lines.length; k++) {
    if (furniture[k] || isBlank(lines[k]) || !PAGE_NUMBER.test(lines[k].text)) continue;
    const prev = neighbour(lines, k, -1);
    const next = neighbour(lines, k, +1);
    const atEdge =
      lines[k].pageBreakBefore ||
      (next >= 0 && (furniture[next] || lines[next].pageBreakBefore)) ||
      (prev >= 0 && furniture[prev]);
    if (atEdge) furniture[k] = true;
  }
  return furniture;
}

function neighbour(lines: Line[], k: number, step: number): number {
  for (let j = k + step; j >= 0 && j < lines.length; j += step) if (!isBlank(lines[j])) return j;
  return -1;
}

/** Builds the body while recording which source offsets its characters come from. */
class BodyBuilder {
  private parts: string[] = [];
  length = 0;
  runs: SourceRun[] = [];

  copy(ch: string, source: number): void {
    const last = this.runs[this.runs.length - 1];
    if (last && last.body + last.length === this.length && last.source + last.length === source) last.length += ch.length;
    else this.runs.push({ body: this.length, source, length: ch.length });
    this.parts.push(ch);
    this.length += ch.length;
  }

  insert(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }

  lastChar(): string {
    for (let i = this.parts.length - 1; i >= 0; i--) {
      const p = this.parts[i];
      if (p.length) return p[p.length - 1];
    }
    return '';
  }

  text(): string {
    return this.parts.join('');
  }
}

const LOWER_START = new RegExp(`^[\\s*${INVISIBLE}]*\\p{Ll}`, 'u');

/** A sentence cut by a page break: no closing punctuation before, lower case after. */
function continuesSentence(prevChar: string, nextLine: string): boolean {
  if (!prevChar || /[.!?:"”’)»]/.test(prevChar)) return false;
  return LOWER_START.test(nextLine);
}

/** Copies one line, dropping emphasis markers and invisible format characters, and collapsing whitespace. */
function copyLine(out: BodyBuilder, line: Line): void {
  const t = line.text;
  let pendingSpace = -1;
  let started = false;
  const bulletAt = /^\s*\*\s/.test(t) ? t.indexOf('*') : -1;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (INVISIBLE_CHAR.test(c)) continue;
    if (c === '*' && i !== bulletAt) {
      const prev = t[i - 1] ?? ' ';
      const next = t[i + 1] ?? ' ';
      const emphasis = next === '*' || prev === '*' || !/\s/.test(prev) || !/\s/.test(next);
      if (emphasis) continue;
    }
    if (/\s/.test(c)) {
      if (started && pendingSpace < 0) pendingSpace = i;
      continue;
    }
    if (pendingSpace >= 0) {
      out.copy(' ', line.start + pendingSpace);
      pendingSpace = -1;
    }
    out.copy(c, line.start + i);
    started = true;
  }
}

export function cleanText(source: string): CleanedText {
  const lines = splitLines(source);
  const furniture = findFurniture(lines);
  const out = new BodyBuilder();
  const blocks: string[] = [];
  const seenBlocks = new Set<string>();

  let blank = false;
  let pageBoundary = false;
  let block: Line[] = [];
  const closeBlock = () => {
    if (!block.length) return;
    const key = block.map((l) => l.key).join('|');
    if (!seenBlocks.has(key)) {
      seenBlocks.add(key);
      blocks.push(block.map((l) => l.text.replace(/\*/g, '').trim()).join('\n'));
    }
    block = [];
  };

  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    if (line.pageBreakBefore) pageBoundary = true;
    if (furniture[k]) {
      block.push(line);
      pageBoundary = true;
      continue;
    }
    if (isBlank(line)) {
      blank = true;
      continue;
    }
    closeBlock();
    if (out.length > 0) {
      if (pageBoundary && continuesSentence(out.lastChar(), line.text)) out.insert(' ');
      else out.insert(blank || pageBoundary ? '\n\n' : '\n');
    }
    copyLine(out, line);
    blank = false;
    pageBoundary = false;
  }
  closeBlock();
  return { body: out.text(), runs: out.runs, furniture: blocks };
}

/** The source offset of a body offset (the nearest mapped character for inserted whitespace). */
export function toSourceOffset(runs: SourceRun[], bodyOffset: number): number {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (runs[mid].body <= bodyOffset) lo = mid;
    else hi = mid - 1;
  }
  const r = runs[lo];
  if (!r) return 0;
  return r.source + Math.min(Math.max(bodyOffset - r.body, 0), r.length);
}
