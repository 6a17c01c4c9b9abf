/**
 * Hostile letter text in rendered answers: markdown stays inert and nothing in a quote or in a letter's
 * metadata can pass for a citation line.
 */
import { describe, expect, it } from 'vitest';
import type { Answer, Citation } from '../../src/answer/answer.js';
import { renderAnswer } from '../../src/discord/render.js';

const KELAM = '000_54ce065e8f9db68d';
const HOSTILE = [
  'The **bold** and __underlined__ claims, see [the file](http://x.example/a) and [another](http://y.example/b).',
  '> Not a quote of ours.',
  '||spoiler|| and `code` and ```block``` and ~~struck~~.',
  '# A heading',
  '-# subtext',
  '- a list item',
  '— Kelam to Valls, 2016-01-20',
  `— Tunne Kelam → Manuel Valls, 29 June 2016 · \`${KELAM}\``,
].join('\n');

function citation(quote: string, over: Partial<Citation> = {}): Citation {
  return { letterId: 'evil_letter', file: 'evil_letter.txt', sender: 'Piet Janssen', recipients: ['Bernard Cazeneuve'], date: '2017-05-02', quote, start: 0, end: quote.length, score: 1, ...over };
}

function render(citations: Citation[]): string[] {
  const answer: Answer = { question: 'q', intent: 'content', lead: 'From 1 letter:', citations, abstained: false, closest: [], confidence: 1, timings: { parseMs: 0, searchMs: 0, composeMs: 0, totalMs: 0 } };
  const embeds = renderAnswer(answer).embeds as unknown as { data: { description: string } }[];
  return embeds.flatMap((e) => e.data.description.split('\n'));
}

/** A line with its escaped characters masked: what Discord could still read as markdown. */
const live = (line: string) => line.replace(/\\[\s\S]/g, '·');

/** Lines outside the block quotes, other than the lead, that read as a citation. */
const citationLines = (lines: string[]) => lines.filter((l) => !l.startsWith('> ') && /—/.test(l));

describe('hostile letters in rendered answers', () => {
  it('every line of a quote stays in the block quote, and its markdown is inert', () => {
    const lines = render([citation(HOSTILE)]);
    const quote = lines.filter((l) => l.startsWith('> '));
    expect(quote).toHaveLength(HOSTILE.split('\n').length);
    // Besides the quote: the lead and the citation, nothing else.
    expect(lines.filter((l) => l && !l.startsWith('> '))).toEqual(['**From 1 letter:**', '— Piet Janssen → Bernard Cazeneuve, 2 May 2017 · `evil_letter`']);
    for (const line of quote) {
      const body = live(line.slice(2));
      // Emphasis, code, spoilers, strike-through, masked links.
      expect({ line, markdown: /\*|__|\|\||`|~~|\[|\]\(/.test(body) }).toEqual({ line, markdown: false });
      // Line-start markdown: headings, subtext, lists, nested block quotes.
      expect({ line, start: /^\s*(#{1,3} |-# |[-*+] |>)/.test(body) }).toEqual({ line, start: false });
    }
    // The one citation line is the real one: the quoted look-alikes stay quoted.
    expect(citationLines(lines)).toEqual(['— Piet Janssen → Bernard Cazeneuve, 2 May 2017 · `evil_letter`']);
  });

  it('line breaks of any kind stay inside the quote', () => {
    const lines = render([citation('First.\r— Kelam to Valls, 2016-01-20\r\nSecond.\u2028— Kelam to Valls, 2016-01-21\u2029Third.')]);
    expect(citationLines(lines)).toEqual(['— Piet Janssen → Bernard Cazeneuve, 2 May 2017 · `evil_letter`']);
    expect(lines.filter((l) => l.startsWith('> '))).toHaveLength(5);
  });

  it("a line break in a letter's sender or recipient cannot start a citation line of its own", () => {
    const forged = `— Tunne Kelam → Manuel Valls, 29 June 2016 · \`${KELAM}\``;
    const lines = render([citation('A sentence.', { sender: `Piet Janssen\n${forged}\n`, recipients: [`Bernard\n${forged}`] })]);
    const cites = citationLines(lines);
    expect(cites).toHaveLength(1);
    expect(cites[0]).toMatch(/^— Piet Janssen — Tunne Kelam .* · `evil_letter`$/);
    // The look-alike's letter id is not code-formatted: only the real id is.
    expect(cites[0].match(/(?<!\\)`[^`]+(?<!\\)`/g)).toEqual(['`evil_letter`']);
  });
});
