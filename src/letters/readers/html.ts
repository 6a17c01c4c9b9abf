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

/** Accumulates text, collapsing whitespace and merging requested line breaks. */
class TextBuilder {
  private out = '';
  private pendingBreaks = 0;

  /** Asks for `n` newlines before the next text (1: new line, 2: blank line). */
  requestBreak(n: number): void {
    this.pendingBreaks = Math.max(this.pendingBreaks, n);
  }

  /** A hard line break (<br>): always one more newline. */
  lineBreak(): void {
    this.flushBreaks();
    this.out = this.out.replace(/[ \t]+$/, '') + '\n';
  }

  text(raw: string, preformatted: boolean): void {
    let t = preformatted ? raw.replace(/\r\n?/g, '\n') : raw.replace(/[ \t\n\r\f]+/g, ' ');
    if (t === '') return;
    if (!preformatted && this.atLineStart()) t = t.replace(/^ /, '');
    if (!preformatted && / $/.test(this.out) && !this.pendingBreaks) t = t.replace(/^ /, '');
    if (t === '') return;
    this.flushBreaks();
    this.out += t;
  }

  cellSeparator(): void {
    if (!this.atLineStart() && !this.pendingBreaks) this.out = this.out.replace(/[ \t]+$/, '') + '\t';
  }

  private atLineStart(): boolean {
    return this.out === '' || this.out.endsWith('\n');
  }

  private flushBreaks(): void {
    if (this.pendingBreaks && this.out !== '') {
      this.out = this.out.replace(/[ \t]+$/, '');
      const have = /\n*$/.exec(this.out)![0].length;
      this.out += '\n'.repeat(Math.max(0, this.pendingBreaks - have));
    }
    this.pendingBreaks = 0;
  }

  toString(): string {
    return this.out.replace(/[ \t]+$/gm, '').replace(/^\n+|\s+$/g, '');
  }
}

function walk(node: Node, out: TextBuilder, preformatted: boolean): void {
  if (node instanceof TextNode) {
    out.text(node.text, preformatted);
    return;
  }
  if (!(node instanceof HTMLElement)) return;
  const tag = node.rawTagName?.toLowerCase() ?? '';
  if (SKIPPED.has(tag)) return;
  if (tag === 'br') {
    out.lineBreak();
    return;
  }
  const breaks = PARAGRAPH_BLOCKS.has(tag) ? 2 : LINE_BLOCKS.has(tag) ? 1 : 0;
  if (tag === 'td' || tag === 'th') out.cellSeparator();
  if (breaks) out.requestBreak(breaks);
  const pre = preformatted || tag === 'pre' || tag === 'textarea';
  for (const child of node.childNodes) walk(child, out, pre);
  if (breaks) out.requestBreak(breaks);
}

function parseHtml(html: string): HTMLElement {
  // The parser would keep these declarations as text.
  const body = html.replace(/<!doctype[^>]*>|<\?xml[^>]*\?>/gi, '');
  return parse(body, {
    comment: false,
    lowerCaseTagName: true,
    blockTextElements: { script: false, style: false, noscript: false },
  });
}

/** Renders HTML as plain text: block elements become line and paragraph breaks, entities are decoded. */
export function htmlToText(html: string): string {
  const out = new TextBuilder();
  walk(parseHtml(html), out, false);
  return out.toString();
}

function isoDate(value: string | undefined): string | null {
  const m = /^\s*(\d{4}-\d{2}-\d{2})(?:$|[T\s])/.exec(value ?? '');
  if (!m) return null;
  const d = new Date(`${m[1]}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(m[1]) ? m[1] : null;
}

/** Metadata stated in the document head: <title>, <meta name="author">, <meta name="date">, <html lang>. */
export function htmlMeta(root: HTMLElement): Partial<LetterMeta> {
  const meta: Partial<LetterMeta> = {};
  const title = root.querySelector('title')?.text.replace(/\s+/g, ' ').trim();
  if (title) meta.subject = title;
  for (const el of root.querySelectorAll('meta')) {
    const name = el.getAttribute('name')?.trim().toLowerCase();
    const content = el.getAttribute('content')?.trim();
    if (!content) continue;
    if (name === 'author' && meta.sender === undefined) meta.sender = content;
    if ((name === 'date' || name === 'dcterms.date' || name === 'dc.date') && meta.date === undefined) {
      const date = isoDate(content);
      if (date) meta.date = date;
    }
  }
  const lang = /^([a-z]{2})(?:-|$)/i.exec(root.querySelector('html')?.getAttribute('lang')?.trim() ?? '');
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
    walk(root, out, false);
    return { format: 'html', text: out.toString(), meta: htmlMeta(root) };
  },
};
