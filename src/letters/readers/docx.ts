import { LetterReadError } from '../types.js';
import type { LetterReader } from './reader.js';

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
