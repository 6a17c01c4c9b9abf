import { parse, HTMLElement, TextNode } from 'node-html-parser';
import type { Node } from 'node-html-parser';
import { decodeText } from '../decode.js';
import type { LetterMeta } from '../types.js';
import type { LetterReader } from './reader.js';

/** Elements whose content is not text of the letter. */
const SKIPPED = new Set(['head', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'canvas', 'select', 'button']);

/** Elements set off by a blank line. */
const PARAGRAPH_BLOCKS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'ul', 'ol', 'dl', 'table', 'figure', 'hr', 'address',
]);

/** Elements that start and end on a line of their own. */
const LINE_BLOCKS = new Set([
  'div', 'li', 'dt', 'dd', 'tr', 'section', 'article', 'main', 'header', 'footer', 'nav', 'aside', 'form',
  'fieldset', 'legend', 'figcaption', 'caption', 'details', 'summary', 'center', 'body', 'html', 'tbody', 'thead', 'tfoot',
]);

/**
 * Accumulates text, collapsing whitespace and merging requested line breaks. Linear in the output:
 * trailing spaces are held back rather than trimmed off a growing string.
 */
class TextBuilder {
  private parts: string[] = [];
  /** Spaces and tabs at the end of the output, not yet written: a line break drops them. */
  private trailing = '';
  /** Newlines at the end of what was written. */
  private newlines = 0;
  private written = false;
  private pendingBreaks = 0;

  /** Asks for `n` newlines before the next text (1: new line, 2: blank line). */
  requestBreak(n: number): void {
    this.pendingBreaks = Math.max(this.pendingBreaks, n);
  }

  /** A hard line break (<br>): always one more newline. */
  lineBreak(): void {
    this.flushBreaks();
    this.trailing = '';
    this.write('\n');
  }

  text(raw: string, preformatted: boolean): void {
    let t = preformatted ? raw.replace(/\r\n?/g, '\n') : raw.replace(/[ \t\n\r\f]+/g, ' ');
    if (t === '') return;
    if (!preformatted && this.atLineStart()) t = t.replace(/^ /, '');
    if (!preformatted && this.trailing.endsWith(' ') && !this.pendingBreaks) t = t.replace(/^ /, '');
    if (t === '') return;
    this.flushBreaks();
    let end = t.length;
    while (end > 0 && (t[end - 1] === ' ' || t[end - 1] === '\t')) end--;
    if (end === 0) {
      this.trailing += t;
      return;
    }
    this.write(this.trailing + t.slice(0, end));
    this.trailing = t.slice(end);
  }

  cellSeparator(): void {
    if (!this.atLineStart() && !this.pendingBreaks) this.trailing = '\t';
  }

  private atLineStart(): boolean {
    return this.trailing === '' && (!this.written || this.newlines > 0);
  }

  private flushBreaks(): void {
    if (this.pendingBreaks && (this.written || this.trailing !== '')) {
      this.trailing = '';
      this.write('\n'.repeat(Math.max(0, this.pendingBreaks - this.newlines)));
    }
    this.pendingBreaks = 0;
  }

  /** Appends text that does not end with a space or tab. */
  private write(s: string): void {
    if (!s) return;
    this.parts.push(s);
    this.written = true;
    let k = s.length;
    while (k > 0 && s[k - 1] === '\n') k--;
    this.newlines = k === 0 ? this.newlines + s.length : s.length - k;
  }

  toString(): string {
    const text = this.parts.join('');
    // Spaces before a line end go; /[ \t]+$/gm would be quadratic in a long run of spaces.
    const tidy = text.replace(/[ \t]+/g, (run, at: number) => (at + run.length === text.length || /[\n\r\u2028\u2029]/.test(text[at + run.length]) ? '' : run));
    let start = 0;
    while (tidy[start] === '\n') start++;
    return tidy.slice(start).trimEnd();
  }
}

