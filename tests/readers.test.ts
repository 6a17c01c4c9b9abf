import { execFileSync } from 'node:child_process';
import { promises as fsp, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document, Packer, PageBreak, Paragraph, TextRun } from 'docx';
import iconv from 'iconv-lite';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { decodeText } from '../src/letters/decode.js';
import { emlReader } from '../src/letters/readers/eml.js';
import { docxReader } from '../src/letters/readers/docx.js';
import { htmlToText } from '../src/letters/readers/html.js';
import { extractLetter, isLetterFile, readerFor, SUPPORTED_EXTENSIONS } from '../src/letters/readers/index.js';
import { markdownReader } from '../src/letters/readers/markdown.js';
import { parseMetaOverrides, parseSidecar, sidecarPathFor } from '../src/letters/sidecar-schema.js';
import { LetterReadError } from '../src/letters/types.js';

const LETTERS = path.resolve('tests/fixtures/letters');
const BAD = path.resolve('tests/fixtures/bad');
const MAX = 20 * 1024 * 1024;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'epistle-readers-'));

afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const extract = (file: string) => extractLetter(file, { maxBytes: MAX });

/** The LetterReadError thrown by `run`, checked to be one line. */
async function readError(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (err) {
    expect(err).toBeInstanceOf(LetterReadError);
    const message = (err as Error).message;
    expect(message).not.toMatch(/\n/);
    expect(message.length).toBeGreaterThan(0);
    return message;
  }
  throw new Error('expected a LetterReadError, but the call succeeded');
}

function tmpFile(name: string, data: string | Buffer): string {
  const file = path.join(tmp, name);
  writeFileSync(file, data);
  return file;
}

