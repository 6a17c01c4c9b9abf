/**
 * Malformed letters for fuzzing the readers: a seeded generator of inputs, each with its kind and
 * what must become of it, and the judge of a build's outcome against those expectations.
 *
 * An input expects either an `error` (a per-file error whose reason names the problem; not indexed)
 * or to be indexed (`index`), with what its body and metadata must then be, and the one warning it
 * must raise if any (an invalid Date header, a bad sidecar). Truncated e-mails are read up to the cut,
 * so whether one must index is worked out from where the cut falls.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { mulberry32 } from '../../bench/random.js';
import { INDEX_FILES, type Catalogue } from '../../src/indexing/letter-index.js';
import { sidecarPathFor } from '../../src/letters/files.js';

export const KINDS = [
  'random-bytes',
  'truncated-pdf',
  'truncated-docx',
  'truncated-eml',
  'mime-nesting',
  'long-line',
  'nul-bytes',
  'invisible-chars',
  'invalid-date',
  'bad-sidecar',
  'bad-front-matter',
  'zip-bomb',
  'deep-markup',
  'many-lines',
  'empty',
  'valid',
] as const;
export type Kind = (typeof KINDS)[number];

export type Expectation =
  | { outcome: 'error'; reason: RegExp }
  | {
      outcome: 'index';
      /** Text the body must contain (whitespace-insensitive). */
      contains?: string;
      /** The body must be a beginning of this text (a truncated file; its last word may be cut). */
      prefixOf?: string;
      date?: string | null;
      sender?: string;
      /** Characters the body must not have. */
      without?: RegExp;
      /** The one report the letter or its sidecar must get; otherwise none may. */
      warning?: { file: string; reason: RegExp };
    };

export interface MalformedInput {
  /** The letter file, relative to the folder. */
  file: string;
  kind: Kind;
  /** What is wrong with it, in a few words. */
  note: string;
  expect: Expectation;
}

// ------------------------------------------------------------------ letters

