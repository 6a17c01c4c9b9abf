import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { sentenceCues } from '../src/letters/cues.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * Names as evidence and the questions teams ask about people (issue [1/5]), on nine short letters of our own
 * (tests/fixtures/evidence): two MEP and senator letters and a centre's letter to one minister, a memo, an open
 * letter signed by organisations, an e-mail request and the reply that quotes it, and a solicitor's letter to
 * INTERPOL's files commission.
 */
let answerer: Answerer;
const ids = (a: { citations: { letterId: string }[] }) => [...new Set(a.citations.map((c) => c.letterId))];

beforeAll(async () => {
  answerer = await fixtureAnswerer('evidence');
}, 300_000);

describe('names as evidence for abstaining', () => {
  it('does not answer "how old is X?" with another person\'s age', async () => {
    const a = await answerer.answer('How old is Jana Dvořák?');
    expect(a.abstained).toBe(true);
  });

  it('still answers a paraphrase about a named case', async () => {
    const a = await answerer.answer('Did any of the river defenders get murdered?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('were killed near their homes');
  });
});

describe('who-questions', () => {
  it('"which MEPs wrote to X?" names the writers among X\'s correspondents by their role', async () => {
    const mep = await answerer.answer('Which MEPs wrote to the Czech interior minister?');
    expect(mep.intent).toBe('who-wrote');
    expect(mep.citations.map((c) => c.letterId)).toEqual(['ev1-dvorak-to-benes']);
    const senator = await answerer.answer('Which senators wrote to Beneš?');
    expect(senator.citations.map((c) => c.letterId)).toEqual(['ev7-senator-letterhead']);
  });

  it('"who did X write to?" answers with the recipient and role', async () => {
    const a = await answerer.answer('Who did Dvořák write to?');
    expect(a.intent).toBe('recipients');
    expect(a.lead).toContain('Tomáš Beneš (Minister of the Interior of the Czech Republic)');
    expect(a.citations[0].letterId).toBe('ev1-dvorak-to-benes');
  });

  it('"who\'s behind the open letter on…" answers with its signatories', async () => {
    const a = await answerer.answer("Who's behind the open letter on the river defenders?");
    expect(a.intent).toBe('who-wrote');
    expect(a.lead).toContain('Green Rivers Network');
    expect(a.citations[0].quote).toContain('Water Defenders Alliance');
  });

  it('"who is X?" gives a recipient\'s role, quoted from the addressee block', async () => {
    const a = await answerer.answer('Who is Beneš?');
    expect(a.abstained).toBe(false);
    expect(a.lead).toContain('Minister of the Interior of the Czech Republic');
    expect(a.citations.map((c) => c.letterId)).toContain('ev1-dvorak-to-benes');
  });

  it('copies on the memo the question names, not on every memo', async () => {
    const a = await answerer.answer("Who was cc'd on the Sadykov memo?");
    expect(a.lead).toBe("Petra Horák's letter of 5 May 2019 copied Lukas Vogel.");
    expect(a.citations.map((c) => c.quote)).toEqual(['CC: Lukas Vogel']);
  });

  it('a letterhead repeated as the signature stays in the letter: the signature is quoted', async () => {
    const a = await answerer.answer('Who wrote from the Senate?');
    expect(a.lead).toContain('Pierre Lambert');
    expect(a.citations[0].letterId).toBe('ev7-senator-letterhead');
    expect(a.citations[0].quote).toContain('Pierre Lambert');
  });
});

describe('who-questions in other words', () => {
  it.each([
    ['Who was the letter about the river defenders from?', 'who-wrote', 'Green Rivers Network'],
    ['Whose letter asked for the family visits?', 'who-wrote', 'Kristýna Malá'],
    ['Who did the Refugee Help Centre letter go to?', 'recipients', 'Beneš'],
    ["What is Petra Horák's role?", 'affiliations', 'Head of Advocacy'],
    ['What is Sadykov accused of?', 'content', 'Jana Dvořák'],
    ['Who penned the open letter on the river defenders?', 'who-wrote', 'Green Rivers Network'],
    ["The letter about the family visits, who's it from?", 'who-wrote', 'Kristýna Malá'],
    ['Which MEP urged the minister to release Sadykov?', 'who-wrote', 'Jana Dvořák'],
  ])('%s', async (question, intent, expected) => {
    const a = await answerer.answer(question);
    expect(a.intent).toBe(intent);
    expect(a.lead).toContain(expected);
  });
});

describe('summaries and lists in other words', () => {
  it('"the most recent letter" is the latest dated one, not an undated note', async () => {
    const a = await answerer.answer('What was the most recent letter?');
    expect(a.citations.map((c) => c.letterId)).toEqual(['ev7-senator-letterhead']);
  });

  it('"a rundown of the X memo" summarises the one letter that names X and is a memo', async () => {
    const a = await answerer.answer('Give me a rundown of the Sadykov memo');
    expect(a.intent).toBe('summary');
    expect(new Set(a.citations.map((c) => c.letterId))).toEqual(new Set(['ev3-memo-sadykov']));
    // A short memo: its three sentences, shorter than a letter's, and not its header.
    expect(a.citations.map((c) => c.quote)).toEqual([
      'The extradition hearing has been moved to 12 June.',
      'Our lawyer will ask for the red notice to be reviewed before then.',
      'Travel costs for the family have reached 600 euro so far.',
    ]);
  });

  it('"the open letter" is the letter headed so', async () => {
    const a = await answerer.answer('What are the main points of the open letter?');
    expect(a.intent).toBe('summary');
    expect(new Set(a.citations.map((c) => c.letterId))).toEqual(new Set(['ev4-open-letter-rivers']));
  });
});

describe('who wrote about a name', () => {
  it('"who has written about X?" names every letter that names X', async () => {
    const a = await answerer.answer('Who has written to us about Sadykov?');
    expect(a.intent).toBe('who-wrote');
    expect(new Set(a.citations.map((c) => c.letterId))).toEqual(
      new Set(['ev1-dvorak-to-benes', 'ev2-centre-to-benes', 'ev3-memo-sadykov', 'ev5-request-to-mep', 'ev6-reply-from-mep', 'ev7-senator-letterhead']),
    );
  });
});

describe('the kind of letter the question names', () => {
  it('"why does the e-mail want…" quotes the e-mails, not the letters', async () => {
    const a = await answerer.answer('Why does the e-mail want the extradition refused?');
    expect(a.citations.length).toBeGreaterThan(0);
    expect(a.citations.every((c) => c.letterId === 'ev5-request-to-mep' || c.letterId === 'ev6-reply-from-mep')).toBe(true);
  });
});

describe('one person under the roles of several letters', () => {
  it('counts the letters to a minister whom one letter names only as "Minister Beneš"', async () => {
    const a = await answerer.answer('How many letters were sent to the Czech interior minister?');
    expect(a.lead).toMatch(/^3 letters/);
    expect(new Set(a.citations.map((c) => c.letterId))).toEqual(new Set(['ev1-dvorak-to-benes', 'ev2-centre-to-benes', 'ev7-senator-letterhead']));
  });
});

describe('requests', () => {
  it('quotes "Our request is this." with the request that follows, and never a reply\'s quoted lines', async () => {
    const a = await answerer.answer('What was Claire Dubois asking Walsh for?');
    expect(a.citations[0].letterId).toBe('ev5-request-to-mep');
    expect(a.citations[0].quote).toContain('Would you be willing to co-sign it?');
    expect(a.citations.every((c) => !c.quote.trimStart().startsWith('>'))).toBe(true);
  });
});

describe('requests in other words', () => {
  it.each([
    ['What does the open letter want the President to do?', 'ev4-open-letter-rivers', 'suspend the permit'],
    ['What should Beneš do according to Dvořák?', 'ev1-dvorak-to-benes', 'release Mr Sadykov'],
    ["What's the ask in the centre's letter?", 'ev2-centre-to-benes', 'allow the family to visit'],
  ])('%s', async (question, letterId, phrase) => {
    const a = await answerer.answer(question);
    expect(a.intent).toBe('request');
    expect(a.citations[0].letterId).toBe(letterId);
    expect(a.citations[0].quote).toContain(phrase);
  });
});

describe('closing formulas', () => {
  it('"Please accept… the assurances of my highest consideration" is no request', () => {
    expect(sentenceCues('Please accept, Your Excellency, the assurances of my highest consideration.').request).toBe(0);
    expect(sentenceCues('Please release Mr Sadykov.').request).toBeGreaterThan(0);
  });

  it('"we would like to bring to your attention" asks nothing; "we would be grateful for your observations" asks', () => {
    expect(sentenceCues("We would like to bring to the attention of your Excellency's Government information we have received.").request).toBe(0);
    expect(sentenceCues('I would like to thank you for your reply.').request).toBe(0);
    expect(sentenceCues('We would be grateful for your observations on the legal basis for his arrest.').request).toBeGreaterThan(0);
    expect(sentenceCues('We would appreciate any information on his whereabouts.').request).toBeGreaterThan(0);
    expect(sentenceCues('We would like you to release him.').request).toBeGreaterThan(0);
  });
});

describe('reasons', () => {
  it('quotes the claim with the rest of its paragraph', async () => {
    const a = await answerer.answer("Why does Lambert see the brother's questioning as pressure?");
    expect(a.intent).toBe('reason');
    const q = a.citations[0].quote;
    expect(q).toContain('questioned by the police in Almaty for a whole night');
    expect(q).toContain('this can only be read as pressure on the family');
    expect(a.citations[0].letterId).toBe('ev7-senator-letterhead');
  });

  it('quotes the argument first, not the letter\'s request or its subject line', async () => {
    const a = await answerer.answer("Why does Gallagher think the Vasylenko diffusion breaks Interpol's rules?");
    expect(a.intent).toBe('reason');
    expect(a.citations[0].letterId).toBe('ev10-vasylenko-diffusion');
    expect(a.citations[0].quote).toContain('precisely such a matter');
    expect(a.citations.slice(0, 3).some((c) => /^Re:/.test(c.quote))).toBe(false);
    expect(a.citations.slice(0, 3).some((c) => c.quote.startsWith('We ask the Commission'))).toBe(false);
  });
});

describe('lists, orders and rankings in other words', () => {
  it('"the latest letter about X" is the latest of the letters that name X, not the latest letter', async () => {
    expect(ids(await answerer.answer('What is the latest letter?'))).toEqual(['ev7-senator-letterhead']);
    expect(ids(await answerer.answer("What's the latest letter about Santa Cruz?"))).toEqual(['ev4-open-letter-rivers']);
  });

  it('"list the open letters" lists the letters of that kind ("open" is no word they must say)', async () => {
    const a = await answerer.answer('list the open letters');
    expect(a.intent).toBe('list');
    expect(ids(a)).toEqual(['ev4-open-letter-rivers']);
  });

  it('"what did we get in April 2019?" lists the letters of that month', async () => {
    const a = await answerer.answer('What did we get in April 2019?');
    expect(a.intent).toBe('list');
    expect(ids(a).sort()).toEqual(['ev2-centre-to-benes', 'ev5-request-to-mep', 'ev6-reply-from-mep']);
  });

  it('"who got the most letters?" ranks the recipients, one person under a short and a long name counted once', async () => {
    const a = await answerer.answer('Who got the most letters?');
    expect(a.lead).toMatch(/^Most letters went to Tomáš Beneš \(3\), /);
    expect(ids(a).sort()).toEqual(['ev1-dvorak-to-benes', 'ev2-centre-to-benes', 'ev7-senator-letterhead']);
    expect((await answerer.answer('Who wrote the most letters?')).lead).toMatch(/^No one wrote more than one letter: 10 senders/);
  });

  it('"which letters were written in Paris?" is the place a letter was written, not every letter that names it', async () => {
    const a = await answerer.answer('Which letters were written in Paris?');
    expect(a.lead).toContain('One letter written in Paris');
    expect(ids(a)).toEqual(['ev7-senator-letterhead']);
    expect(ids(await answerer.answer('Which letters mention Paris?')).sort()).toEqual(['ev7-senator-letterhead', 'ev9-paris-hearing-note']);
  });

  it('"what do we have on X?" agrees with one letter', async () => {
    expect((await answerer.answer('What do we have on Santa Cruz?')).lead).toContain('1 letter that mentions Santa Cruz');
  });
});

describe('contact questions', () => {
  it('"what\'s X\'s email?" asks for an e-mail address, and says so when no letter gives one', async () => {
    // Pierre Lambert's letter gives a postal address and no e-mail address.
    const a = await answerer.answer("What's Pierre Lambert's email?");
    expect(a.intent).toBe('contact');
    expect(a.abstained).toBe(true);
    expect(a.lead).toContain('none of them gives an e-mail address');
  });

  it('"what\'s X\'s email?" is answered from the From: line of an e-mail X sent', async () => {
    const a = await answerer.answer("What's Claire Dubois's email?");
    expect(a.intent).toBe('contact');
    expect(a.abstained).toBe(false);
    expect(a.lead).toContain('Claire Dubois <claire.dubois@example.org>');
  });

  it('a contact question that names no letter\'s correspondent does not list every letter\'s contact details', async () => {
    const a = await answerer.answer('Who should we contact at the FCDO?');
    expect(a.lead).not.toMatch(/^Contact details given in/);
  });
});

describe('comparisons by date', () => {
  it('"which came first, the X letter or the Y one?" puts the two letters in date order, each dateline quoted', async () => {
    const a = await answerer.answer('Which came first, the Vasylenko letter or the Dvořák one?');
    expect(a.lead).toMatch(/^The Vasylenko letter \(Niamh Gallagher to .+, 3 December 2018\) came first, 90 days before the Dvořák letter \(Jana Dvořák to Tomáš Beneš, 3 March 2019\)\./);
    expect(a.citations.map((c) => c.quote)).toEqual(['Dublin, 3 December 2018', 'Brussels, 3 March 2019']);
  });

  it('answers "which was written later" the way it is asked, and finds a letter by its kind and its words', async () => {
    const a = await answerer.answer('Which was written later: the Sadykov memo or the open letter on the river defenders?');
    expect(a.lead).toMatch(/^The Sadykov memo \(Petra Horák to Campaign team, 5 May 2019\) came later, 62 days after the open letter on the river defenders/);
    expect(ids(a)).toEqual(['ev4-open-letter-rivers', 'ev3-memo-sadykov']);
  });

  it('is no comparison when the question only says "first", "before" or "or"', async () => {
    for (const q of ['Was Sadykov arrested before the hearing?', 'What did the first letter say about torture or abuse?']) {
      expect((await answerer.answer(q)).lead).not.toMatch(/came (?:first|later)/);
    }
  });

  it('the names compared are no filter: "Who wrote first, Dvořák or Gallagher?"', async () => {
    const a = await answerer.answer('Who wrote first, Dvořák or Gallagher?');
    expect(a.lead).toMatch(/^The Gallagher letter .+ came first/);
  });
});

describe('signatories', () => {
  it('"how many organisations signed…" counts and names the signatories of the letter named, not letters', async () => {
    const a = await answerer.answer('How many organisations signed the open letter on the river defenders?');
    expect(a.lead).toBe("2 signatures on Green Rivers Network's letter of 4 March 2019 to President of the Republic of Honduras: Green Rivers Network and Water Defenders Alliance.");
    expect(ids(a)).toEqual(['ev4-open-letter-rivers']);
    expect((await answerer.answer('How many people signed the Vasylenko letter?')).lead).toMatch(/^One signature on Niamh Gallagher's letter/);
  });

  it('"who signed…" names every signatory of a joint letter', async () => {
    const a = await answerer.answer('Who signed the open letter on the river defenders?');
    expect(a.lead).toMatch(/^Green Rivers Network and Water Defenders Alliance \(2 signatories\) wrote to/);
  });
});

describe('writers by role, and "heard from"', () => {
  it('"which MEPs wrote about X?" takes the role as the writers\' and X as the topic', async () => {
    const a = await answerer.answer('Which MEPs wrote about Sadykov?');
    expect(a.intent).toBe('who-wrote');
    expect(ids(a)).toEqual(['ev1-dvorak-to-benes']);
    const senators = await answerer.answer('Which senators have written?');
    expect(senators.intent).toBe('who-wrote');
    expect(ids(senators)).toEqual(['ev7-senator-letterhead']);
  });

  it('"who have we heard from about X?" names the writers of every letter that names X ("from about" names no one)', async () => {
    const a = await answerer.answer('Who have we heard from about Sadykov?');
    expect(a.intent).toBe('who-wrote');
    expect(ids(a).length).toBeGreaterThanOrEqual(5);
    expect(ids(a)).toContain('ev1-dvorak-to-benes');
    expect(ids(a)).toContain('ev7-senator-letterhead');
  });
});

describe('yes-no and where questions about the catalogue', () => {
  it('"has anyone written to X?" and "did anyone write to X in Y?" list the letters to X', async () => {
    const a = await answerer.answer('Has anyone written to Beneš?');
    expect(a.intent).toBe('list');
    expect(a.lead).toMatch(/^3 letters to Tomáš Beneš: /);
    expect((await answerer.answer('Did anyone write to Beneš in 2019?')).lead).toMatch(/^3 letters to Tomáš Beneš in 2019: /);
  });

  it('"what date was the X letter?" and "where was it sent from?" answer from its dateline', async () => {
    const expected = 'Jana Dvořák wrote on 3 March 2019 to Tomáš Beneš, from Brussels.';
    expect((await answerer.answer('What date was the Dvořák letter?')).lead).toBe(expected);
    expect((await answerer.answer('Where was the Dvořák letter sent from?')).lead).toBe(expected);
  });

  it('asks about the letters only when it says so: "where was he sent?", "was he sent to prison twice?" are about what they say', async () => {
    expect((await answerer.answer('Where was Sadykov sent?')).intent).toBe('content');
    expect((await answerer.answer('Was Sadykov sent to prison twice?')).intent).toBe('content');
    expect((await answerer.answer('Where did Dvořák write from?')).intent).toBe('when');
  });

  it('"did X write to Y more than once?" counts the letters', async () => {
    const a = await answerer.answer('Did Dvořák write to Beneš more than once?');
    expect(a.intent).toBe('count');
    expect(a.lead).toMatch(/^1 letter from Jana Dvořák to Tomáš Beneš: /);
  });
});


describe('more question forms (issue [1/5])', () => {
  it.each(['Which letters are undated?', 'List the letters with no date'])('"%s" lists the letters without a date', async (q) => {
    const a = await answerer.answer(q);
    expect(ids(a)).toEqual(['ev8-undated-note']);
  });

  it('"what does Claire do?": a colleague called by her given name', async () => {
    const a = await answerer.answer('What does Claire do?');
    expect(a.intent).toBe('affiliations');
    expect(a.lead).toMatch(/^Claire Dubois/);
  });

  it('"what\'s the e-mail address of X?" is a contact question, not a list', async () => {
    const a = await answerer.answer("What's the email address of Claire Dubois?");
    expect(a.intent).toBe('contact');
  });

  it('"what dates were the Sadykov letters sent?" dates every letter that names him', async () => {
    const a = await answerer.answer('What dates were the Sadykov letters sent?');
    expect(a.intent).toBe('when');
    expect(ids(a).sort()).toEqual(['ev1-dvorak-to-benes', 'ev2-centre-to-benes', 'ev3-memo-sadykov', 'ev5-request-to-mep', 'ev6-reply-from-mep', 'ev7-senator-letterhead']);
  });
});