describe('readers: good letters', () => {
  it('txt: the file exactly, no metadata', async () => {
    const file = path.join(LETTERS, 'letter.txt');
    const got = await extract(file);
    expect(got).toEqual({ format: 'txt', text: readFileSync(file, 'utf8'), meta: {} });
    expect(got.text).toContain('held without charge in Port Adela for 412 days');
  });

  it('md: front matter becomes metadata and is not part of the text', async () => {
    const file = path.join(LETTERS, 'letter.md');
    const got = await extract(file);
    expect(got.format).toBe('md');
    expect(got.meta).toEqual({ sender: 'Pieter van Damme', date: '2018-04-03' });
    expect(got.text).not.toContain('sender:');
    expect(readFileSync(file, 'utf8').endsWith(got.text)).toBe(true);
    expect(got.text.trimStart().startsWith('**Pieter van Damme**  \nMember of the European Parliament')).toBe(true);
    expect(got.text).toContain('lasted only *eleven days*');
  });

  it('eml: text/plain body, metadata from the headers', async () => {
    const got = await extract(path.join(LETTERS, 'letter.eml'));
    expect(got.format).toBe('eml');
    expect(got.meta).toEqual({
      sender: 'Léa Moreau',
      // The From: header's address.
      senderAddress: 'lea.moreau@lawyersatrisk.example',
      senderRole: null,
      recipients: [{ name: 'Daniel Okafor', role: null }],
      cc: [
        { name: 'Ingrid Solberg', role: null },
        { name: 'Tomasz Wrona', role: null },
      ],
      date: '2015-05-25',
      subject: 'Urgent appeal: detention of lawyer Samira Haddad',
    });
    // A long line rejoined across quoted-printable soft breaks.
    expect(got.text).toContain(
      'Ms Haddad had represented 23 dock workers who were dismissed after the strike at the port of Halvik.\n',
    );
    expect(got.text.startsWith('Geneva, 25.05.2015\n\nMr Daniel Okafor\n')).toBe(true);
    expect(got.text).toContain('Léa Moreau | Director, Lawyers at Risk Programme');
    expect(got.text).not.toMatch(/<p>|\r/);
  });

  it('pdf: one text per page joined with \\f, paragraphs kept apart', async () => {
    const got = await extract(path.join(LETTERS, 'letter.pdf'));
    expect(got.format).toBe('pdf');
    const pages = got.text.split('\f');
    expect(pages).toHaveLength(2);
    for (const page of pages) expect(page.startsWith('RIVERWATCH INTERNATIONAL')).toBe(true);
    expect(pages[0]).toMatch(/requires free, prior and informed\n\nPage 1 of 2$/);
    expect(pages[1]).toMatch(/^RIVERWATCH[^\n]*\n\nconsent from every affected community/);
    expect(pages[1].endsWith('Page 2 of 2')).toBe(true);
    expect(pages[0]).toContain('London, June 29, 2017\n\nMr Henrik Aalto\nPresident\nNorthern Investment Bank\n');
    expect(pages[1]).toContain('Sincerely yours,\n\nAmara Nwosu, Executive Director\nRiverwatch International');
  });

  it('docx: paragraphs separated by blank lines, soft line breaks kept', async () => {
    const got = await extract(path.join(LETTERS, 'letter.docx'));
    expect(got.format).toBe('docx');
    expect(got.meta).toEqual({});
    expect(got.text).toContain('Strasbourg, 9 November 2020\n\nMr Lukas Brenner\nMinister of the Interior\nHerrengasse 7, 1010 Vienna\n\nDear Minister,\n\n');
    expect(got.text).toContain('keep the content for 36 months without a court order.\n\nThe Court of Justice');
    expect(got.text.endsWith('CC:\nMs Elena Petrova, Chair of the Committee on Legal Affairs\n')).toBe(true);
  });

  it('docx: a page break becomes \\f', async () => {
    const doc = new Document({
      sections: [{ children: [new Paragraph({ children: [new TextRun('Page one'), new PageBreak(), new TextRun('page two')] }), new Paragraph('Next')] }],
    });
    const got = await docxReader.read(await Packer.toBuffer(doc), 'x.docx');
    expect(got.text).toBe('Page one\fpage two\n\nNext\n');
  });

  it('html: blocks become breaks, scripts and styles dropped, entities decoded, head metadata', async () => {
    const got = await extract(path.join(LETTERS, 'letter.html'));
    expect(got.format).toBe('html');
    expect(got.meta).toEqual({
      subject: 'Hunger strike of Viktor Salenko',
      sender: 'Rasa Jankauskaitė',
      date: '2016-02-14',
      language: 'en',
    });
    expect(got.text.startsWith('Rasa Jankauskaitė\nMember of the Seimas\nGedimino pr. 53, LT-01109 Vilnius\n\nVilnius, 14 February 2016\n\n')).toBe(true);
    expect(got.text).toContain('Mr Pavel Dorin\nProsecutor General\nRepublic of Kestria\n\nDear Mr Dorin,\n\n');
    expect(got.text).toContain('taken to the colony’s infirmary');
    expect(got.text).toContain('for “organising mass disorder” after');
    expect(got.text).toContain('Penal Colony No.\u00a07');
    expect(got.text).toContain('hear the eleven defence witnesses');
    expect(got.text).not.toMatch(/dataLayer|font-family|querySelector|<|&\w+;/);
    expect(got.text.endsWith('CC:\nMr Andrius Petraitis, Head of the EU Delegation to Kestria')).toBe(true);
  });

  it('html: <pre> keeps its whitespace; tables, lists and <br><br>', () => {
    const html = '<ul><li>one</li><li>two</li></ul><table><tr><td>a</td><td>b</td></tr></table><pre>  x   y\n z</pre><p>A<br><br>B</p>';
    expect(htmlToText(html)).toBe('one\ntwo\n\na\tb\n\n  x   y\n z\n\nA\n\nB');
  });

  it('Windows-1252 text is decoded, not rejected', async () => {
    const got = await extract(path.join(LETTERS, 'legacy-1252.txt'));
    expect(got.text).toContain('Ms Hélène Roussel\nPrefect of the Bouches-du-Rhône');
    expect(got.text).toContain('fined €45,000 for publishing the report “Eaux troubles”');
    expect(got.text).not.toContain('\r');
  });

  it('UTF-16 LE with a BOM is decoded, BOM stripped, CRLF normalised', async () => {
    const got = await extract(path.join(LETTERS, 'utf16.txt'));
    expect(got.text.startsWith('Oslo, 2 December 2021\n\nMr Erik Haugland\n')).toBe(true);
    expect(got.text).toContain('Ráhkká reindeer herding district');
    expect(got.text).not.toContain('\r');
  });

  it('expected-letters.json: every fixture reads, and what it names is in the letter', async () => {
    const expected = JSON.parse(readFileSync(path.resolve('tests/fixtures/expected-letters.json'), 'utf8')) as Record<
      string,
      { sender: string; senderRole: string; recipients: string[]; cc: string[]; date: string; place: string }
    >;
    expect(Object.keys(expected).sort()).toEqual(
      ['legacy-1252.txt', 'letter.docx', 'letter.eml', 'letter.html', 'letter.md', 'letter.pdf', 'letter.txt', 'sidecar-letter.txt', 'utf16.txt'],
    );
    for (const [file, meta] of Object.entries(expected)) {
      const { text } = await extract(path.join(LETTERS, file));
      const sidecar = file === 'sidecar-letter.txt';
      for (const name of [...meta.recipients, ...meta.cc, meta.place, ...(sidecar ? [] : [meta.sender, meta.senderRole])]) {
        expect(text, `${file}: ${name}`).toContain(name);
      }
      expect(meta.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('sidecar: overrides the date and the sender', () => {
    const file = path.join(LETTERS, 'sidecar-letter.txt');
    const sidecar = sidecarPathFor(file);
    expect(path.basename(sidecar)).toBe('sidecar-letter.meta.json');
    expect(parseSidecar(readFileSync(sidecar, 'utf8'))).toEqual({
      sender: 'Greta Lindahl',
      senderRole: 'Chair, Clean Threads Coalition',
      date: '2022-01-14',
    });
  });
});

describe('decodeText', () => {
  const utf16 = (text: string, le: boolean, bom: boolean) => {
    const body = Buffer.from(text, 'utf16le');
    if (!le) body.swap16();
    return bom ? Buffer.concat([Buffer.from(le ? [0xff, 0xfe] : [0xfe, 0xff]), body]) : body;
  };

  it('strips a UTF-8 BOM and normalises CRLF and CR', () => {
    expect(decodeText(Buffer.from('\ufeffa\r\nb\rc\n', 'utf8'), 'x')).toBe('a\nb\nc\n');
  });

  it('decodes UTF-16 BE with a BOM and UTF-16 without one', () => {
    expect(decodeText(utf16('Dear Sámi Parliament,\r\n', false, true), 'x')).toBe('Dear Sámi Parliament,\n');
    expect(decodeText(utf16('Dear Minister, we write…', true, false), 'x')).toBe('Dear Minister, we write…');
    expect(decodeText(utf16('Dear Minister, we write…', false, false), 'x')).toBe('Dear Minister, we write…');
  });

  it('decodes legacy encodings chardet recognises', () => {
    const text = 'Zürich, 1. März 2019\n\nSehr geehrte Frau Müller, wir schreiben Ihnen wegen der Gebühr von 300 € für die „Straße“.\n';
    expect(decodeText(iconv.encode(text, 'windows-1252'), 'x')).toBe(text);
  });

  it('keeps Latin-1 for lone high bytes in ASCII text (no way to tell them from ISO-8859-1)', () => {
    const bytes = Buffer.concat([Buffer.from('Dear Sir, plain text. '), Buffer.from([0xff, 0xc0]), Buffer.from(' end\n')]);
    expect(decodeText(bytes, 'x')).toBe('Dear Sir, plain text. ÿÀ end\n');
  });

  it('rejects bytes that no legacy encoding defines', async () => {
    const bytes = Buffer.concat([Buffer.from('Plain ASCII letter text here. '), Buffer.from([0x81, 0x8d, 0x20, 0x90]), Buffer.from(' end\n')]);
    expect(await readError(async () => decodeText(bytes, 'x'))).toMatch(/^invalid UTF-8 at byte 30, and not sensible as \S+ either/);
  });

  it('rejects binary content and broken UTF-16', async () => {
    expect(await readError(async () => decodeText(Buffer.from('PK\x03\x04\x00\x00binary\x00\x01\x02'), 'x'))).toBe('binary content, not a text letter');
    expect(await readError(async () => decodeText(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42]), 'x'))).toMatch(/truncated UTF-16 LE/);
    expect(await readError(async () => decodeText(Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]), 'x'))).toMatch(/unpaired surrogate/);
  });
});