const FIRST = ['Anna', 'Marek', 'Ines', 'Tomas', 'Leila', 'Pieter', 'Sofia', 'Jonas', 'Clara', 'Matteo', 'Eva', 'Karim'];
const LAST = ['Berg', 'Novak', 'Duarte', 'Lindqvist', 'Haddad', 'Janssens', 'Moreau', 'Kowalski', 'Rossi', 'Varga', 'Olsen', 'Petrov'];
const PLACES = ['Brussels', 'Strasbourg', 'Vilnius', 'Lisbon', 'Tallinn', 'Ghent', 'Porto', 'Graz', 'Riga', 'Turku'];
const ROLES = ['Minister of Justice', 'Prosecutor General', 'Minister of the Interior', 'Ombudsman', 'Minister of Health'];
const TOPICS = ['the detention of a journalist', 'the closure of the river crossing', 'the extradition request', 'the hunger strike at the colony', 'the new surveillance bill', 'the dam on the upper valley'];
const NOUNS = ['heron', 'lantern', 'quarry', 'saffron', 'tundra', 'walnut', 'zephyr', 'marigold', 'obsidian', 'juniper', 'cobalt', 'bramble'];
const FILLER = [
  'I would be grateful for a reply at your earliest convenience, as the families concerned have waited long enough.',
  'The lawyers told me that the hearing was postponed without any reason being given to the defence.',
  'Several organisations have raised the same concern with the committee, and their reports agree on the facts.',
  'I trust that you will look into this matter with the care it deserves and keep me informed of any decision.',
  'The situation has worsened since the autumn, and the local authorities have not answered our questions.',
];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
function shuffle<T>(rng: Rng, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

interface Letter {
  /** Blocks (paragraphs); lines within a block are separated by "\n". */
  blocks: string[];
  /** The blocks as plain text. */
  text: string;
  iso: string;
  sender: string;
  recipient: string;
  subject: string;
  /** A sentence found in this letter only. */
  marker: string;
  date: Date;
}

/** A formal letter: dateline, recipient block, salutation, two paragraphs (the first with the marker), closing, signature. */
function makeLetter(rng: Rng, tag: string, opts: { dateline?: string } = {}): Letter {
  const date = new Date(Date.UTC(int(rng, 2012, 2022), int(rng, 0, 11), int(rng, 1, 28)));
  const iso = date.toISOString().slice(0, 10);
  const place = pick(rng, PLACES);
  const sender = `${pick(rng, FIRST)} ${pick(rng, LAST)}`;
  const [rFirst, rLast] = [pick(rng, FIRST), pick(rng, LAST)];
  const topic = pick(rng, TOPICS);
  const marker = `The reference of this letter is ${pick(rng, NOUNS)} ${tag}.`;
  // Three different sentences: a sentence written twice wraps into the same PDF lines, which cleaning takes for a letterhead.
  const filler = shuffle(rng, FILLER).slice(0, 3);
  const blocks = [
    opts.dateline ?? `${place}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`,
    `Mr ${rFirst} ${rLast}\n${pick(rng, ROLES)}`,
    `Dear Mr ${rLast},`,
    `I write to you about ${topic}. ${marker} ${filler[0]}`,
    `${filler[1]} ${filler[2]}`,
    'Yours sincerely,',
    sender,
  ];
  return { blocks, text: blocks.join('\n\n') + '\n', iso, sender, recipient: `${rFirst} ${rLast}`, subject: `About ${topic}`, marker, date };
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function toHtml(l: Letter, head = ''): string {
  const body = l.blocks.map((b) => `<p>${escapeXml(b).replace(/\n/g, '<br>\n')}</p>`).join('\n');
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(l.subject)}</title>${head}</head>\n<body>\n${body}\n</body></html>\n`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const rfcDate = (d: Date) => `${WEEKDAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()].slice(0, 3)} ${d.getUTCFullYear()} 10:00:00 +0000`;
const address = (name: string) => `"${name}" <${name.toLowerCase().replace(/\s+/g, '.')}@example.org>`;

function emlHeaders(l: Letter, date = rfcDate(l.date), extra: string[] = []): string {
  return [`From: ${address(l.sender)}`, `To: ${address(l.recipient)}`, `Subject: ${l.subject}`, `Date: ${date}`, 'MIME-Version: 1.0', ...extra].join('\r\n') + '\r\n';
}

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

function toEml(l: Letter, opts: { date?: string; body?: string } = {}): string {
  return emlHeaders(l, opts.date, ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit']) + '\r\n' + crlf(opts.body ?? l.text);
}

// ------------------------------------------------------------------ DOCX and PDF

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface ZipEntry {
  name: string;
  /** Deflated bytes. */
  data: Buffer;
  size: number;
  crc: number;
}

const deflated = (name: string, content: string | Buffer): ZipEntry => {
  const raw = Buffer.from(content);
  return { name, data: zlib.deflateRawSync(raw), size: raw.length, crc: crc32(raw) };
};

/** A zip archive (deflate, fixed 1 January 2020 timestamps): byte-identical for the same entries. */
function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(((2020 - 1980) << 9) | (1 << 5) | 1, 12);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    local.copy(central, 8, 6, 26);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const DOCX_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const DOCX_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const DOCUMENT_OPEN = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
const DOCUMENT_CLOSE = '</w:body></w:document>';

const docxParagraph = (block: string) =>
  `<w:p>${block.split('\n').map((line, i) => `${i ? '<w:r><w:br/></w:r>' : ''}<w:r><w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r>`).join('')}</w:p>`;

function docx(documentXml: ZipEntry): Buffer {
  return zip([deflated('[Content_Types].xml', DOCX_TYPES), deflated('_rels/.rels', DOCX_RELS), documentXml]);
}

const toDocx = (l: Letter) => docx(deflated('word/document.xml', DOCUMENT_OPEN + l.blocks.map(docxParagraph).join('') + DOCUMENT_CLOSE));

/** A DOCX whose document.xml inflates to `megabytes` MB from a few hundred KB. */
function zipBomb(megabytes: number): Buffer {
  const head = Buffer.from(`${DOCUMENT_OPEN}<w:p><w:r><w:t>`);
  const tail = Buffer.from(`</w:t></w:r></w:p>${DOCUMENT_CLOSE}`);
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  // Deflate segments ended by a sync flush concatenate into one stream; the middle one repeats.
  const sync = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  const middle = zlib.deflateRawSync(chunk, sync);
  const data = Buffer.concat([zlib.deflateRawSync(head, sync), ...Array.from({ length: megabytes }, () => middle), zlib.deflateRawSync(tail)]);
  // Nothing on the way to the refusal checks the CRC; computing it over the whole would take seconds.
  return docx({ name: 'word/document.xml', data, size: head.length + megabytes * chunk.length + tail.length, crc: 0 });
}

async function toPdf(l: Letter): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  let y = 780;
  for (const block of l.blocks) {
    for (const para of block.split('\n')) {
      // Wrapped at about 85 characters a line.
      const lines = para.match(/.{1,85}(?:\s|$)/g) ?? [para];
      for (const line of lines) {
        page.drawText(line.trim(), { x: 56, y, size: 10, font });
        y -= 14;
      }
    }
    y -= 10;
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

// ------------------------------------------------------------------ inputs

interface Made {
  /** Extension with the dot. */
  ext: string;
  data: string | Buffer;
  sidecar?: string | Buffer;
  note: string;
  /** `file` is the letter's path, for warnings that name it or its sidecar. */
  expect: (file: string) => Expectation;
}

type Recipe = { kind: Kind; make: (rng: Rng, tag: string) => Made | Promise<Made> };

const randomBytes = (rng: Rng, n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rng() * 256)));
const error = (reason: RegExp) => () => ({ outcome: 'error', reason }) as Expectation;
const asText = (ext: string, l: Letter) => (ext === '.html' ? toHtml(l) : l.text);
const BIDI_AND_ZERO_WIDTH = /[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

/** "The reference of this letter is heron 7." with invisible characters inside its words. */
function invisible(marker: string): string {
  const words = marker.split(' ');
  return [`\u202e${words[0]}\u202c`, `refer\u200bence`, words[2], `\u200fthis`, `let\u00adter`, `i\ufeffs`, `\u2066${words[6]}\u2069`, ...words.slice(7)].join(' ');
}

/** A multipart/mixed message `depth` levels deep with the letter at the bottom. */
function nestedMime(l: Letter, depth: number): string {
  let body = `Content-Type: text/plain; charset=utf-8\r\n\r\n${crlf(l.text)}`;
  for (let i = depth - 1; i >= 0; i--) body = `Content-Type: multipart/mixed; boundary="level${i}"\r\n\r\n--level${i}\r\n${body}\r\n--level${i}--\r\n`;
  return emlHeaders(l) + body;
}

/** The truncated e-mail's expectation: what mailparser can still see of the text part. */
function truncatedEml(rng: Rng, tag: string, multipart: boolean): Made {
  const l = makeLetter(rng, tag);
  let full: string;
  let textStart: number;
  let textEnd: number;
  if (!multipart) {
    full = toEml(l);
    textStart = full.indexOf('\r\n\r\n') + 4;
    textEnd = full.length;
  } else {
    const head = emlHeaders(l, undefined, ['Content-Type: multipart/mixed; boundary="part-boundary"']) + '\r\n';
    const part = '--part-boundary\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n';
    const attachment = randomBytes(rng, int(rng, 200, 3000)).toString('base64').replace(/.{76}/g, '$&\r\n');
    const before = head + part;
    full = `${before}${crlf(l.text)}\r\n--part-boundary\r\nContent-Type: application/octet-stream; name="a.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\n${attachment}\r\n--part-boundary--\r\n`;
    textStart = before.length;
    textEnd = before.length + crlf(l.text).length;
  }
  // Cut anywhere from the first header to just before the closing boundary.
  const cut = int(rng, 10, full.length - 20);
  const data = full.slice(0, cut);
  const visible = cut > textStart ? full.slice(textStart, Math.min(cut, textEnd)) : '';
  const where = cut <= textStart ? 'before the text' : cut < textEnd ? 'inside the text' : 'after the text';
  const note = `${multipart ? 'multipart' : 'single-part'} e-mail cut at byte ${cut} of ${full.length}, ${where}`;
  if (!/\w/.test(visible)) return { ext: '.eml', data, note, expect: error(/no text in this EML file/) };
  return {
    ext: '.eml',
    data,
    note,
    expect: (file) => ({
      outcome: 'index',
      prefixOf: l.text,
      ...(multipart ? { warning: { file, reason: /looks truncated.*no closing boundary/ } } : {}),
    }),
  };
}

