import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Answerer } from '../src/answer/answerer.js';
import { readLetter } from '../src/letters/catalogue.js';
import { sentenceCues } from '../src/letters/cues.js';
import { sentences } from '../src/letters/passages.js';
import { parseQuestion } from '../src/search/question.js';
import { fixtureAnswerer, ROOT } from './helpers/corpus.js';

/**
 * What a stranger's letters and questions showed (twelve new letters and 160 questions written by helpers who saw no
 * code, this stop), on three letters of our own in the same layouts (tests/fixtures/unseen): a wife's letter to a UN
 * Special Rapporteur with "To:" and "From:" lines and a numbered list under "I respectfully ask you:", a memo to a
 * case team, and an e-mail that asks a colleague it copies to do something.
 */
const DIR = join(ROOT, 'tests/fixtures/unseen');
const read = (file: string) => readLetter(DIR, file, { maxBytes: 1_000_000 }, []);
const intent = (q: string) => parseQuestion(q, []).intent;

let answerer: Answerer;

beforeAll(async () => {
  answerer = await fixtureAnswerer('unseen');
}, 300_000);

describe('the catalogue, on these layouts', () => {
  it('"To: The UN Special Rapporteur on …": an office whose mandate is written in lower case', async () => {
    const letter = await read('us1-wife-to-rapporteur.txt');
    expect(letter?.meta.recipients).toEqual([{ name: 'UN Special Rapporteur on the situation of human rights defenders', role: null }]);
  });

  it('"From: Nguyen Thi Mai, Haiphong, Viet Nam": a town and a country are no role', async () => {
    const letter = await read('us1-wife-to-rapporteur.txt');
    expect(letter?.meta.sender).toBe('Nguyen Thi Mai');
    expect(letter?.meta.senderRole).toBeNull();
  });

  it('"TO: Belarus case team (Olga, Piotr, Ines)": the team, without its members listed after it', async () => {
    const letter = await read('us2-memo-team.txt');
    expect(letter?.meta.recipients).toEqual([{ name: 'Belarus case team', role: null }]);
    expect(letter?.meta.sender).toBe('Karolina Wisniewska');
  });
});

describe('the catalogue, on the second twelve unseen letters\' layouts', () => {
  it('a note verbale is to whom the Embassy "presents its compliments", not its letterhead', async () => {
    const letter = await read('us4-note-verbale.txt');
    expect(letter?.meta.recipients).toEqual([{ name: 'Federal Ministry for European and International Affairs of the Republic of Austria', role: null }]);
  });

  it('a briefing note\'s "Prepared for:" and "Prepared by:" are its addressee and writer, not its first heading', async () => {
    const letter = await read('us5-briefing.txt');
    expect(letter?.meta.recipients.map((r) => r.name)).toEqual(['Pavla Kovarova']);
    expect(letter?.meta.sender).toBe('Ondrej Vlk');
  });

  it('"c/o …" and "By e-mail…" below a body, "With our highest consideration", "The Rt. Revd.", and "Copies to:" a mandate', async () => {
    const letter = await read('us6-bishop-to-working-group.txt');
    expect(letter?.meta.recipients).toEqual([{ name: 'Working Group on Arbitrary Detention', role: null }]);
    expect(letter?.meta.sender).toBe('Anders Lind');
    expect(letter?.meta.senderRole).toBe('Bishop of Lund');
    expect(letter?.meta.cc.map((p) => p.name)).toEqual(['Special Rapporteur on the situation of human rights in Eritrea', 'Saba Tesfay']);
  });
});

