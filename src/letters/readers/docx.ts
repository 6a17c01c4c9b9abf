import { inflateRawSync } from 'node:zlib';
import { LetterReadError } from '../types.js';
import type { LetterReader } from './reader.js';

/** XML a DOCX may expand to (document, styles, numbering, relationships). A letter needs far less. */
export const MAX_DOCX_XML_BYTES = 64 * 1024 * 1024;

/**
 * Element nesting a DOCX part may have. mammoth recurses per level, and at the edge of the stack V8
 * may abort the process rather than throw; real documents stay well under a hundred.
 */
const MAX_XML_DEPTH = 1000;

/** The deepest element nesting of an XML text (tags counted, not validated). */
function xmlDepth(xml: Buffer): number {
  let depth = 0;
  let max = 0;
  for (let i = xml.indexOf(0x3c); i >= 0; i = xml.indexOf(0x3c, i + 1)) {
    const next = xml[i + 1];
    if (next === 0x2f) depth--;
    else if (next !== 0x3f && next !== 0x21) {
      const close = xml.indexOf(0x3e, i);
      if (close < 0) break;
      if (xml[close - 1] !== 0x2f) max = Math.max(max, ++depth);
      i = close;
    }
  }
  return max;
}

/**
 * Checks the zip before mammoth inflates it: its end record must be there (else the file is cut
 * short or not a zip), its XML parts must not expand past MAX_DOCX_XML_BYTES (a zip bomb would
 * otherwise exhaust memory) nor nest past MAX_XML_DEPTH. Parts it cannot follow are left to mammoth.
 */
function checkZip(bytes: Buffer): void {
  const EOCD = 0x06054b50;
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new LetterReadError('not a readable DOCX file: not a complete zip archive (the file is truncated, or not a DOCX)');
  const entries = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  let budget = MAX_DOCX_XML_BYTES;
  for (let n = 0; n < entries && at + 46 <= bytes.length && bytes.readUInt32LE(at) === 0x02014b50; n++) {
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (!/\.(xml|rels)$/i.test(name) || local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) continue;
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    let xml = bytes.subarray(start, start + compressed);
    if (method === 8) {
      try {
        xml = inflateRawSync(xml, { maxOutputLength: budget + 1 });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') continue;
        budget = -1;
      }
    }
    budget -= xml.length;
    if (budget < 0) throw new LetterReadError(`not a readable DOCX file: its XML expands to over ${MAX_DOCX_XML_BYTES / 1024 / 1024} MB (a zip bomb?)`);
    const depth = xmlDepth(xml);
    if (depth > MAX_XML_DEPTH) throw new LetterReadError(`not a readable DOCX file: ${name} is nested ${depth} levels deep (at most ${MAX_XML_DEPTH})`);
  }
}

/** An element of mammoth's document model (the parts this reader uses). */
interface DocElement {
  type: string;
  value?: string;
  breakType?: 'line' | 'page' | 'column';
  children?: DocElement[];
}

/**
 * Paragraphs end with a blank line; unlike mammoth.extractRawText, line breaks
 * become "\n" (not nothing) and page breaks "\f".
 */
function toText(element: DocElement): string {
  switch (element.type) {
    case 'text':
      return element.value ?? '';
    case 'tab':
      return '\t';
    case 'break':
      return element.breakType === 'page' ? '\f' : '\n';
    default: {
      const inner = (element.children ?? []).map(toText).join('');
      return element.type === 'paragraph' ? `${inner}\n\n` : inner;
    }
  }
}

/** "PK\x03\x04" (a zip) holding word/document.xml. */
export function sniffDocx(head: Buffer): boolean {
  return head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1')) && head.includes('word/document.xml');
}

/** DOCX: the body text through mammoth's document model; paragraphs separated by blank lines. */
export const docxReader: LetterReader = {
  format: 'docx',
  extensions: ['.docx'],
  sniff: sniffDocx,
  async read(bytes) {
    let text = '';
    checkZip(bytes);
    try {
      const { default: mammoth } = await import('mammoth');
      await mammoth.convertToHtml(
        { buffer: bytes },
        {
          // Images are not needed; this keeps mammoth from encoding them.
          convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
          transformDocument: (doc: DocElement) => {
            text = toText(doc);
            return doc;
          },
        },
      );
    } catch (err) {
      throw new LetterReadError(`not a readable DOCX file: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
    }
    // Empty paragraphs (spacing) would leave runs of blank lines.
    text = text.replace(/\n{3,}/g, '\n\n').replace(/^\n+/, '').replace(/\n+$/, '\n');
    return { format: 'docx', text, meta: {} };
  },
};
