type PDFDocumentProxy = Awaited<ReturnType<typeof import('unpdf').getDocumentProxy>>;
import { LetterReadError } from '../types.js';

/** Resolution pages without a text layer are rendered at for OCR: what scanners default to, and what tesseract reads best. */
export const RENDER_DPI = 300;
/** Pixels one page may have (about A3 at 300 dpi); a larger page is rendered smaller, or refused if it is an image. */
export const MAX_PAGE_PIXELS = 36_000_000;
/** Pages one scanned letter may have: OCR takes seconds a page. */
export const MAX_SCAN_PAGES = 100;
/** An image smaller than this on either side holds no readable line of text. */
const MIN_SIDE = 16;

export type ImageKind = 'png' | 'jpeg' | 'tiff';

/** The image format of a file by its first bytes, or null. */
export function imageKind(head: Buffer): ImageKind | null {
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.length >= 4 && ((head[0] === 0x49 && head[1] === 0x49 && head[2] === 0x2a && head[3] === 0) || (head[0] === 0x4d && head[1] === 0x4d && head[2] === 0 && head[3] === 0x2a))) return 'tiff';
  return null;
}

function checkSize(width: number, height: number, what: string): void {
  if (!(width >= MIN_SIDE && height >= MIN_SIDE)) throw new LetterReadError(`${what} is ${width}×${height} pixels, too small to hold text`);
  if (width * height > MAX_PAGE_PIXELS) throw new LetterReadError(`${what} is ${width}×${height} pixels, over the ${MAX_PAGE_PIXELS / 1e6} megapixel limit for a page`);
}

/** Width and height from a PNG's header or a JPEG's frame header, without decoding the image; null if not found. */
export function imageSize(bytes: Buffer, kind: 'png' | 'jpeg'): { width: number; height: number } | null {
  if (kind === 'png') return bytes.length >= 24 && bytes.toString('latin1', 12, 16) === 'IHDR' ? { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) } : null;
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    // Start of frame (SOF0–SOF15, except DHT, JPG and DAC): precision, height, width.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { width: bytes.readUInt16BE(at + 7), height: bytes.readUInt16BE(at + 5) };
    if (marker === 0xda || marker === 0xd9) return null;
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  return null;
}

/** A PNG or JPEG, checked from its header (a damaged image is refused when the OCR worker decodes it). */
export function checkedImage(bytes: Buffer, kind: 'png' | 'jpeg'): Buffer {
  const size = imageSize(bytes, kind);
  if (!size) throw new LetterReadError(`not a readable ${kind.toUpperCase()} image: no image header`);
  checkSize(size.width, size.height, 'the image');
  return bytes;
}

type Ifd = import('utif2').IFD;
const utif = async () => (await import('utif2')).default;

/** The page directories of a TIFF (its sub-images, such as thumbnails, are not pages). */
async function tiffIfds(bytes: Buffer): Promise<Ifd[]> {
  const UTIF = await utif();
  let ifds: Ifd[];
  try {
    ifds = UTIF.decode(bytes);
  } catch (err) {
    throw new LetterReadError(`not a readable TIFF image: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
  }
  const pages = ifds.filter((ifd) => Number((ifd.t256 as number[] | undefined)?.[0]) > 0 && Number((ifd.t257 as number[] | undefined)?.[0]) > 0);
  if (!pages.length) throw new LetterReadError('not a readable TIFF image: it has no page');
  if (pages.length > MAX_SCAN_PAGES) throw new LetterReadError(`the TIFF has ${pages.length} pages, over the ${MAX_SCAN_PAGES}-page limit for a scanned letter`);
  return pages;
}

/** Pages of a TIFF (multi-page scans are common). */
export async function tiffPageCount(bytes: Buffer): Promise<number> {
  return (await tiffIfds(bytes)).length;
}

/** Page `n` (1-based) of a TIFF, decoded with utif2 and re-encoded as PNG with @napi-rs/canvas. */
export async function tiffPage(bytes: Buffer, n: number): Promise<Buffer> {
  const UTIF = await utif();
  const { createCanvas } = await import('@napi-rs/canvas');
  const ifds = await tiffIfds(bytes);
  const ifd = ifds[n - 1];
  const what = ifds.length > 1 ? `page ${n} of the TIFF` : 'the TIFF image';
  const width = (ifd.t256 as number[])[0];
  const height = (ifd.t257 as number[])[0];
  checkSize(width, height, what);
  let rgba: Uint8Array;
  try {
    UTIF.decodeImage(bytes, ifd);
    rgba = UTIF.toRGBA8(ifd);
  } catch (err) {
    throw new LetterReadError(`cannot decode ${what}: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
  }
  if (ifd.width !== width || ifd.height !== height || rgba.length < width * height * 4) throw new LetterReadError(`cannot decode ${what}: its pixel data is incomplete`);
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  const data = context.createImageData(width, height);
  data.data.set(rgba.subarray(0, width * height * 4));
  context.putImageData(data, 0, 0);
  // Transparent pixels (an alpha channel) would read as black: paper is white.
  context.globalCompositeOperation = 'destination-over';
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  return canvas.encode('png');
}

/**
 * Renders one PDF page (1-based) to PNG at RENDER_DPI, with pdf.js (through unpdf) drawing on @napi-rs/canvas.
 * A page too large for MAX_PAGE_PIXELS is rendered at a lower resolution.
 */
export async function renderPdfPage(pdf: PDFDocumentProxy, pageNumber: number): Promise<Buffer> {
  const { renderPageAsImage } = await import('unpdf');
  const page = await pdf.getPage(pageNumber);
  const { width, height } = page.getViewport({ scale: 1 });
  let scale = RENDER_DPI / 72;
  if (width * height * scale * scale > MAX_PAGE_PIXELS) scale = Math.sqrt(MAX_PAGE_PIXELS / (width * height));
  const png = await renderPageAsImage(pdf, pageNumber, { canvasImport: () => import('@napi-rs/canvas'), scale });
  // pdf.js paints the page white first, so the image is opaque.
  return Buffer.from(png);
}