describe('the catalogue, on the third twelve unseen letters\' layouts', () => {
  it('"Cc:" ends at the "From:" below it', async () => {
    const letter = await read('us10-memo-cc.txt');
    expect(letter?.meta.cc.map((p) => p.name)).toEqual(['Jonas Weber']);
    expect(letter?.meta.sender).toBe('Eva Lindqvist');
  });

  it('"From: Mina Rahbar, spokesperson …, Campaign to Free Dr Kaveh Rahbar": the name first, the title inside its role; "With respect and with hope," closes', async () => {
    const letter = await read('us11-wife-to-minister.txt');
    expect(letter?.meta.sender).toBe('Mina Rahbar');
    expect(letter?.meta.senderRole).toBe('spokesperson and wife of the detainee, Campaign to Free Dr Kaveh Rahbar');
  });

  it('"With warm thanks and a big hug," closes a campaign update', async () => {
    const letter = await read('us12-campaign-update.txt');
    expect(letter?.meta.sender).toBe('Fatou Sow');
    expect(letter?.meta.senderRole).toBe('Campaign Coordinator, Free Amadou Diallo Campaign');
  });

  it('"Attn. Ms Petra Novak, Legal Officer": the addressee, though the label has no colon', async () => {
    const letter = await read('us13-prosecutor-reply.txt');
    expect(letter?.meta.recipients).toEqual([{ name: 'Petra Novak', role: 'Legal Officer' }]);
  });
});

describe('personal letters', () => {
  it('a letter signed with a given name alone, by a writer who introduced themselves with it', async () => {
    const letter = await read('us7-prisoner-letter.txt');
    expect(letter?.meta.sender).toBe('Dawit');
  });

  it('"who wrote to the Working Group about Pastor Dawit?": whom the letter is about, though Dawit signs a letter of his own', async () => {
    const a = await answerer.answer('who wrote to the working group about pastor dawit?');
    expect(a.abstained).toBe(false);
    expect(a.lead).toContain('Anders Lind');
  });

  it('a letter to an editor signed with a name and the town the writer lives in: the town is no role', async () => {
    const letter = await read('us8-letter-to-editor.txt');
    expect(letter?.meta.sender).toBe('Claire Besson');
    expect(letter?.meta.senderRole).toBeNull();
  });

  it('"who is Dzhabrailov\'s lawyer?": the lawyer who writes "I act for Mr Ruslan Dzhabrailov"', async () => {
    const a = await answerer.answer("who is Dzhabrailov's lawyer?");
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('I act for Mr Ruslan Dzhabrailov');
  });
});

describe('a numbered list under "I respectfully ask you:"', () => {
  const body = 'I respectfully ask you:\n1. To send an urgent appeal;\n2. To ask that he receives his inhaler.';

  it('each item is a sentence of its own, with its number', () => {
    expect(sentences(body).map((s) => body.slice(s.start, s.end))).toEqual([
      'I respectfully ask you:',
      '1. To send an urgent appeal;',
      '2. To ask that he receives his inhaler.',
    ]);
  });

  it('"what is Mai asking the rapporteur to do about his health?" quotes the list, not "ask you: 1."', async () => {
    const a = await answerer.answer('What is Mai asking the rapporteur to do about her husband\'s medical care?');
    expect(a.intent).toBe('request');
    expect(a.citations[0].quote).toContain('his inhaler and a lung specialist');
  });
});

