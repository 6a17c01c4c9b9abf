/**
 * Writes the reader fixtures: fictional letters, one per format, under tests/fixtures/letters/
 * (with expected-letters.json, the metadata a careful reader would take from each), and bad inputs
 * under tests/fixtures/bad/.
 *
 *   npx tsx scripts/make-fixtures.ts
 *
 * Output is deterministic: fixed dates in PDF and DOCX metadata and zip entries, a seeded PRNG.
 * The 50 MB over-size case is not a fixture; the test creates it at run time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import iconv from 'iconv-lite';
// jszip is a dependency of mammoth and docx; used here only to re-date the DOCX zip entries.
import JSZip from 'jszip';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import type { PDFFont, PDFPage } from 'pdf-lib';
import type { LetterSummary } from '../src/letters/summary.js';
import { mulberry32 } from '../bench/random.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LETTERS = path.join(ROOT, 'tests/fixtures/letters');
const BAD = path.join(ROOT, 'tests/fixtures/bad');
const FIXED_DATE = new Date('2020-01-01T00:00:00Z');

/** The metadata a careful reader would take from a fixture: part of what `npm run letters -- --json` prints. */
type Expected = Pick<LetterSummary, 'sender' | 'senderRole' | 'recipients' | 'cc' | 'date' | 'place'>;

const expected: Record<string, Expected> = {};

function write(dir: string, name: string, data: string | Uint8Array): void {
  writeFileSync(path.join(dir, name), data);
  console.log(`${path.relative(ROOT, path.join(dir, name))} (${typeof data === 'string' ? Buffer.byteLength(data) : data.length} bytes)`);
}

// ---------------------------------------------------------------- letter.txt

const LETTER_TXT = `Nordic Press Freedom Network
Kungsgatan 14, 111 43 Stockholm

Stockholm, 12 March 2019

Ms Anna Lindqvist
Minister for Foreign Affairs
Government Offices of Sweden
103 33 Stockholm

Dear Minister,

We are writing to you about the case of Elias Marrow, the Swedish-Kestrian editor of the weekly newspaper Dagsljus, who has now been held without charge in Port Adela for 412 days. Mr Marrow was arrested on 24 January 2018, two days after Dagsljus published an investigation into the sale of fishing licences in the Kestrian coastal zone.

Since his arrest, no Swedish consular official has been allowed to visit him. His family last received a letter from him in October 2018, in which he wrote that he was held in a cell without daylight and had been refused his reading glasses.

We ask the Government to summon the Kestrian ambassador, to request consular access within thirty days, and to raise Mr Marrow's detention at the next session of the UN Human Rights Council in Geneva.

Yours sincerely,

Karin Holmberg, Chair
Nordic Press Freedom Network

CC:
Mr Jonas Ekdahl, Ambassador for Human Rights
Ms Sofia Rahimi, Chair of the Committee on Foreign Affairs
`;

expected['letter.txt'] = {
  sender: 'Karin Holmberg',
  senderRole: 'Chair',
  recipients: ['Anna Lindqvist'],
  cc: ['Jonas Ekdahl', 'Sofia Rahimi'],
  date: '2019-03-12',
  place: 'Stockholm',
};

// ---------------------------------------------------------------- letter.md

const LETTER_MD = `---
sender: Pieter van Damme
date: 2018-04-03
---

**Pieter van Damme**  
Member of the European Parliament  
Rue Wiertz 60, 1047 Brussels

Brussels, 3 April 2018

Dr Helena Vasquez  
Director-General for Environment  
European Commission  
1049 Brussels

**Subject: Mining permit for the Valea Verde nickel project**

Dear Dr Vasquez,

I am writing to draw your attention to the permit granted on 9 February 2018 for an open-pit nickel mine at Valea Verde. The mine would cover 340 hectares, half of them inside a Natura 2000 site, and would draw 2.1 million cubic metres of water a year from the river Sâmbra.

The public consultation on the environmental impact assessment lasted only *eleven days*, and the assessment itself does not mention the colony of 60 pairs of white-tailed eagles that nests in the valley.

I would be grateful if the Commission could examine whether the permit complies with the Habitats Directive and, if it does not, open infringement proceedings.

Sincerely yours,

Pieter van Damme | Member of the European Parliament
`;