describe('sniffing', () => {
  const pdf = readFileSync(path.join(LETTERS, 'letter.pdf'));
  const docx = readFileSync(path.join(LETTERS, 'letter.docx'));
  const eml = readFileSync(path.join(LETTERS, 'letter.eml'));

  it('content wins over the extension', () => {
    expect(readerFor('a.txt', pdf).format).toBe('pdf');
    expect(readerFor('a.md', docx).format).toBe('docx');
    expect(readerFor('a.txt', Buffer.from('\n<!DOCTYPE html>\n<html><body>x</body></html>')).format).toBe('html');
    expect(readerFor('a.txt', Buffer.from('<html lang="en"><p>x</p></html>')).format).toBe('html');
    expect(readerFor('a.txt', eml).format).toBe('eml');
    expect(readerFor('a.html', eml).format).toBe('eml');
  });

  it('the extension decides when the content says nothing', () => {
    expect(readerFor('a.TXT', Buffer.from('Dear Minister,')).format).toBe('txt');
    expect(readerFor('a.markdown', Buffer.from('# Letter')).format).toBe('md');
    expect(readerFor('a.htm', Buffer.from('<p>x</p>')).format).toBe('html');
    expect(readerFor('a.eml', Buffer.from('Dear Minister,')).format).toBe('eml');
    // A zip without word/document.xml is not sniffed as DOCX.
    expect(readerFor('a.txt', Buffer.from('PK\x03\x04 something else')).format).toBe('txt');
  });

  it('a memo with To:/From: lines is not taken for e-mail', () => {
    const memo = 'To: Minister of Justice\nFrom: Jane Doe, Director\nDate: 12 March 2019\nSubject: Prison visits\n\nDear Minister,\n';
    expect(readerFor('memo.txt', Buffer.from(memo)).format).toBe('txt');
  });

  it('a bare RFC 822 header block is taken for e-mail', () => {
    const mail = 'Received: from mx.example by mx2.example; Mon, 1 Jun 2020 10:00:00 +0000\nFrom: A <a@example.org>\nTo: b@example.org\nSubject: Hi\n\nBody\n';
    expect(readerFor('saved.txt', Buffer.from(mail)).format).toBe('eml');
  });

  it('a PDF named .txt is read as PDF', async () => {
    const got = await extract(tmpFile('disguised.txt', pdf));
    expect(got.format).toBe('pdf');
    expect(got.text).toContain('Page 2 of 2');
  });

  it('throws for unsupported extensions', async () => {
    expect(await readError(async () => readerFor('a.gif', pdf))).toBe(
      'unsupported file type .gif (supported: .txt, .md, .markdown, .eml, .pdf, .docx, .html, .htm, .png, .jpg, .jpeg, .tif, .tiff)',
    );
    expect(await readError(async () => readerFor('README', Buffer.from('x')))).toMatch(/^unsupported file type \(no extension\)/);
  });
});