describe('asking someone the letter only copies', () => {
  it('"Ewa, can you ask … this week?" is a request; "call on Friday 10:00" is not', () => {
    expect(sentenceCues('Ewa, can you ask the prison doctor in Vitebsk for his medical file this week?').request).toBeGreaterThanOrEqual(0.6);
    expect(sentenceCues('Call on Friday 10:00 to check?').request).toBe(0);
  });

  it('"what did Marta ask Ewa to do?": no letter went to Ewa, so the letters from Marta that name her', async () => {
    const a = await answerer.answer('What did Marta ask Ewa to get done this week?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].letterId).toBe('us3-followup-email');
    expect(a.citations[0].quote).toContain('can you ask the prison doctor');
  });

  it('"what did the ministry say back to Marta?" still needs a letter from the ministry', async () => {
    const a = await answerer.answer('what did the ministry say back to Marta?');
    expect(a.citations.some((c) => c.letterId === 'us3-followup-email' && /can you ask/.test(c.quote))).toBe(false);
  });
});

describe('a request asked for by its kind', () => {
  it('"by what date does Girardin want the registry to send the file?": the request that gives a date first', async () => {
    const a = await answerer.answer('By what date does Girardin want the registry to send him the file?');
    expect(a.intent).toBe('request');
    expect(a.citations[0].quote).toContain('by 10 March 2025');
  });
});

describe('who and when, asked in other words', () => {
  it('"who\'s the lawyer leading Amadou\'s defence team?": "Barrister Kofi Mensah, who leads the defence", the word a title', async () => {
    const a = await answerer.answer("Who's the lawyer leading Amadou's defence team?");
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('Barrister Kofi Mensah');
  });

  it('"when did the embassy send the extradition request?" and "when did the request come in?" ask for a date in the letters, not a letter\'s date or request', () => {
    expect(intent('when did the thai embassy send the extradition request for pimchanok?')).toBe('content');
    expect(intent("when did venezuela's formal extradition request for gabriel actually come in?")).toBe('content');
    expect(intent('when did we send the letter to Valls?')).toBe('when');
  });

  it('"…, but please send me the draft first", "- Please do not publish…", "Write to your MP…" are requests; "Please find enclosed…" is not', () => {
    expect(sentenceCues('Your statement can go out tomorrow, but please send me the draft first.').request).toBeGreaterThanOrEqual(0.6);
    expect(sentenceCues('Requests from my side: - Please do NOT publish her address.').request).toBeGreaterThanOrEqual(0.6);
    expect(sentenceCues('1. Write to your MP before 31 October.').request).toBeGreaterThanOrEqual(0.6);
    expect(sentenceCues('Please find enclosed a report prepared by our Clinic.').request).toBe(0);
  });
});

describe('a petition the letters tell of', () => {
  it('"how many people signed the Kavalenka petition?" is the figure a letter gives, not a count of its signatories', async () => {
    const a = await answerer.answer('how many people signed the Kavalenka petition?');
    expect(a.citations[0]?.quote).toContain('signed by 2,140 people');
  });
});

describe('words that look like another kind of question', () => {
  it('"his phone + laptop" and "contact with his family" ask what the letters say; a phone number is contact details', () => {
    expect(intent("what do the orgs want the ministry to do with mahdi's phone + laptop")).toBe('request');
    expect(intent('did he have any contact with his family?')).toBe('content');
    expect(intent("what's her phone number?")).toBe('contact');
    expect(intent('how do we reach the FCDO desk officer')).toBe('contact');
  });

  it('"who did the Bar send to Hanoi to observe the trial?" asks whom they sent, not an addressee or a writer', () => {
    expect(intent('Who did the Lyon Bar send to Hanoi to observe the trial?')).toBe('content');
    expect(intent('whom did the bar send the letter to?')).toBe('recipients');
    expect(intent('who sent the letter to the PM to ask for his release?')).toBe('who-wrote');
  });
});

describe('the catalogue, on the fourth twelve unseen letters\' layouts', () => {
  it('"His Excellency / The President of the Republic of …" above a street and "San Pedro Sula, Honduras": the office, not the town', async () => {
    const letter = await read('us14-bar-to-president.txt');
    expect(letter?.meta.recipients).toEqual([{ name: 'President of the Republic of Honduras', role: null }]);
  });

  it('Czech academic titles ("JUDr.", "Mgr.") are no part of a name, and a "Copy to:" list keeps the names it can read', async () => {
    const letter = await read('us14-bar-to-president.txt');
    expect(letter?.meta.sender).toBe('Pavel Sindelar');
    expect(letter?.meta.senderRole).toBe('Dean');
    expect(letter?.meta.cc.map((p) => p.name)).toEqual(['Embassy of Honduras competent for the Czech Republic', 'Lenka Dvorska']);
  });

  it('"With a big hug," closes a letter; the town and date below the name are no signer; "Dear Tomas," is to Tomas', async () => {
    const letter = await read('us15-released-thanks.txt');
    expect(letter?.meta.sender).toBe('Rodrigo Alfaro Meza');
    expect(letter?.meta.recipients).toEqual([{ name: 'Tomas', role: null }]);
    expect(letter?.meta.date).toBe('2025-05-03');
  });

  it('"To the authorities of …, / to the Secretary-General of …, / and to the governments of …": three addressees', async () => {
    const letter = await read('us16-open-letter-to-offices.md');
    expect(letter?.meta.recipients.map((r) => r.name)).toEqual([
      'authorities of the Republic of Belarus',
      'Secretary-General of the Council of Europe',
      'governments of the Baltic states',
    ]);
  });

  it('an open letter with no closing is signed by the first name under "## Signatories", however long the lines above it', async () => {
    const letter = await read('us16-open-letter-to-offices.md');
    expect(letter?.meta.sender).toBe('Andrei Lisouski');
    expect(letter?.meta.signatories).toEqual(['Andrei Lisouski', 'Arturs Kalnins', 'Janis Berzins', 'Ieva Petersone']);
  });

  it('a briefing\'s "**For:**" line is its addressee', async () => {
    const letter = await read('us17-delegation-briefing.md');
    expect(letter?.meta.recipients.map((r) => r.name)).toEqual(['Members of the Dutch House of Representatives Committee on Foreign Affairs']);
    expect(letter?.meta.sender).toBe('Femke de Vries');
  });
});

describe('a signer who shares the surname of whom the letters are about', () => {
  it('a letterhead in capitals above the dateline is the writer\'s organisation, without its acronym', async () => {
    const letter = await read('us18-union-to-minister.txt');
    expect(letter?.meta.senderAffiliations).toEqual(["Baltic Printers' Union"]);
  });

  it('"in Lisouski\'s case", "the open letter for Lisouski": about Pavel Lisouski, not letters from or to Andrei Lisouski', async () => {
    const letters = [await read('us16-open-letter-to-offices.md'), await read('us18-union-to-minister.txt')].filter((l) => l !== null);
    const parse = (q: string) => parseQuestion(q, letters);
    expect(parse("Which ILO conventions does the printers' union say Belarus breaches in Lisouski's case?").filter).toEqual({});
    expect(parse('The open letter for Lisouski - who signed it?').filter.recipient).toBeUndefined();
    expect(parse("Who's the contact person at the printers' union for the Lisouski file?").filter).toEqual({});
    expect(parse("What did Lisouski's letter ask for?").filter.sender).toBe('Andrei Lisouski');
  });

  it('"what does the printers\' union say…in Lisouski\'s case?" quotes the union\'s letter (its letterhead), not the son\'s', async () => {
    const a = await answerer.answer("Which ILO conventions does the printers' union say Belarus breaches in Lisouski's case?");
    expect(a.citations[0].letterId).toBe('us18-union-to-minister');
    expect(a.citations[0].quote).toContain('ILO Conventions No. 87');
  });
});

describe('people the letters name, asked about as a stranger would', () => {
  it('"who is Kofi Mensah in Amadou\'s story?": a name only a letter\'s body holds, then where it comes up', async () => {
    expect(parseQuestion("Who is Kofi Mensah in Amadou's story?", []).intent).toBe('affiliations');
    const a = await answerer.answer("Who is Kofi Mensah in Amadou's story?");
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('Barrister Kofi Mensah, who leads the defence');
  });

  it('"Lic. Carolina Mejia" in an English letter: a title, not a sentence\'s end', () => {
    const body = 'According to his family and his lawyer, Lic. Carolina Mejia Portillo, he was never shown a warrant. He is 38.';
    expect(sentences(body).map((s) => body.slice(s.start, s.end))).toEqual([
      'According to his family and his lawyer, Lic. Carolina Mejia Portillo, he was never shown a warrant.',
      'He is 38.',
    ]);
  });

  it('"who is Janis Berzins, the one who signed from Daugavpils?": a signatory, with the role on his own line of the list', async () => {
    const a = await answerer.answer('Who is Janis Berzins, the one who signed from Daugavpils?');
    expect(a.abstained).toBe(false);
    expect(a.lead).toContain('Janis Berzins, retired printer, Daugavpils, Latvia, signed');
    expect(a.lead).not.toContain('Petersone');
    expect(a.citations[0].quote).toContain('Janis Berzins');
  });

  it('"who is Ieva Petersone?": a signatory whose line puts "Dr" before her name', async () => {
    const a = await answerer.answer('Who is Ieva Petersone?');
    expect(a.lead).toContain('Ieva Petersone, physician, Riga, Latvia, signed');
  });
});

describe('an office holder with two titles, and the acronym a team types for it', () => {
  it('"To: The High Representative … / Vice-President of the European Commission": one addressee, the first office her name', async () => {
    const letter = await read('us19-meps-to-hrvp.txt');
    expect(letter?.meta.recipients).toEqual([{ name: 'High Representative of the Union for Foreign Affairs and Security Policy', role: 'Vice-President of the European Commission' }]);
    // "European Parliament" above "Strasbourg, 8 October 2025" is the writers' letterhead, which their role already says.
    expect(letter?.meta.senderAffiliations).toEqual([]);
  });

  it('a letterhead in title case above the dateline, a body no letter is addressed to, is the writer\'s', async () => {
    const letter = await read('us22-forum-letterhead.txt');
    expect(letter?.meta.senderAffiliations).toEqual(['Baltic Human Rights Forum']);
    expect(letter?.meta.recipients).toEqual([]);
  });

  it('"who wrote to the HR?": the High Representative by the initials of her office\'s title', async () => {
    const a = await answerer.answer('Who wrote to the HR?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].letterId).toBe('us19-meps-to-hrvp');
    expect(a.lead).toContain('Mette Kjaergaard');
  });
});

describe('"what\'s the name of …?" where the letters name no one', () => {
  it('"the British diplomat who sat in on Samir\'s hearing": a diplomat is asked for, and none is named', async () => {
    const a = await answerer.answer("What was the name of the British diplomat who sat in on Samir's hearing on 3 December?");
    expect(a.abstained).toBe(true);
  });

  it('"do we know the name of the police officer who arrested Samir?": asked as "what\'s the name of…"', async () => {
    const a = await answerer.answer('Do we know the name of the police officer who arrested Samir?');
    expect(a.abstained).toBe(true);
  });

  it('"Samir Ouali\'s lawyer" is not "Samir Ouali, a lawyer"; "Samir Ouali\'s wife" is "Nadia Ouali, wife of Samir Ouali"', async () => {
    expect((await answerer.answer("What's the name of Samir Ouali's lawyer?")).abstained).toBe(true);
    const wife = await answerer.answer("What's the name of Samir Ouali's wife?");
    expect(wife.abstained).toBe(false);
    expect(wife.citations[0].quote).toContain('Nadia Ouali, wife of Samir Ouali');
  });
});

describe('a favour asked on a condition, and an apology that is none', () => {
  it('"If your group could write for him…, it would give him a lot of strength" is the request; "please forgive the mistakes" is not', async () => {
    expect(sentenceCues('If your group could write for him as you did for me, it would give him a lot of strength.').request).toBeGreaterThan(0.5);
    expect(sentenceCues('My English is from films, so please forgive the mistakes.').request).toBe(0);
    const a = await answerer.answer('Rodrigo asks Tomas for a favour at the end of his letter - what is it?');
    expect(a.citations[0].quote).toContain('If your group could write for him');
  });
});

describe('a role that begins with a preposition names no one', () => {
  it('"Ms Leila Ouali, on behalf of the family": "…writes on behalf of?" does not ask about Leila Ouali', async () => {
    const letter = await read('us20-lawyer-campaign-note.txt');
    const people = parseQuestion('Which group did Hela say she was writing on behalf of?', letter ? [letter] : []).people.map((p) => p.name);
    expect(people).not.toContain('Leila Ouali');
  });
});

describe('items numbered "3.1", "3.2" under "I respectfully ask the Ombudsman:"', () => {
  it('"what is Samira asking the ombudsman to recommend about the wing?": the request quoted with its numbered items', async () => {
    const a = await answerer.answer("What is Samira asking the ombudsman to recommend about Kamal's wing?");
    expect(a.citations.slice(0, 3).some((c) => c.quote.includes('to recommend his immediate transfer to a wing where he is safe'))).toBe(true);
  });
});