expected['letter.md'] = {
  sender: 'Pieter van Damme',
  senderRole: 'Member of the European Parliament',
  recipients: ['Helena Vasquez'],
  cc: [],
  date: '2018-04-03',
  place: 'Brussels',
};

// ---------------------------------------------------------------- letter.eml

const EML_BODY = `Geneva, 25.05.2015

Mr Daniel Okafor
Special Rapporteur on the Independence of Judges and Lawyers
Palais des Nations, 1211 Geneva 10

Dear Mr Okafor,

We write to ask for your urgent intervention on behalf of Samira Haddad, a lawyer who was sentenced on 14 April 2015 to seven years in prison for "insulting the judiciary". Ms Haddad had represented 23 dock workers who were dismissed after the strike at the port of Halvik.

Ms Haddad is held in Barrow Hill prison, 300 kilometres from her family. She suffers from a heart condition and has twice been refused a visit by her own doctor.

We respectfully ask you to send a communication to the authorities and to request information about her state of health and the legal basis of her conviction.

Yours sincerely,

Léa Moreau | Director, Lawyers at Risk Programme

CC:
Ms Ingrid Solberg, Chair of the Bar Council
Mr Tomasz Wrona, Human Rights Officer
`;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The same letter as HTML: one <p> per paragraph, <br> for lines within a block. */
function paragraphsToHtml(text: string): string {
  return text
    .trim()
    .split(/\n{2,}/)
    .map((block) => `<p>${block.split('\n').map(escapeHtml).join('<br>\n')}</p>`)
    .join('\n');
}

/** Quoted-printable (RFC 2045) for UTF-8 text with CRLF line breaks. */
function quotedPrintable(text: string): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    let encoded = '';
    const bytes = Buffer.from(line, 'utf8');
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      const last = i === bytes.length - 1;
      const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
      encoded += literal ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    // Soft line breaks keep lines under 76 characters without splitting an =XX escape.
    while (encoded.length > 75) {
      let cut = 75;
      if (encoded[cut - 1] === '=') cut -= 1;
      else if (encoded[cut - 2] === '=') cut -= 2;
      out.push(encoded.slice(0, cut) + '=');
      encoded = encoded.slice(cut);
    }
    out.push(encoded);
  }
  return out.join('\r\n');
}