const SIDECAR_CASES: [string, unknown | string, RegExp][] = [
  ['date as a number', { date: 20150212 }, /date: expected a date string/],
  ['recipients as a string', { recipients: 'Manuel Valls' }, /recipients: expected a list/],
  ['sender as a number', { sender: 42 }, /sender: expected a string, got number 42/],
  ['cc as an object', { cc: { name: 'Jean Urvoas' } }, /cc: expected a list/],
  ['an unknown key', { sender: 'Someone Else', signedBy: 'x' }, /unknown key "signedBy"/],
  ['language in words', { language: 'english' }, /language: expected an ISO 639-1 code/],
  ['affiliations as a string', { senderAffiliations: 'Committee on Petitions' }, /senderAffiliations: expected a list of strings/],
  ['date 2015-02-30', { date: '2015-02-30' }, /date: expected a date .*"2015-02-30"/],
  ['date 31/31/2015', { date: '31/31/2015' }, /date: expected a date .*"31\/31\/2015"/],
  ['date in year 99999', { date: '99999-01-01' }, /date: expected a date .*"99999-01-01"/],
  ['not JSON', '{"sender": "Anna Berg",', /sidecar is not valid JSON/],
  ['a list', '[1, 2, 3]', /expected a mapping of metadata fields, got a list/],
  ['null', 'null', /expected a mapping of metadata fields, got null/],
  ['lists nested 100,000 deep', '['.repeat(100_000) + ']'.repeat(100_000), /expected a mapping of metadata fields/],
];

