import type { AddressObject, EmailAddress } from 'mailparser';
import { normaliseLineEndings } from '../decode.js';
import { LetterReadError } from '../types.js';
import type { LetterMeta, Person } from '../types.js';
import { htmlToText } from './html.js';
import type { LetterReader } from './reader.js';

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
  return date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 10) : null;
}

/** E-mail: the text/plain body (else the HTML body as text); sender, recipients, date and subject from the headers. */
export const emlReader: LetterReader = {
  format: 'eml',
  extensions: ['.eml'],
  sniff: sniffEml,
  async read(bytes) {
    let mail;
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
    const meta: Partial<LetterMeta> = {
      sender: people(mail.from)[0]?.name ?? null,
      senderRole: null,
      recipients: people(mail.to),
      cc: people(mail.cc),
      date: isoDateUtc(mail.date),
      subject: mail.subject?.trim() || null,
    };
    return { format: 'eml', text: normaliseLineEndings(text), meta };
  },
};