/** Renders a tree into `out`, with an explicit stack: markup nested 100,000 deep must not overflow the call stack. */
function walk(root: Node, out: TextBuilder): void {
  const stack: ({ node: Node; pre: boolean } | { breaks: number })[] = [{ node: root, pre: false }];
  while (stack.length) {
    const item = stack.pop()!;
    if ('breaks' in item) {
      out.requestBreak(item.breaks);
      continue;
    }
    const { node, pre: preformatted } = item;
    if (node instanceof TextNode) {
      out.text(node.text, preformatted);
      continue;
    }
    if (!(node instanceof HTMLElement)) continue;
    const tag = node.rawTagName?.toLowerCase() ?? '';
    if (SKIPPED.has(tag)) continue;
    if (tag === 'br') {
      out.lineBreak();
      continue;
    }
    const breaks = PARAGRAPH_BLOCKS.has(tag) ? 2 : LINE_BLOCKS.has(tag) ? 1 : 0;
    if (tag === 'td' || tag === 'th') out.cellSeparator();
    if (breaks) {
      out.requestBreak(breaks);
      stack.push({ breaks });
    }
    const pre = preformatted || tag === 'pre' || tag === 'textarea';
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push({ node: node.childNodes[i], pre });
  }
}

/** Elements in document order, without recursion. */
function* elements(root: HTMLElement): Generator<HTMLElement> {
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (!(node instanceof HTMLElement)) continue;
    yield node;
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]);
  }
}

function parseHtml(html: string): HTMLElement {
  // The parser would keep these declarations as text.
  // Bounded: an unclosed "<!doctype" repeated would otherwise make this quadratic.
  const body = html.replace(/<!doctype[^>]{0,1000}>|<\?xml[^>]{0,1000}\?>/gi, '');
  return parse(body, {
    comment: false,
    lowerCaseTagName: true,
    blockTextElements: { script: false, style: false, noscript: false },
  });
}

/** Renders HTML as plain text: block elements become line and paragraph breaks, entities are decoded. */
export function htmlToText(html: string): string {
  const out = new TextBuilder();
  walk(parseHtml(html), out);
  return out.toString();
}

function isoDate(value: string | undefined): string | null {
  const m = /^\s*(\d{4}-\d{2}-\d{2})(?:$|[T\s])/.exec(value ?? '');
  if (!m) return null;
  const d = new Date(`${m[1]}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(m[1]) ? m[1] : null;
}

/**
 * Metadata stated in the document head: <title>, <meta name="author">, <meta name="date">, <html lang>.
 * A Y-M-D date that is not a calendar date ("2015-02-30") is left out, with a line in `warnings`.
 */
export function htmlMeta(root: HTMLElement, warnings: string[] = []): Partial<LetterMeta> {
  const meta: Partial<LetterMeta> = {};
  let title: HTMLElement | undefined;
  let html: HTMLElement | undefined;
  for (const el of elements(root)) {
    const tag = el.rawTagName?.toLowerCase();
    if (tag === 'title') title ??= el;
    if (tag === 'html') html ??= el;
    if (tag !== 'meta') continue;
    const name = el.getAttribute('name')?.trim().toLowerCase();
    const content = el.getAttribute('content')?.trim();
    if (!content) continue;
    if (name === 'author' && meta.sender === undefined) meta.sender = content;
    if ((name === 'date' || name === 'dcterms.date' || name === 'dc.date') && meta.date === undefined) {
      const date = isoDate(content);
      if (date) meta.date = date;
      else if (/^\s*\d+-\d+-\d+/.test(content)) warnings.push(`invalid date in <meta name="${name}">: ${JSON.stringify(content.slice(0, 80))}; ignored`);
    }
  }
  const subject = title?.text.replace(/\s+/g, ' ').trim();
  if (subject) meta.subject = subject;
  const lang = /^([a-z]{2})(?:-|$)/i.exec(html?.getAttribute('lang')?.trim() ?? '');
  if (lang) meta.language = lang[1].toLowerCase();
  return meta;
}

/** "<!doctype html" or "<html" at the start, after a BOM, whitespace and comments. */
export function sniffHtml(head: Buffer): boolean {
  const start = head.subarray(0, 1024).toString('latin1').replace(/^\xef\xbb\xbf/, '');
  const rest = start.replace(/^(\s|<!--[\s\S]*?-->|<\?xml[^>]*>)*/, '');
  return /^<!doctype\s+html|^<html[\s>]/i.test(rest);
}

/** HTML: the rendered text of the body; title and author/date meta tags as metadata. */
export const htmlReader: LetterReader = {
  format: 'html',
  extensions: ['.html', '.htm'],
  sniff: sniffHtml,
  async read(bytes, file) {
    const root = parseHtml(decodeText(bytes, file));
    const out = new TextBuilder();
    walk(root, out);
    const warnings: string[] = [];
    const meta = htmlMeta(root, warnings);
    return { format: 'html', text: out.toString(), meta, ...(warnings.length ? { warnings } : {}) };
  },
};