const INVALID_DATES: [string, string, string][] = [
  // [note, dateline, Date header]
  ['30 February', 'Brussels, 30 February 2015', 'Mon, 30 Feb 2015 10:00:00 +0000'],
  ['31/31/2015', 'Brussels, 31/31/2015', '31/31/2015'],
  ['year 99999', 'Brussels, 12 March 99999', 'Thu, 12 Mar 99999 10:00:00 +0000'],
];

/** Inputs made a few times at most: large or slow to make. */
const ONCE: Recipe[] = [
  {
    kind: 'long-line',
    make: () => ({
      ext: '.txt',
      data: Array.from({ length: 1_750_000 }, (_, i) => NOUNS[i % NOUNS.length].slice(0, 5)).join(' ').padEnd(10 * 1024 * 1024, ' x').slice(0, 10 * 1024 * 1024),
      note: 'a 10 MB single line of text',
      expect: error(/text is 10,485,760 characters, over the 1,000,000-character limit/),
    }),
  },
  { kind: 'zip-bomb', make: () => ({ ext: '.docx', data: zipBomb(200), note: 'a DOCX whose document.xml inflates to 200 MB', expect: error(/XML expands to over 64 MB/) }) },
  {
    kind: 'deep-markup',
    make: (rng, tag) => {
      const l = makeLetter(rng, tag);
      const html = toHtml(l).replace('<body>', `<body>${'<div>'.repeat(100_000)}`).replace('</body>', `${'</div>'.repeat(100_000)}</body>`);
      return { ext: '.html', data: html, note: 'HTML nested 100,000 elements deep', expect: () => ({ outcome: 'index', contains: l.marker, date: l.iso }) };
    },
  },
  {
    kind: 'many-lines',
    make: (rng, tag) => {
      const l = makeLetter(rng, tag);
      const lines = Array.from({ length: 20_000 }, (_, i) => `${pick(rng, NOUNS)} ${pick(rng, NOUNS)} line ${i}<br>`).join('\n');
      return { ext: '.html', data: toHtml(l).replace('</body>', `<p>${lines}</p></body>`), note: 'HTML with 20,000 <br> lines', expect: () => ({ outcome: 'index', contains: l.marker }) };
    },
  },
  {
    kind: 'mime-nesting',
    make: (rng, tag) => ({ ext: '.eml', data: nestedMime(makeLetter(rng, tag), 1000), note: 'MIME multipart nested 1,000 deep', expect: error(/cannot parse e-mail: Max allowed child nodes exceeded/) }),
  },
  {
    kind: 'bad-sidecar',
    make: (rng, tag) => {
      const l = makeLetter(rng, tag);
      return {
        ext: '.txt',
        data: l.text,
        sidecar: `{"sender": "${'x'.repeat(2 * 1024 * 1024)}"}`,
        note: 'a 2 MB sidecar',
        expect: (file) => ({ outcome: 'index', contains: l.marker, sender: l.sender, warning: { file: sidecarPathFor(file), reason: /sidecar is 2\.0 MB, over the 1 MB limit/ } }),
      };
    },
  },
  {
    kind: 'bad-front-matter',
    make: (rng, tag) => {
      const l = makeLetter(rng, tag);
      const nested = Array.from({ length: 3000 }, (_, i) => ' '.repeat(i + 1) + '- ').join('\n') + 'x';
      return { ext: '.md', data: `---\nsender:\n${nested}\n---\n${l.text}`, note: 'front matter nested 3,000 levels deep', expect: error(/invalid front matter: nested \d+ levels deep/) };
    },
  },
];