describe('e-mail structure', () => {
  const headers = 'From: "Jo Bloggs" <jo@example.org>\r\nTo: Undisclosed recipients:;\r\nSubject: Test\r\nMIME-Version: 1.0\r\n';

  it('uses the HTML part when there is no text/plain part', async () => {
    const mail = `${headers}Content-Type: text/html; charset=utf-8\r\n\r\n<p>Dear Minister,</p><p>We write&hellip;<br>again.</p>\r\n`;
    const got = await emlReader.read(Buffer.from(mail), 'x.eml');
    expect(got.text).toBe('Dear Minister,\n\nWe write…\nagain.');
    expect(got.meta.sender).toBe('Jo Bloggs');
    expect(got.meta.recipients).toEqual([]);
    expect(got.meta.date).toBeNull();
  });

  function nested(depth: number): Buffer {
    let body = 'Content-Type: text/plain; charset=utf-8\r\n\r\nDeep letter text.\r\n';
    for (let d = 0; d < depth; d++) {
      const b = `b${d}`;
      body =
        `Content-Type: multipart/mixed; boundary="${b}"\r\n\r\n--${b}\r\n${body}\r\n--${b}\r\n` +
        `Content-Type: message/rfc822\r\n\r\nFrom: x@example.org\r\nSubject: inner\r\n\r\ninner body\r\n--${b}--\r\n`;
    }
    return Buffer.from(headers + body);
  }

  it('reads the text under deep MIME nesting with attached messages', async () => {
    expect((await emlReader.read(nested(60), 'x.eml')).text).toBe('Deep letter text.\n');
  });

  it('refuses absurd nesting with a reason instead of crashing', async () => {
    expect(await readError(() => emlReader.read(nested(1000), 'x.eml'))).toMatch(/^cannot parse e-mail: /);
  });

  it('turns a sender without a display name into the address', async () => {
    const got = await emlReader.read(Buffer.from('From: jo@example.org\r\nTo: a@example.org, "B" <b@example.org>\r\nDate: Sun, 31 Dec 2017 23:30:00 -0500\r\n\r\nHi\r\n'), 'x.eml');
    expect(got.meta.sender).toBe('jo@example.org');
    expect(got.meta.recipients).toEqual([
      { name: 'a@example.org', role: null },
      { name: 'B', role: null },
    ]);
    expect(got.meta.date).toBe('2018-01-01'); // UTC
  });
});

