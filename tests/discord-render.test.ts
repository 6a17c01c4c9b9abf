import { describe, expect, it } from 'vitest';
import type { Answer, Citation } from '../src/answer/answer.js';
import { parseConfig } from '../src/config.js';
import { commandPayloads } from '../src/discord/commands/index.js';
import { UploadError, looksExecutable, safeLetterName } from '../src/discord/commands/add-letter.js';
import { Cooldown } from '../src/discord/cooldown.js';
import { LIMITS, inert, letterIdsOfRendered, renderAnswer, renderLetterWithQuotes, renderLetters } from '../src/discord/render.js';
import { intentsFor } from '../src/discord/bot.js';
import { GatewayIntentBits } from 'discord.js';

function citation(i: number, quote: string): Citation {
  return { letterId: `letter_${i}`, file: `letter_${i}.txt`, sender: 'Tunne Kelam', recipients: ['Manuel Valls'], date: '2016-06-29', quote, start: 0, end: quote.length, score: 1 };
}

function answerOf(citations: Citation[]): Answer {
  return { question: 'q', intent: 'content', lead: 'From 30 letters:', citations, abstained: false, closest: [], confidence: 1, timings: { parseMs: 0, searchMs: 0, composeMs: 0, totalMs: 0 } };
}

const embedLength = (e: { data: { description?: string; title?: string; footer?: { text: string } } }) =>
  (e.data.description?.length ?? 0) + (e.data.title?.length ?? 0) + (e.data.footer?.text.length ?? 0);