/** Made once per full run only. */
const ONCE_FULL: Recipe[] = [
  {
    kind: 'long-line',
    make: (rng, tag) => {
      const l = makeLetter(rng, tag);
      return { ext: '.html', data: toHtml(l).replace('</body>', `<p>${'lorem ipsum '.repeat(900_000)}</p></body>`), note: 'a 10 MB line in an HTML paragraph', expect: error(/text is [\d,]+ characters, over the 1,000,000-character limit/) };
    },
  },
  {
    kind: 'long-line',
    make: (rng, tag) => {
      const l = makeLetter(rng, tag);
      return { ext: '.eml', data: toEml(l, { body: `${l.text}\n${'dolor sit '.repeat(1_100_000)}\n` }), note: 'an e-mail with an 11 MB line', expect: error(/text is [\d,]+ characters, over the 1,000,000-character limit/) };
    },
  },
  {
    kind: 'deep-markup',
    make: (rng, tag) => {
      const l = makeLetter(rng, tag);
      const deep = `${'<w:sdt><w:sdtContent>'.repeat(5000)}${docxParagraph(l.blocks[3])}${'</w:sdtContent></w:sdt>'.repeat(5000)}`;
      return { ext: '.docx', data: docx(deflated('word/document.xml', DOCUMENT_OPEN + deep + DOCUMENT_CLOSE)), note: 'DOCX XML nested 10,000 deep', expect: error(/nested \d+ levels deep/) };
    },
  },
];