function base64Lines(text: string): string {
  return (Buffer.from(text, 'utf8').toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

const EML_HTML = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>p { margin: 0 0 1em; }</style></head>
<body>
${paragraphsToHtml(EML_BODY)}
</body></html>
`;

const LETTER_EML = [
  'Return-Path: <lea.moreau@lawyersatrisk.example>',
  'Message-ID: <20150525091400.4471@lawyersatrisk.example>',
  'Date: Mon, 25 May 2015 09:14:00 +0200',
  'From: =?UTF-8?Q?L=C3=A9a_Moreau?= <lea.moreau@lawyersatrisk.example>',
  'To: Daniel Okafor <d.okafor@ohchr.example>',
  'Cc: Ingrid Solberg <ingrid.solberg@barcouncil.example>,',
  ' "Tomasz Wrona" <t.wrona@ohchr.example>',
  'Subject: Urgent appeal: detention of lawyer Samira Haddad',
  'MIME-Version: 1.0',
  'Content-Type: multipart/alternative; boundary="=_epistle_alt_1"',
  '',
  'This is a multi-part message in MIME format.',
  '',
  '--=_epistle_alt_1',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  quotedPrintable(EML_BODY),
  '--=_epistle_alt_1',
  'Content-Type: text/html; charset=utf-8',
  'Content-Transfer-Encoding: base64',
  '',
  base64Lines(EML_HTML),
  '--=_epistle_alt_1--',
  '',
].join('\r\n');

expected['letter.eml'] = {
  sender: 'Léa Moreau',
  senderRole: 'Director, Lawyers at Risk Programme',
  recipients: ['Daniel Okafor'],
  cc: ['Ingrid Solberg', 'Tomasz Wrona'],
  date: '2015-05-25',
  place: 'Geneva',
};

// ---------------------------------------------------------------- letter.pdf

const PDF_LETTERHEAD = 'RIVERWATCH INTERNATIONAL  |  18 Canal Street, London E1 6AN  |  www.riverwatch.example';

/** Page 1 ends in the middle of a sentence that page 2 finishes. */
const PDF_PAGES: string[][] = [
  [
    'London, June 29, 2017',
    'Mr Henrik Aalto\nPresident\nNorthern Investment Bank\nFabianinkatu 21, 00130 Helsinki',
    'Dear Mr Aalto,',
    'We are writing on behalf of the communities of the Rio Claro valley about the loan of EUR 480 million that the Northern Investment Bank is considering for the Alto Claro hydroelectric dam. The reservoir would flood 14 villages and displace some 6,300 people, most of them smallholder farmers.',
    'In March 2017 our researchers interviewed 212 residents. Not one of them had been told where they would be resettled, and the compensation offered, about EUR 900 per household, would not buy a year of food. Two village councils have written to the bank without receiving a reply.',
    "The bank's own safeguard policy requires free, prior and informed",
  ],
  [
    'consent from every affected community before a loan is approved. That consent has not been sought, let alone given.',
    'We therefore ask the bank to postpone the board decision scheduled for 18 September 2017, to commission an independent review of the resettlement plan, and to meet representatives of the valley before any decision is taken.',
    'Sincerely yours,',
    'Amara Nwosu, Executive Director\nRiverwatch International',
    'CC:\nMs Clara Jensen, Vice-President for Sustainability\nMr Oskar Lind, Chair of the Board Audit Committee',
  ],
];

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const hardLine of text.split('\n')) {
    let line = '';
    for (const word of hardLine.split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && font.widthOfTextAtSize(candidate, size) > width) {
        lines.push(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    lines.push(line);
  }
  return lines;
}

async function makeLetterPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setTitle('Alto Claro hydroelectric dam');
  pdf.setAuthor('Amara Nwosu');
  pdf.setCreator('Epistle fixtures');
  pdf.setProducer('pdf-lib');
  pdf.setCreationDate(FIXED_DATE);
  pdf.setModificationDate(FIXED_DATE);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const size = 11;
  const lineHeight = 15;
  PDF_PAGES.forEach((paragraphs, p) => {
    const page: PDFPage = pdf.addPage([595, 842]);
    page.drawText(PDF_LETTERHEAD, { x: 56, y: 800, size: 9, font: bold, color: rgb(0.1, 0.3, 0.5) });
    page.drawLine({ start: { x: 56, y: 792 }, end: { x: 539, y: 792 }, thickness: 0.5 });
    let y = 750;
    for (const paragraph of paragraphs) {
      for (const line of wrap(paragraph, font, size, 483)) {
        page.drawText(line, { x: 56, y, size, font });
        y -= lineHeight;
      }
      y -= lineHeight * 0.8;
    }
    page.drawText(`Page ${p + 1} of ${PDF_PAGES.length}`, { x: 270, y: 40, size: 9, font });
  });
  return pdf.save({ useObjectStreams: false });
}

expected['letter.pdf'] = {
  sender: 'Amara Nwosu',
  senderRole: 'Executive Director',
  recipients: ['Henrik Aalto'],
  cc: ['Clara Jensen', 'Oskar Lind'],
  date: '2017-06-29',
  place: 'London',
};

// ---------------------------------------------------------------- letter.docx

/** Blocks of the DOCX letter; lines within a block are soft line breaks. */
const DOCX_BLOCKS: string[] = [
  'Marta Kowalczyk\nMember of the European Parliament\nCommittee on Civil Liberties, Justice and Home Affairs',
  'Strasbourg, 9 November 2020',
  'Mr Lukas Brenner\nMinister of the Interior\nHerrengasse 7, 1010 Vienna',
  'Dear Minister,',
  'I am writing about Bill 114 on the "modernisation of communications surveillance", which the Parliament is due to vote on 19 November 2020. The bill would allow the intelligence service to intercept messages in bulk and to keep the content for 36 months without a court order.',
  'The Court of Justice of the European Union has twice ruled that general and indiscriminate retention of communications data is incompatible with the Charter of Fundamental Rights. Bill 114 goes further than the laws struck down in those cases: it also covers end-to-end encrypted messaging services and requires providers to install interception software.',
  'I urge you to withdraw the bill, or at least to submit it to the Venice Commission for an opinion before the vote.',
  'Yours sincerely,',
  'Marta Kowalczyk, Member of the European Parliament',
  'CC:\nMs Elena Petrova, Chair of the Committee on Legal Affairs',
];

function docxParagraph(block: string, index: number): Paragraph {
  const lines = block.split('\n');
  return new Paragraph({
    alignment: index === 1 ? AlignmentType.RIGHT : AlignmentType.LEFT,
    spacing: { after: 200 },
    children: lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, bold: index === 0 && i === 0 })),
  });
}

/** Re-zips with fixed entry dates and fixed core-property dates, for identical bytes on every run. */
async function freezeDocx(bytes: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  const stamp = FIXED_DATE.toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name];
    if (entry.dir) continue;
    let content: string | Uint8Array = await entry.async('uint8array');
    if (name === 'docProps/core.xml') {
      content = Buffer.from(content)
        .toString('utf8')
        .replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${stamp}$2`);
    }
    out.file(name, content, { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
}

async function makeLetterDocx(): Promise<Buffer> {
  const doc = new Document({
    creator: 'Marta Kowalczyk',
    lastModifiedBy: 'Marta Kowalczyk',
    title: 'Bill 114 on communications surveillance',
    revision: 1,
    sections: [{ children: DOCX_BLOCKS.map(docxParagraph) }],
  });
  return freezeDocx(await Packer.toBuffer(doc));
}

expected['letter.docx'] = {
  sender: 'Marta Kowalczyk',
  senderRole: 'Member of the European Parliament',
  recipients: ['Lukas Brenner'],
  cc: ['Elena Petrova'],
  date: '2020-11-09',
  place: 'Strasbourg',
};

// ---------------------------------------------------------------- letter.html

const LETTER_HTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Hunger strike of Viktor Salenko</title>
<meta name="author" content="Rasa Jankauskaitė">
<meta name="date" content="2016-02-14">
<style>
  body { font-family: Georgia, serif; max-width: 40em; }
  .dateline { text-align: right; }
</style>
<script>window.dataLayer = window.dataLayer || []; if (1 < 2) { console.log("not letter text"); }</script>
</head>
<body>
<header><strong>Rasa Jankauskaitė</strong><br>Member of the Seimas<br>Gedimino pr. 53, LT-01109 Vilnius</header>
<p class="dateline">Vilnius, 14 February 2016</p>
<address>Mr Pavel Dorin<br>
Prosecutor General<br>
Republic of Kestria</address>
<p>Dear Mr Dorin,</p>
<p>I am writing about Viktor Salenko, the leader of the opposition party Civic Dawn, who has been on hunger strike in Penal Colony No.&nbsp;7 since 22 January 2016. According to his lawyer, he has lost 14&nbsp;kg and was taken to the colony&rsquo;s infirmary on 11 February.</p>
<p>Mr Salenko was sentenced to eight years for &ldquo;organising mass disorder&rdquo; after the peaceful rally of 3 October 2014. The court refused to hear the <em>eleven</em> defence witnesses, and the only evidence against him was the testimony of two police officers.</p>
<p>I urge you to allow independent doctors to examine him without delay &ndash; and to review his conviction.</p>
<p>Yours sincerely,</p>
<p>Rasa Jankauskaitė, Member of the Seimas</p>
<p>CC:<br>Mr Andrius Petraitis, Head of the EU Delegation to Kestria</p>
<script>document.querySelector(".dateline").title = "printed";</script>
</body>
</html>
`;

expected['letter.html'] = {
  sender: 'Rasa Jankauskaitė',
  senderRole: 'Member of the Seimas',
  recipients: ['Pavel Dorin'],
  cc: ['Andrius Petraitis'],
  date: '2016-02-14',
  place: 'Vilnius',
};

// ---------------------------------------------------------------- legacy-1252.txt

const LEGACY_1252 = `Mer Propre
12 quai de Rive-Neuve, 13007 Marseille

Marseille, 8 September 2014

Ms Hélène Roussel
Prefect of the Bouches-du-Rhône
Boulevard Paul Peytral, 13006 Marseille

Dear Prefect,

On 28 August 2014 our association was fined €45,000 for publishing the report “Eaux troubles”, which documents sewage discharges into the sea near the calanque of Port-Miou. The fine was imposed under a decree on “false alarms” that has never before been used against an environmental group.

Our measurements, taken on 41 days between May and July, found E. coli levels up to nine times the legal limit. We are ready to share the raw data with your services and with the regional health agency.

We ask you to lift the fine and to publish the results of the official water tests for the summer of 2014.

Yours faithfully,

René Dufour | President, Mer Propre
`;

expected['legacy-1252.txt'] = {
  sender: 'René Dufour',
  senderRole: 'President, Mer Propre',
  recipients: ['Hélène Roussel'],
  cc: [],
  date: '2014-09-08',
  place: 'Marseille',
};

// ---------------------------------------------------------------- utf16.txt

const UTF16_TXT = `Oslo, 2 December 2021

Mr Erik Haugland
Minister of Petroleum and Energy
Akersgata 59, 0180 Oslo

Dear Minister,

We write on behalf of the Ráhkká reindeer herding district about the licence for the 84-turbine wind farm on the Ravnfjell plateau. The turbines and their 61 kilometres of access roads would cut through the calving grounds that the district's 2,700 reindeer use every spring.

The Supreme Court held in a comparable case that a licence of this kind violated the herders' right to enjoy their culture under Article 27 of the International Covenant on Civil and Political Rights. The licence for Ravnfjell was nevertheless confirmed on 5 November 2021.

We ask the Ministry to suspend construction and to open consultations with the district before the calving season begins in April 2022.

Yours sincerely,

Dr Siri Mathisen, Legal Adviser

CC:
Ms Marit Eira, President of the Sámi Parliament
`;

expected['utf16.txt'] = {
  sender: 'Siri Mathisen',
  senderRole: 'Legal Adviser',
  recipients: ['Erik Haugland'],
  cc: ['Marit Eira'],
  date: '2021-12-02',
  place: 'Oslo',
};

// ---------------------------------------------------------------- sidecar-letter.txt

const SIDECAR_LETTER = `Clean Threads Coalition
Rue du Trône 98, 1050 Brussels

Brussels, 10 January 2022

Mr Thomas Weber
Chief Executive Officer
Nordlicht Fashion AG
Hafenstrasse 3, 20457 Hamburg

Dear Mr Weber,

Nordlicht Fashion was among the buyers of the Kestrel Garments factory in which a fire killed 19 workers on 3 November 2021. The emergency exits on the third floor had been locked, and the factory had passed an audit commissioned by your company only five weeks earlier.

We ask Nordlicht Fashion to contribute to a compensation fund for the families of the victims, to publish the audit report, and to sign the International Accord for Health and Safety before 1 March 2022.

Yours sincerely,

Jan Vermeulen, Coordinator
Clean Threads Coalition
`;

/** The letter was sent a few days after it was written, under the chair's name. */
const SIDECAR_META = {
  sender: 'Greta Lindahl',
  senderRole: 'Chair, Clean Threads Coalition',
  date: '2022-01-14',
};

expected['sidecar-letter.txt'] = {
  sender: 'Greta Lindahl',
  senderRole: 'Chair, Clean Threads Coalition',
  recipients: ['Thomas Weber'],
  cc: [],
  date: '2022-01-14',
  place: 'Brussels',
};

// ---------------------------------------------------------------- bad inputs


function randomBytes(n: number, seed: number): Buffer {
  const next = mulberry32(seed);
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(next() * 256);
  return out;
}

/**
 * UTF-8 text (with valid "ü", "—" and curly quotes) damaged by invalid sequences: a lead byte
 * before ASCII, a truncated three-byte sequence, a lone continuation byte and an overlong "/".
 * Decoding it as Windows-1252 would garble the valid characters, so it must be refused.
 */
const INVALID_UTF8 = Buffer.concat([
  Buffer.from('Zürich, 4 May 2020\n\nDear Councillor,\n\nThe hearing on the “Seefeld” permit — scheduled for 12 May — was moved '),
  Buffer.from([0xc3, 0x28]),
  Buffer.from(' without notice. The minutes '),
  Buffer.from([0xe2, 0x82]),
  Buffer.from(' were never published '),
  Buffer.from([0x80]),
  Buffer.from(' and the file path '),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from(' is broken.\n\nYours sincerely,\nUrs Brunner\n'),
]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A grey-scale PNG that looks like a scanned page: paper noise and dark "lines of text". */
function makeScanPng(width: number, height: number): Buffer {
  const next = mulberry32(7);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(width + 1);
    const inLine = y % 12 >= 4 && y % 12 < 8 && y > 10 && y < height - 10;
    for (let x = 1; x <= width; x++) {
      const ink = inLine && x > 8 && x < width - 8 && next() < 0.6;
      row[x] = ink ? 40 + Math.floor(next() * 40) : 225 + Math.floor(next() * 30);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey-scale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A "scanned" PDF: an image and some drawing, no text layer. */
async function makeScanPdf(png: Buffer): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setCreationDate(FIXED_DATE);
  pdf.setModificationDate(FIXED_DATE);
  pdf.setProducer('pdf-lib');
  const page = pdf.addPage([595, 842]);
  const image = await pdf.embedPng(png);
  page.drawImage(image, { x: 40, y: 40, width: 515, height: 762 });
  page.drawRectangle({ x: 30, y: 30, width: 535, height: 782, borderWidth: 1, borderColor: rgb(0.5, 0.5, 0.5) });
  return pdf.save({ useObjectStreams: false });
}

const BAD_SIDECAR_LETTER = `Brussels, 2 June 2023

Dear Commissioner,

We write about the delayed publication of the report on pesticide residues in honey, which was due in January 2023.

Yours sincerely,

Maria Olsen, Policy Officer
`;

/** Wrong types: a number for the date, a string where a list of recipients belongs. */
const BAD_SIDECAR_META = `{
  "sender": "Maria Olsen",
  "date": 42,
  "recipients": "Commissioner for Health"
}
`;

// ---------------------------------------------------------------- write

async function main(): Promise<void> {
  mkdirSync(LETTERS, { recursive: true });
  mkdirSync(BAD, { recursive: true });

  write(LETTERS, 'letter.txt', LETTER_TXT);
  write(LETTERS, 'letter.md', LETTER_MD);
  write(LETTERS, 'letter.eml', LETTER_EML);
  write(LETTERS, 'letter.pdf', await makeLetterPdf());
  write(LETTERS, 'letter.docx', await makeLetterDocx());
  write(LETTERS, 'letter.html', LETTER_HTML);
  write(LETTERS, 'legacy-1252.txt', iconv.encode(LEGACY_1252.replace(/\n/g, '\r\n'), 'windows-1252'));
  write(LETTERS, 'utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(UTF16_TXT.replace(/\n/g, '\r\n'), 'utf16le')]));
  write(LETTERS, 'sidecar-letter.txt', SIDECAR_LETTER);
  write(LETTERS, 'sidecar-letter.meta.json', `${JSON.stringify(SIDECAR_META, null, 2)}\n`);
  write(path.join(ROOT, 'tests/fixtures'), 'expected-letters.json', `${JSON.stringify(expected, null, 2)}\n`);

  const png = makeScanPng(160, 120);
  write(BAD, 'empty.txt', '');
  write(BAD, 'garbage.txt', randomBytes(4096, 20190312));
  write(BAD, 'invalid-utf8.txt', INVALID_UTF8);
  write(BAD, 'scan.pdf', await makeScanPdf(png));
  write(BAD, 'image.png', png);
  write(BAD, 'bad-sidecar.txt', BAD_SIDECAR_LETTER);
  write(BAD, 'bad-sidecar.meta.json', BAD_SIDECAR_META);
}

await main();
