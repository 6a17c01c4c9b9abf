import { checkedImage, imageKind, tiffPageCount, tiffPage } from '../ocr/images.js';
import { scannedText } from '../ocr/pages.js';
import { sha256Hex } from '../ocr/session.js';
import { LetterReadError } from '../types.js';
import type { LetterReader } from './reader.js';

/**
 * Scans and photos: PNG, JPEG and TIFF (every page of a multi-page TIFF), read by OCR. The letter's text is
 * the OCR text, pages separated by "\f".
 */
export const imageReader: LetterReader = {
  format: 'image',
  extensions: ['.png', '.jpg', '.jpeg', '.tif', '.tiff'],
  async read(bytes, _file, ctx) {
    const kind = imageKind(bytes);
    if (!kind) throw new LetterReadError('not a readable image: neither PNG, JPEG nor TIFF');
    if (!ctx) throw new LetterReadError('an image is read by OCR, and no OCR was given');
    if (kind !== 'tiff') checkedImage(bytes, kind);
    const count = kind === 'tiff' ? await tiffPageCount(bytes) : 1;
    const numbers = Array.from({ length: count }, (_, i) => i + 1);
    const pages = await ctx.ocr.read(ctx.name, bytes, numbers, async (n) => (kind === 'tiff' ? tiffPage(bytes, n) : bytes));
    const noText = (what: string, detail: string) => `OCR found ${what} in this ${kind.toUpperCase()} image${count > 1 ? ` (${count} pages)` : ''}${detail}`;
    return scannedText('image', sha256Hex(bytes), pages.map((p) => ({ ...p, scanned: true })), noText);
  },
};