/** The rest, made in turn. */
const CYCLE: Recipe[] = [
  ...(['.txt', '.md', '.eml', '.pdf', '.docx', '.html'] as const).map(
    (ext): Recipe => ({
      kind: 'random-bytes',
      make: (rng) => {
        const n = int(rng, 256, 64 * 1024);
        const reason = { '.txt': /binary content/, '.md': /binary content/, '.html': /binary content/, '.eml': /binary content in the e-mail body|no text in this EML file/, '.pdf': /no "%PDF-" header/, '.docx': /not a complete zip archive/ }[ext];
        return { ext, data: randomBytes(rng, n), note: `${n} random bytes`, expect: error(reason) };
      },
    }),
  ),
  {
    kind: 'truncated-pdf',
    make: async (rng, tag) => {
      const pdf = await toPdf(makeLetter(rng, tag));
      // The trailer (the last few hundred bytes) goes with the cut: pdf.js cannot find the document.
      const cut = int(rng, 10, pdf.length - 400);
      return { ext: '.pdf', data: pdf.subarray(0, cut), note: `PDF cut at byte ${cut} of ${pdf.length}`, expect: error(/not a readable PDF: the file is truncated/) };
    },
  },
  {
    kind: 'truncated-docx',
    make: (rng, tag) => {
      const bytes = toDocx(makeLetter(rng, tag));
      const cut = int(rng, 4, bytes.length - 23);
      return { ext: '.docx', data: bytes.subarray(0, cut), note: `DOCX cut at byte ${cut} of ${bytes.length}`, expect: error(/not a complete zip archive \(the file is truncated/) };
    },
  },
  { kind: 'truncated-eml', make: (rng, tag) => truncatedEml(rng, tag, false) },
  { kind: 'truncated-eml', make: (rng, tag) => truncatedEml(rng, tag, true) },
  {
    kind: 'mime-nesting',
    make: (rng, tag) => {
      const l = makeLetter(rng, tag);
      return { ext: '.eml', data: nestedMime(l, 100), note: 'MIME multipart nested 100 deep', expect: () => ({ outcome: 'index', contains: l.marker, date: l.iso, sender: l.sender }) };
    },
  },
  ...(['.txt', '.md', '.html', '.eml'] as const).map(
    (ext): Recipe => ({
      kind: 'nul-bytes',
      make: (rng, tag) => {
        const l = makeLetter(rng, tag);
        const text = ext === '.eml' ? toEml(l) : asText(ext, l);
        const at = int(rng, Math.floor(text.length / 2), text.length - 10);
        const reason = ext === '.eml' ? /binary content in the e-mail body/ : /binary content, not a text letter/;
        return { ext, data: `${text.slice(0, at)}\0\0${text.slice(at)}`, note: `NUL bytes at character ${at}`, expect: error(reason) };
      },
    }),
  ),
  ...(['.txt', '.md', '.html', '.eml', '.docx'] as const).map(
    (ext): Recipe => ({
      kind: 'invisible-chars',
      make: (rng, tag) => {
        const l = makeLetter(rng, tag);
        const [first, last] = l.sender.split(' ');
        // Zero-width and bidirectional characters in the marker's words and in the signature's name.
        const blocks = l.blocks.map((b, i) => (i === 3 ? b.replace(l.marker, invisible(l.marker)) : i === 6 ? `${first.slice(0, 2)}\u200b${first.slice(2)} \u200f${last}` : b));
        const letter = { ...l, blocks, text: blocks.join('\n\n') + '\n' };
        const data = ext === '.eml' ? toEml(letter) : ext === '.docx' ? toDocx(letter) : `\ufeff${asText(ext, letter)}`;
        return { ext, data, note: 'zero-width and right-to-left characters (U+200B, U+200F, U+202E, U+2066, soft hyphen, BOM)', expect: () => ({ outcome: 'index', contains: l.marker, without: BIDI_AND_ZERO_WIDTH, sender: l.sender }) };
      },
    }),
  ),
  {
    kind: 'invisible-chars',
    make: () => ({ ext: '.txt', data: '\ufeff' + '\u200b\u200f\u202e \u2066\u2069\u200b\n'.repeat(20), note: 'nothing but zero-width and right-to-left characters', expect: error(/no letter text found/) }),
  },
  ...INVALID_DATES.flatMap(([note, dateline, header]): Recipe[] => [
    {
      kind: 'invalid-date',
      make: (rng, tag) => {
        const l = makeLetter(rng, tag, { dateline });
        return { ext: '.txt', data: l.text, note: `dateline "${dateline}"`, expect: () => ({ outcome: 'index', contains: l.marker, date: null, sender: l.sender }) };
      },
    },
    {
      kind: 'invalid-date',
      make: (rng, tag) => {
        const l = makeLetter(rng, tag, { dateline });
        return { ext: '.eml', data: toEml(l, { date: header }), note: `Date header "${header}"`, expect: (file) => ({ outcome: 'index', contains: l.marker, date: null, warning: { file, reason: /invalid Date header/ } }) };
      },
    },
    {
      kind: 'invalid-date',
      make: (rng, tag) => {
        const l = makeLetter(rng, tag);
        const value = note === '30 February' ? '2015-02-30' : note === 'year 99999' ? '99999-03-12' : '31/31/2015';
        return { ext: '.md', data: `---\ndate: "${value}"\n---\n${l.text}`, note: `front matter date "${value}"`, expect: error(new RegExp(`invalid front matter: date: expected a date .*"${value.replace(/\//g, '\\/')}"`)) };
      },
    },
  ]),
  {
    kind: 'invalid-date',
    make: (rng, tag) => {
      const l = makeLetter(rng, tag, { dateline: 'Brussels, 30 February 2015' });
      const html = toHtml(l, '<meta name="date" content="2015-02-30">');
      return { ext: '.html', data: html, note: '<meta name="date" content="2015-02-30">', expect: (file) => ({ outcome: 'index', contains: l.marker, date: null, warning: { file, reason: /invalid date in <meta name="date">/ } }) };
    },
  },
  ...SIDECAR_CASES.map(
    ([note, value, reason]): Recipe => ({
      kind: 'bad-sidecar',
      make: (rng, tag) => {
        const l = makeLetter(rng, tag);
        const sidecar = typeof value === 'string' ? value : JSON.stringify(value);
        return { ext: '.txt', data: l.text, sidecar, note: `sidecar with ${note}`, expect: (file) => ({ outcome: 'index', contains: l.marker, date: l.iso, sender: l.sender, warning: { file: sidecarPathFor(file), reason } }) };
      },
    }),
  ),
  {
    kind: 'bad-front-matter',
    make: (rng, tag) => {
      const l = makeLetter(rng, tag);
      const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`)];
      return { ext: '.md', data: `---\n${levels.join('\n')}\nsender: *g\n---\n${l.text}`, note: 'front matter with a YAML alias bomb', expect: error(/invalid front matter: .*(alias|resource exhaustion)/i) };
    },
  },
  {
    kind: 'bad-front-matter',
    make: (rng, tag) => {
      const l = makeLetter(rng, tag);
      return { ext: '.md', data: `---\nrecipients: Manuel Valls\ntags: [a, b]\n---\n${l.text}`, note: 'front matter with wrong types and an unknown key', expect: error(/invalid front matter: unknown key "tags"/) };
    },
  },
  { kind: 'empty', make: () => ({ ext: '.txt', data: '', note: 'an empty file', expect: error(/^empty file$/) }) },
  { kind: 'empty', make: (rng) => ({ ext: '.md', data: ' \n\t\n'.repeat(int(rng, 1, 50)), note: 'only whitespace', expect: error(/no text in this MD file/) }) },
  ...(['.txt', '.md', '.html', '.eml', '.docx', '.pdf'] as const).map(
    (ext): Recipe => ({
      kind: 'valid',
      make: async (rng, tag) => {
        const l = makeLetter(rng, tag);
        const data = ext === '.eml' ? toEml(l) : ext === '.docx' ? toDocx(l) : ext === '.pdf' ? await toPdf(l) : ext === '.md' ? `---\nsubject: ${l.subject}\n---\n${l.text}` : asText(ext, l);
        return { ext, data, note: `a valid ${ext.slice(1).toUpperCase()} letter`, expect: () => ({ outcome: 'index', contains: l.marker, date: l.iso, sender: l.sender }) };
      },
    }),
  ),
  {
    kind: 'valid',
    make: (rng, tag) => {
      const l = makeLetter(rng, tag);
      const date = new Date(Date.UTC(int(rng, 1990, 2011), int(rng, 0, 11), int(rng, 1, 28))).toISOString().slice(0, 10);
      return { ext: '.txt', data: l.text, sidecar: JSON.stringify({ date, recipients: [{ name: 'Manuel Valls', role: 'Prime Minister' }] }), note: 'a valid letter with a valid sidecar', expect: () => ({ outcome: 'index', contains: l.marker, date, sender: l.sender }) };
    },
  },
];

/**
 * Writes `count` inputs (default 500) into `dir`, emptied first. The same seed and count give the
 * same files. The large inputs come first: a 10 MB line, a zip bomb, deep markup, a 2 MB sidecar;
 * `quick` leaves out the ones that only repeat them.
 */
export async function writeMalformedInputs(dir: string, opts: { count?: number; seed?: number; quick?: boolean } = {}): Promise<MalformedInput[]> {
  const count = opts.count ?? 500;
  const seed = opts.seed ?? 1;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const recipes = [...ONCE, ...(opts.quick ? [] : ONCE_FULL)].slice(0, count);
  for (let i = 0; recipes.length < count; i++) recipes.push(CYCLE[i % CYCLE.length]);
  const inputs: MalformedInput[] = [];
  for (const [i, recipe] of recipes.entries()) {
    const tag = String(i).padStart(3, '0');
    const made = await recipe.make(mulberry32((Math.imul(seed, 0x9e3779b1) + i) >>> 0), tag);
    const file = `${tag}-${recipe.kind}${made.ext}`;
    writeFileSync(join(dir, file), made.data);
    if (made.sidecar !== undefined) writeFileSync(join(dir, sidecarPathFor(file)), made.sidecar);
    inputs.push({ file, kind: recipe.kind, note: made.note, expect: made.expect(file) });
  }
  return inputs;
}

// ------------------------------------------------------------------ judging

export interface IndexedLetter {
  body: string;
  date: string | null;
  sender: string | null;
  passages: number;
}

/** The letters of a built index, by file. */
export function readIndexedLetters(indexDir: string): Map<string, IndexedLetter> {
  const catalogue = JSON.parse(readFileSync(join(indexDir, INDEX_FILES.catalogue), 'utf8')) as Catalogue;
  return new Map(catalogue.letters.map((l) => [l.file, { body: l.body, date: l.meta.date, sender: l.meta.sender, passages: l.labels.length }]));
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * What is wrong with an input's outcome (empty when it met its expectation). `errors` are the
 * build's per-file errors and warnings, `letters` what was indexed.
 */
export function judge(input: MalformedInput, errors: { file: string; reason: string }[], letters: Map<string, IndexedLetter>): string[] {
  const problems: string[] = [];
  const sidecar = sidecarPathFor(input.file);
  const own = errors.filter((e) => e.file === input.file).map((e) => e.reason);
  const side = errors.filter((e) => e.file === sidecar).map((e) => e.reason);
  for (const r of [...own, ...side]) if (!r.trim() || r.includes('\n')) problems.push(`a reason that is not one line: ${JSON.stringify(r.slice(0, 100))}`);
  const letter = letters.get(input.file);
  const e = input.expect;
  if (e.outcome === 'error') {
    if (letter) problems.push('indexed, but should have been refused');
    if (own.length !== 1) problems.push(own.length ? `${own.length} errors: ${own.join(' | ')}` : 'no error reported');
    else if (!e.reason.test(own[0])) problems.push(`reason "${own[0]}" does not match ${e.reason}`);
    if (side.length) problems.push(`unexpected sidecar error: ${side[0]}`);
    return problems;
  }
  const expected = (file: string) => (e.warning?.file === file ? e.warning.reason : null);
  for (const [file, reasons] of [[input.file, own], [sidecar, side]] as const) {
    const want = expected(file);
    if (want && !(reasons.length === 1 && want.test(reasons[0]))) problems.push(`expected one report for ${file} matching ${want}, got ${reasons.length ? reasons.join(' | ') : 'none'}`);
    if (!want && reasons.length) problems.push(`unexpected report for ${file}: ${reasons.join(' | ')}`);
  }
  if (!letter) return [`not indexed`, ...problems];
  if (!letter.passages) problems.push('indexed without passages');
  const body = squash(letter.body);
  if (e.contains && !body.includes(squash(e.contains))) problems.push(`the body lacks "${e.contains}"`);
  if (e.prefixOf !== undefined) {
    // The last word may be cut, or be the start of a boundary line.
    const whole = body.replace(/\s*\S*$/, '');
    if (!body || !squash(e.prefixOf).startsWith(whole)) problems.push(`the body is not a beginning of the letter: "${body.slice(0, 80)}…"`);
  }
  if (e.date !== undefined && letter.date !== e.date) problems.push(`date ${letter.date}, expected ${e.date}`);
  if (e.sender !== undefined && letter.sender !== e.sender) problems.push(`sender ${JSON.stringify(letter.sender)}, expected "${e.sender}"`);
  if (e.without?.test(letter.body)) problems.push(`the body still has ${JSON.stringify(e.without.exec(letter.body)![0])}`);
  return problems;
}

/** Reports for files that are neither an input nor an input's sidecar: something else was lost. */
export function strayErrors(inputs: MalformedInput[], errors: { file: string; reason: string }[]): { file: string; reason: string }[] {
  const known = new Set(inputs.flatMap((i) => [i.file, sidecarPathFor(i.file)]));
  return errors.filter((e) => !known.has(e.file));
}
