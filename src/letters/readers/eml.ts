import type { AddressObject, EmailAddress } from 'mailparser';
import { isBinaryText, normaliseLineEndings } from '../decode.js';
import { LetterReadError } from '../types.js';
import type { LetterMeta, Person } from '../types.js';
import { htmlToText } from './html.js';
import type { LetterReader } from './reader.js';
import { monthNames } from '../text-utils.js';

function flatten(addresses: EmailAddress[]): EmailAddress[] {
  return addresses.flatMap((a) => (a.group ? flatten(a.group) : [a]));
}

function people(field: AddressObject | AddressObject[] | undefined): Person[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return flatten(objects.flatMap((o) => o.value))
    .map((a) => (a.name || a.address || '').trim())
    .filter((name) => name !== '')
    .map((name) => ({ name, role: null }));
}

const HEADER_LINE = /^[!-9;-~]+:/;
const KNOWN_HEADER = /^(from|to|cc|subject|date|received|mime-version|message-id|return-path|content-type|reply-to|sender):/i;
const STRONG_HEADER = /^(received|mime-version|message-id|return-path|content-type):/i;
const ADDRESS_HEADER = /^(from|to|cc|reply-to|sender):.*[\w.+-]+@[\w-]+(\.[\w-]+)+/i;

/**
 * An RFC 822 header block at the start: only header and continuation lines up to the first
 * blank line, at least two well-known headers, and a mark of real mail (MIME-Version, Received,
 * Message-ID, Return-Path, Content-Type, or an e-mail address in an address header), so that a
 * memo starting "To: ... / From: ..." stays text.
 */
export function sniffEml(head: Buffer): boolean {
  const lines = head.subarray(0, 8192).toString('latin1').replace(/^\xef\xbb\xbf/, '').split(/\r?\n/);
  let known = 0;
  let strong = false;
  let i = 0;
  for (; i < lines.length - 1 && lines[i] !== ''; i++) {
    const line = lines[i];
    if (/^[ \t]/.test(line)) {
      if (i === 0) return false;
      continue;
    }
    if (!HEADER_LINE.test(line)) return false;
    if (KNOWN_HEADER.test(line)) known++;
    if (STRONG_HEADER.test(line) || ADDRESS_HEADER.test(line)) strong = true;
  }
  return i > 0 && known >= 2 && strong;
}

function isoDateUtc(date: Date | undefined): string | null {
  if (!date || Number.isNaN(date.getTime())) return null;
  const iso = date.toISOString();
  return /^\d{4}-/.test(iso) ? iso.slice(0, 10) : null;
}

const MONTHS = monthNames('en-US', 'short').map((m) => m.toLowerCase());

/**
 * The date of a Date header, UTC. mailparser dates an unparseable header "now", and JavaScript rolls
 * "30 Feb 2015" over to 2 March: both are caught here, and the letter is undated with a warning.
 */
export function emailDate(header: string | undefined): { date: string | null; warning?: string } {
  if (header === undefined) return { date: null };
  const raw = header.replace(/\s+/g, ' ').trim();
  const invalid = { date: null, warning: `invalid Date header ${JSON.stringify(raw.slice(0, 80))}; ignored, the letter is undated` };
  const validDay = (year: number, month: number, day: number) => day >= 1 && day <= new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  // "Mon, 29 Jun 2016 10:00:00 +0200" (RFC 5322; two- and three-digit years are obsolete forms).
  const m = /\b(\d{1,2}) ([a-z]{3})[a-z]*\.? (\d{2,})\b/i.exec(raw);
  const month = m ? MONTHS.indexOf(m[2].toLowerCase()) : -1;
  if (m && month >= 0) {
    const y = Number(m[3]);
    const year = m[3].length === 2 ? y + (y < 50 ? 2000 : 1900) : m[3].length === 3 ? y + 1900 : y;
    if (m[3].length > 4 || !validDay(year, month, Number(m[1]))) return invalid;
  }
  // "2016-06-29T10:00:00Z", which is not RFC 5322 but is parsed.
  const iso = /^(\d{4,})-(\d{2})-(\d{2})\b/.exec(raw);
  if (iso && (iso[1].length > 4 || !validDay(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])))) return invalid;
  const date = isoDateUtc(new Date(raw));
  return date ? { date } : invalid;
}

/** A multipart message whose closing boundary is missing was cut short. */
function truncationWarning(mail: { headers: Map<string, unknown> }, bytes: Buffer): string | undefined {
  const type = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const boundary = type?.params?.boundary;
  if (!type?.value?.startsWith('multipart/') || !boundary || bytes.includes(`--${boundary}--`)) return undefined;
  return `the e-mail looks truncated (its ${type.value} body has no closing boundary); read the text that was there`;
}

/** E-mail: the text/plain body (else the HTML body as text); sender, recipients, date and subject from the headers. */
export const emlReader: LetterReader = {
  format: 'eml',
  extensions: ['.eml'],
  sniff: sniffEml,
  async read(bytes) {
    let mail: Awaited<ReturnType<typeof import('mailparser').simpleParser>>;
    try {
      const { simpleParser } = await import('mailparser');
      mail = await simpleParser(bytes, {
        skipHtmlToText: true,
        skipTextToHtml: true,
        skipImageLinks: true,
        skipTextLinks: true,
      });
    } catch (err) {
      throw new LetterReadError(`cannot parse e-mail: ${String((err as Error).message).split('\n')[0]}`);
    }
    let text = mail.text?.trim() ? mail.text : '';
    if (!text && mail.html) text = htmlToText(mail.html);
    if (isBinaryText(text)) throw new LetterReadError('binary content in the e-mail body, not a text letter');
    const dateLine = mail.headerLines?.find((h) => h.key === 'date')?.line;
    const { date, warning } = emailDate(dateLine?.replace(/^[^:]*:/, ''));
    const address = flatten(mail.from?.value ?? [])[0]?.address?.trim();
    const meta: Partial<LetterMeta> = {
      sender: people(mail.from)[0]?.name ?? null,
      ...(address ? { senderAddress: address } : {}),
      senderRole: null,
      recipients: people(mail.to),
      cc: people(mail.cc),
      date,
      subject: mail.subject?.trim() || null,
    };
    const warnings = [warning, truncationWarning(mail, bytes)].filter((w): w is string => w !== undefined);
    return { format: 'eml', text: normaliseLineEndings(text), meta, ...(warnings.length ? { warnings } : {}) };
  },
};
