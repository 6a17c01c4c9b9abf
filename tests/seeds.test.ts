import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadLetters } from '../src/letters/catalogue.js';
import { toSourceOffset } from '../src/letters/clean.js';
import { isVerbatimQuote } from '../src/letters/verbatim.js';
import type { Letter } from '../src/letters/types.js';

const SEEDS = 'seeds';
const KELAM = '000_54ce065e8f9db68d';
const DELVAUX = '001_87c08d64c831245f';
let letters: Letter[];
const byId = (id: string) => letters.find((l) => l.id === id)!;

beforeAll(async () => {
  const result = await loadLetters(SEEDS, { maxBytes: 20 * 1024 * 1024 });
  expect(result.errors).toEqual([]);
  letters = result.letters;
});

describe('seed metadata', () => {
  it('reads the Kelam letter exactly', () => {
    const m = byId(KELAM).meta;
    expect(m.sender).toBe('Tunne Kelam');
    expect(m.senderRole).toBe('Member of the European Parliament');
    expect(m.recipients).toEqual([{ name: 'Manuel Valls', role: 'Prime Minister of the Republic of France' }]);
    expect(m.cc.map((p) => p.name)).toEqual(['Jean-Jacques Urvoas', 'Jean-Marc Ayrault']);
    expect(m.cc[0].role).toBe('Minister of Justice of the Republic of France');
    expect(m.date).toBe('2016-06-29');
    expect(m.place).toBe('Brussels');
    expect(m.language).toBe('en');
    // The letterhead is gone from the body but kept as metadata.
    expect(m.senderAffiliations).toEqual([
      'Committee on Foreign Affairs',
      'Subcommittee on Security and Defence',
      'Delegation for relations with the United States',
    ]);
  });

  it('reads the Delvaux-Stehres letter exactly', () => {
    const m = byId(DELVAUX).meta;
    expect(m.sender).toBe('Mady Delvaux-Stehres');
    expect(m.senderRole).toBe('Member of the European Parliament, S&D');
    expect(m.recipients.map((p) => p.name)).toEqual(['Manuel Valls']);
    expect(m.recipients[0].role).toBe('Prime Minister of the Republic of France');
    expect(m.cc).toEqual([]);
    expect(m.date).toBe('2015-05-25');
    expect(m.place).toBe('Brussels');
    expect(m.senderAffiliations).toContain('Committee on Legal Affairs, Vice-Chair');
  });

  it('uses letter ids relative to the letters folder, without extension', () => {
    expect(letters.map((l) => l.id)).toEqual([KELAM, DELVAUX]);
    expect(letters.map((l) => l.file)).toEqual([`${KELAM}.txt`, `${DELVAUX}.txt`]);
  });
});

describe('cleaning', () => {
  it('removes every letterhead line from every passage, whatever its accents', () => {
    const letterheadWords = ['PARLAMENTO EUROPEO', 'HEORPA', 'TUNNE KELAM', 'Subcommittee on Security', 'Delegation for relations'];
    for (const l of letters) {
      for (const p of l.passages) {
        for (const w of letterheadWords) expect(p.text).not.toContain(w);
      }
    }
    expect(byId(KELAM).body).not.toMatch(/HEORPA/);
    expect(byId(KELAM).furniture).toHaveLength(1);
  });

  it('re-joins the sentences split by page breaks, each whole in one passage', () => {
    const kelam = byId(KELAM);
    for (const sentence of [
      'A large amount of direct correspondence of high-level Kazakh officials anonymously leaked to the web some months ago.',
      'It would only undermine France\'s international image and encourage other non-democratic regimes to violate international law and misuse supranational and national systems created to serve for and not against the rule of law.',
    ]) {
      expect(kelam.passages.filter((p) => p.text.includes(sentence))).toHaveLength(1);
    }
  });

  it('drops emphasis markers and keeps salutation, signature, CC and contact blocks', () => {
    const kelam = byId(KELAM);
    expect(kelam.body).toContain('the de facto creation');
    expect(kelam.body).toContain('Mr Prime Minister,');
    expect(kelam.body).toContain('Tunne Kelam, MEP');
    expect(kelam.body).toMatch(/CC:\n\nMr Jean-Jacques Urvoas/);
    const delvaux = byId(DELVAUX);
    expect(delvaux.body).not.toContain('**');
    expect(delvaux.body).toContain('Dear Prime Minister,');
    expect(delvaux.body).toContain('Brussels - ASP 15G115 | 0032 2 28 45136');
    expect(delvaux.body).toContain('Strasbourg - LW T07085 | 0033 3 88 1 75136');
  });
});

describe('passages', () => {
  it('cover the body in order, at sentence boundaries, sized for a small model', () => {
    for (const l of letters) {
      expect(l.passages.length).toBeGreaterThan(1);
      let last = 0;
      for (const [i, p] of l.passages.entries()) {
        expect(p.id).toBe(`${l.id}#${i}`);
        expect(l.body.slice(p.start, p.end)).toBe(p.text);
        expect(p.start).toBeGreaterThanOrEqual(last);
        expect(l.body.slice(last, p.start).trim()).toBe('');
        last = p.end;
        expect(p.text.split(/\s+/).length).toBeLessThanOrEqual(130);
      }
      expect(l.body.slice(last).trim()).toBe('');
    }
  });

  it('map every passage back to the source file, verbatim under the quote rule', () => {
    for (const l of letters) {
      const file = readFileSync(`${SEEDS}/${l.file}`, 'utf8');
      expect(l.source).toBe(file);
      // Every run of the body is a run of the source, character for character.
      for (const r of l.sourceRuns) {
        expect(file.slice(r.source, r.source + r.length)).toBe(l.body.slice(r.body, r.body + r.length));
      }
      for (const p of l.passages) {
        expect(isVerbatimQuote(p.text, file, l.furniture)).toBe(true);
        // The passage's first and last characters are found where the map says.
        expect(file[toSourceOffset(l.sourceRuns, p.start)]).toBe(p.text[0]);
        expect(file[toSourceOffset(l.sourceRuns, p.end - 1)]).toBe(p.text[p.text.length - 1]);
      }
    }
  });

  it('a paraphrase or an invented sentence is not verbatim', () => {
    const l = byId(KELAM);
    const file = readFileSync(`${SEEDS}/${l.file}`, 'utf8');
    expect(isVerbatimQuote('A large amount of correspondence leaked some months ago.', file, l.furniture)).toBe(false);
    expect(isVerbatimQuote('leaked to the web some months ago.', file, l.furniture)).toBe(true);
  });
});