describe('rendering answers for Discord', () => {
  it('an answer of 30 long quotes stays within every limit, never cuts a quote, and pages the rest', () => {
    const quotes = Array.from({ length: 30 }, (_, i) => citation(i, `Quote ${i} begins. ${'The extradition of Mr Ablyazov would be unjust. '.repeat(28)}Quote ${i} ends.`));
    const answer = answerOf(quotes);
    let from = 0;
    let pages = 0;
    const seen: number[] = [];
    while (from < quotes.length && pages < 40) {
      const msg = renderAnswer(answer, { from, moreId: 'ask:k' });
      const embeds = msg.embeds as unknown as { data: { description?: string; title?: string; footer?: { text: string } } }[];
      expect(embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
      expect(embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
      for (const e of embeds) expect(e.data.description!.length).toBeLessThanOrEqual(LIMITS.description);
      const text = embeds.map((e) => e.data.description).join('\n');
      // Every quote shown is shown whole: its first and last words are both there.
      for (const m of text.matchAll(/Quote (\d+) begins/g)) {
        expect(text).toContain(`Quote ${m[1]} ends.`);
        seen.push(Number(m[1]));
      }
      const button = (msg.components as unknown as { components: { data: { custom_id: string } }[] }[])[0]?.components[0];
      if (!button) break;
      from = Number(button.data.custom_id.split(':').pop());
      pages++;
    }
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('quotes are block quotes with their citation; markdown and mentions in letters are inert', () => {
    const msg = renderAnswer(answerOf([citation(1, 'He said **hello** @everyone <@&123> <@456> — [link](https://x)')]));
    const d = (msg.embeds![0] as unknown as { data: { description: string } }).data.description;
    expect(d).toMatch(/^\*\*From 30 letters:\*\*/);
    expect(d).toContain('> He said \\*\\*hello\\*\\* @\u200beveryone');
    expect(d).not.toMatch(/(^|[^\u200b])@everyone/);
    expect(d).toContain('— Tunne Kelam → Manuel Valls, 29 June 2016 · `letter_1`');
    expect(msg.allowedMentions).toEqual({ parse: [], repliedUser: false });
    expect(inert('*a* _b_ `c` @here')).toBe('\\*a\\* \\_b\\_ \\`c\\` @\u200bhere');
  });

  it('/letters pages ten letters at a time', () => {
    const rows = Array.from({ length: 23 }, (_, i) => ({ letterId: `l${i}`, file: `l${i}.txt`, sender: 'S', senderRole: null, recipients: ['R'], cc: [], date: null, place: null, passages: 1 }));
    const first = renderLetters(rows, 0, 'letters:k', 'Letters');
    const d = (first.embeds![0] as unknown as { data: { description: string; footer: { text: string } } }).data;
    expect(d.description.split('\n')).toHaveLength(10);
    expect(d.footer.text).toBe('23 letters · page 1 of 3');
    const last = renderLetters(rows, 2, 'letters:k', 'Letters');
    expect((last.embeds![0] as unknown as { data: { description: string } }).data.description.split('\n')).toHaveLength(3);
  });
});

describe('options and gates', () => {
  it('sanitises uploaded file names and refuses unsafe ones', () => {
    expect(safeLetterName('../../etc/passwd.txt')).toBe('passwd.txt');
    expect(safeLetterName('/abs/path/Lettre à Valls.pdf')).toBe('Lettre_a_Valls.pdf');
    expect(safeLetterName('..\\..\\win.docx')).toBe('win.docx');
    expect(() => safeLetterName('../../etc/passwd')).toThrow(UploadError);
    expect(() => safeLetterName('run.exe')).toThrow(/unsupported file type \.exe/);
    expect(() => safeLetterName('.hidden.txt')).not.toThrow();
    expect(safeLetterName('.hidden.txt')).toBe('hidden.txt');
    expect(() => safeLetterName('....txt')).toThrow(/no usable characters/);
  });

  it('refuses executables whatever their extension', () => {
    expect(looksExecutable(Buffer.from('MZ\x90\x00'))).toBe(true);
    expect(looksExecutable(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2]))).toBe(true);
    expect(looksExecutable(Buffer.from('#!/bin/sh\nrm -rf /'))).toBe(true);
    expect(looksExecutable(Buffer.from('Brussels, 29 June 2016'))).toBe(false);
  });

  it('a user may ask 5 questions per 30 s by default', () => {
    let t = 0;
    const c = new Cooldown(5, 30_000, () => t);
    for (let i = 0; i < 5; i++) expect(c.take('u')).toBe(0);
    expect(c.take('u')).toBe(30_000);
    expect(c.take('other')).toBe(0);
    t = 30_001;
    expect(c.take('u')).toBe(0);
  });

  it('asks for message content (thread follow-ups, `all` channels) unless MESSAGE_CONTENT_INTENT=off', () => {
    expect(intentsFor(parseConfig({}))).toEqual([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent]);
    expect(intentsFor(parseConfig({ MESSAGE_CONTENT_INTENT: 'off' }))).toEqual([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
  });

  it('registers seven commands; admin ones gated by Manage Server', () => {
    const payloads = commandPayloads(false);
    expect(payloads.map((p) => p.name).sort()).toEqual(['add-letter', 'ask', 'letter', 'letters', 'reindex', 'report', 'settings']);
    for (const admin of ['reindex', 'settings', 'report']) expect(payloads.find((p) => p.name === admin)!.default_member_permissions).toBe('32');
    expect(payloads.find((p) => p.name === 'ask')!.options!.find((o) => o.name === 'private')).toMatchObject({ type: 5 });
    expect(payloads.find((p) => p.name === 'add-letter')!.default_member_permissions).toBe('32');
    expect(commandPayloads(true).find((p) => p.name === 'add-letter')!.default_member_permissions).toBeNull();
    const ask = payloads.find((p) => p.name === 'ask')!;
    expect(ask.options!.find((o) => o.name === 'question')).toMatchObject({ required: true, max_length: 1000 });
  });
});

describe('long leads', () => {
  it('an overview lead of many letters is clipped, and the quotes still fit', () => {
    const quote: Citation = { letterId: 'a', file: 'a.txt', sender: 'S', recipients: ['R'], date: '2020-01-01', quote: 'A quote.', start: 0, end: 8, score: 1 };
    const lead = Array.from({ length: 400 }, (_, i) => `Sender ${i} (1): to Recipient ${i}, 1 May 2020`).join('. ');
    const answer: Answer = { question: 'q', intent: 'overview', lead, citations: [quote, quote, quote], abstained: false, closest: [], confidence: 1, timings: { parseMs: 0, searchMs: 0, composeMs: 0, totalMs: 0 } };
    const page = renderAnswer(answer);
    const text = page.embeds!.map((e) => (e as { data: { description?: string } }).data.description ?? '').join('\n');
    expect(text.length).toBeLessThan(4096);
    expect(text).toContain('…');
    expect(text.match(/A quote\./g)?.length).toBe(3);
  });
});

describe('answer controls', () => {
  const kelam = (i: number, letterId = 'kelam'): Citation => ({ ...citation(i, `Quote ${i}.`), letterId });
  const ids = (page: ReturnType<typeof renderAnswer>) =>
    (page.components ?? []).flatMap((row) => (row as { toJSON(): { components: { custom_id: string; type: number }[] } }).toJSON().components).map((c) => c.custom_id);

  it('every answer carries 👍, 👎 and Show letter; /ask adds Follow up in a thread', () => {
    const page = renderAnswer(answerOf([kelam(1)]), { moreId: 'ask:k', answerId: 'abc', showKey: 'k', threadKey: 'k' });
    expect(ids(page)).toEqual(['fb:up:abc', 'fb:down:abc', 'show:k', 'thread:k']);
    expect(ids(renderAnswer(answerOf([kelam(1)]), { answerId: 'abc', showKey: 'k' }))).toEqual(['fb:up:abc', 'fb:down:abc', 'show:k']);
  });

  it('an answer citing several letters offers them in a menu', () => {
    const page = renderAnswer(answerOf([kelam(1, 'a'), kelam(2, 'b'), kelam(3, 'a')]), { answerId: 'x', showKey: 'k' });
    const rows = (page.components ?? []).map((r) => (r as { toJSON(): { components: { type: number; options?: { value: string }[] }[] } }).toJSON());
    const menu = rows.flatMap((r) => r.components).find((c) => c.type === 3)!;
    expect(menu.options!.map((o) => o.value)).toEqual(['a', 'b']);
  });

  it('a follow-up says which letter it took its context from; the letter ids read back from the rendered answer', () => {
    const answer: Answer = { ...answerOf([kelam(1, 'letters/kelam'), kelam(2, 'other')]), followUp: { letterIds: ['letters/kelam'], previous: 'What is Kelam asking for?' } };
    const page = renderAnswer(answer);
    const text = page.embeds!.map((e) => (e as { data: { description?: string } }).data.description ?? '');
    expect(text[0]).toMatch(/^-# Following up on Tunne Kelam → Manuel Valls, 29 June 2016 \(from “What is Kelam asking for\?”\)/);
    expect(letterIdsOfRendered(text)).toEqual(['letters/kelam', 'other']);
  });

  it('Show letter marks the quoted sentences in bold, escapes the rest, and attaches the whole text', () => {
    const body = 'Dear Sir,\n\nFirst *sentence*. The request: cancel the decree.\n\nYours, @everyone';
    const start = body.indexOf('The request');
    const letter = { id: 'k', file: 'k.txt', body, meta: { sender: 'Tunne Kelam', recipients: [{ name: 'Manuel Valls', role: null }], date: '2016-06-29' } } as never;
    const page = renderLetterWithQuotes(letter, [{ start, end: start + 'The request: cancel the decree.'.length }]);
    const d = (page.embeds![0] as { data: { description: string } }).data.description;
    expect(d).toContain('**The request: cancel the decree.**');
    expect(d).toContain('\\*sentence\\*');
    expect(d).not.toContain('@everyone');
    expect(page.files).toHaveLength(1);
  });
});