describe('bad inputs', () => {
  it('empty file', async () => {
    expect(await readError(() => extract(path.join(BAD, 'empty.txt')))).toBe('empty file');
  });

  it('random bytes', async () => {
    expect(await readError(() => extract(path.join(BAD, 'garbage.txt')))).toBe('binary content, not a text letter');
  });

  it('damaged UTF-8 is refused, not garbled into Windows-1252', async () => {
    expect(await readError(() => extract(path.join(BAD, 'invalid-utf8.txt')))).toBe(
      'invalid UTF-8 at byte 118 in a file that is otherwise UTF-8; re-save it as UTF-8',
    );
  });

  it('a scanned PDF without a text layer, whose OCR reads only noise', async () => {
    // OCR runs (tests/ocr.test.ts covers scans that read); this one is random strokes, so its text is left out.
    expect(await readError(() => extract(path.join(BAD, 'scan.pdf')))).toMatch(
      /^PDF has no text layer, and OCR found no readable text on its page \(mean word confidence \d+(\.\d)?, below 50\)$/,
    );
  }, 60_000);

  it('an image with no text in it', async () => {
    expect(await readError(() => extract(path.join(BAD, 'image.png')))).toBe('OCR found no text in this PNG image');
  }, 60_000);

  it('an unsupported file type', async () => {
    expect(await readError(() => extract(tmpFile('photo.gif', 'GIF89a')))).toBe(
      'unsupported file type .gif (supported: .txt, .md, .markdown, .eml, .pdf, .docx, .html, .htm, .png, .jpg, .jpeg, .tif, .tiff)',
    );
  });

  it('a sidecar with wrong types', async () => {
    const json = readFileSync(path.join(BAD, 'bad-sidecar.meta.json'), 'utf8');
    expect(await readError(async () => parseSidecar(json))).toBe(
      'invalid sidecar: recipients: expected a list of names or {name, role} objects, got string "Commissioner for Health"; ' +
        'date: expected a date string such as "2019-03-12", got number 42',
    );
    // The letter itself is fine.
    expect((await extract(path.join(BAD, 'bad-sidecar.txt'))).text).toContain('Maria Olsen, Policy Officer');
  });

  it('sidecar and front matter: unknown keys, bad JSON, bad YAML', async () => {
    expect(await readError(async () => parseMetaOverrides({ sender: 'A', author: 'B' }, 'sidecar'))).toMatch(/^invalid sidecar: unknown key "author" \(allowed: sender, /);
    expect(await readError(async () => parseSidecar('{"sender": '))).toMatch(/^sidecar is not valid JSON: /);
    expect(await readError(() => markdownReader.read(Buffer.from('---\ntags: [a, b]\n---\nText'), 'x.md'))).toMatch(/^invalid front matter: unknown key "tags"/);
    expect(await readError(() => markdownReader.read(Buffer.from('---\nsender: [\n---\nText'), 'x.md'))).toMatch(/^invalid front matter: /);
    expect(parseMetaOverrides({ date: '12 March 2019', recipients: ['A', { name: 'B', role: 'Minister' }] }, 'sidecar')).toEqual({
      date: '2019-03-12',
      recipients: [
        { name: 'A', role: null },
        { name: 'B', role: 'Minister' },
      ],
    });
  });

  it('a leading "---" that is not front matter stays in the text', async () => {
    const got = await markdownReader.read(Buffer.from('---\nDear Minister,\n---\n'), 'x.md');
    expect(got).toEqual({ format: 'md', text: '---\nDear Minister,\n---\n', meta: {} });
  });

  it('broken PDF and DOCX files', async () => {
    expect(await readError(() => extract(tmpFile('broken.pdf', '%PDF-1.7\nthis is not a pdf\n')))).toMatch(/^not a readable PDF: /);
    expect(await readError(() => extract(tmpFile('broken.docx', 'Dear Minister, plain text')))).toMatch(/^not a readable DOCX file: /);
  });

  it('a file with only whitespace', async () => {
    expect(await readError(() => extract(tmpFile('blank.txt', ' \n\n\t\n')))).toBe('no text in this TXT file');
  });

  it('a 50 MB file is refused without being read', async () => {
    const big = path.join(tmp, 'huge.txt');
    const handle = await fsp.open(big, 'w');
    await handle.truncate(50 * 1024 * 1024); // sparse
    await handle.close();
    const readFile = vi.spyOn(fsp, 'readFile');
    expect(await readError(() => extract(big))).toBe('file is 50.0 MB, over the 20.0 MB limit (MAX_LETTER_BYTES)');
    expect(readFile).not.toHaveBeenCalled();
  });
});

describe('unreadable files', () => {
  it('a directory', async () => {
    const dir = path.join(tmp, 'folder.txt');
    mkdirSync(dir);
    expect(await readError(() => extract(dir))).toBe('cannot read file: it is a directory');
  });

  it('a path through a file', async () => {
    const file = tmpFile('plain.txt', 'x');
    expect(await readError(() => extract(path.join(file, 'inner.txt')))).toBe('cannot read file: ENOTDIR: not a directory');
  });

  it('a missing file', async () => {
    expect(await readError(() => extract(path.join(tmp, 'missing.txt')))).toBe('cannot read file: ENOENT: no such file or directory');
  });

  it('a named pipe is refused without blocking on it', async () => {
    const fifo = path.join(tmp, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    expect(await readError(() => extract(fifo))).toBe('cannot read file: it is a named pipe');
  });

  it('a read error from the file system', async () => {
    const file = tmpFile('locked.txt', 'Dear Minister,');
    vi.spyOn(fsp, 'readFile').mockRejectedValueOnce(
      Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: 'EACCES', syscall: 'open' }),
    );
    expect(await readError(() => extract(file))).toBe('cannot read file: EACCES: permission denied');
  });

  it.skipIf(process.getuid?.() === 0)('a file without read permission (skipped as root, who may read it anyway)', async () => {
    const file = tmpFile('noperm.txt', 'Dear Minister,');
    chmodSync(file, 0o000);
    expect(await readError(() => extract(file))).toBe('cannot read file: EACCES: permission denied');
  });
});

describe('isLetterFile and SUPPORTED_EXTENSIONS', () => {
  it('lists the supported extensions', () => {
    expect(SUPPORTED_EXTENSIONS).toEqual(['.txt', '.md', '.markdown', '.eml', '.pdf', '.docx', '.html', '.htm', '.png', '.jpg', '.jpeg', '.tif', '.tiff']);
  });

  it('accepts letters and skips hidden files, sidecars and lock files', () => {
    for (const name of ['a.txt', 'dir/b.PDF', 'c.docx', 'd.eml', 'e.md', 'f.markdown', 'g.html', 'h.htm', 'scan.png', 'photo.JPG', 'fax.tiff']) expect(isLetterFile(name), name).toBe(true);
    for (const name of ['.hidden.txt', 'a.meta.json', 'x.gif', 'README', '~$letter.docx', 'dir/.DS_Store', 'notes.json']) {
      expect(isLetterFile(name), name).toBe(false);
    }
  });
});
