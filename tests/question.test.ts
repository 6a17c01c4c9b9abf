import { describe, expect, it } from 'vitest';
import { namesNoCorrespondent, parseQuestion, peopleAskedAbout, type CatalogueLetter } from '../src/search/question.js';
import type { LetterMeta } from '../src/letters/types.js';
import { fold } from '../src/letters/text-utils.js';
import { normaliseTerm } from '../src/indexing/lexical-store.js';
import { askedInstance, namesInstance } from '../src/letters/cues.js';
import { HANDED_OVER, isDemonym } from '../src/answer/typed-answers.js';

const meta = (sender: string, recipient: string, date: string): LetterMeta => ({
  sender,
  senderRole: null,
  senderAffiliations: [],
  recipients: [{ name: recipient, role: null }],
  cc: [],
  date,
  place: null,
  language: 'en',
  subject: null,
});

const letters: CatalogueLetter[] = [
  { id: 'a', meta: meta('John Long', 'Mary Talk', '2002-08-01') },
  { id: 'b', meta: meta('Tunne Kelam', 'Manuel Valls', '2016-01-20') },
];
/** The intent of a question asked of these letters. */
const intent = (q: string) => parseQuestion(q, letters).intent;

describe('reading names in a question', () => {
  it('does not take an ordinary lower-case word for a surname', () => {
    const p = parseQuestion('How long has Charles Bronson spent in solitary confinement?', letters);
    expect(p.people).toEqual([]);
    expect(p.filter).toEqual({});
    expect(parseQuestion('Why do they talk about Kelam?', letters).people.map((x) => x.name)).toEqual(['Tunne Kelam']);
    // Only the first word is capitalised: still not a lower-case question.
    expect(parseQuestion('How long will the repair of the observatory lens take?', letters).people).toEqual([]);
  });

  it('takes a capitalised surname, and any name in an all-lower-case question', () => {
    expect(parseQuestion('What did Long write about the servers?', letters).filter.sender).toBe('John Long');
    expect(parseQuestion('what did long write about the servers?', letters).filter.sender).toBe('John Long');
    expect(parseQuestion('who wrote to valls in 2016?', letters).filter).toMatchObject({ recipient: 'Manuel Valls', from: '2016-01-01', to: '2016-12-31' });
  });

  it('never takes the word after "how" for a surname, even in an all-lower-case question', () => {
    expect(parseQuestion('how long was kelam in office?', letters).people.map((x) => x.name)).toEqual(['Tunne Kelam']);
  });

  it('in lower case, an adjective or adverb is a surname only where a name stands ("kept for long" names no John Long)', () => {
    expect(parseQuestion('why was he kept in custody for long?', letters).people).toEqual([]);
    expect(parseQuestion('what did long write about the servers?', letters).people.map((x) => x.name)).toEqual(['John Long']);
    expect(parseQuestion("what's in long's letter?", letters).people.map((x) => x.name)).toEqual(['John Long']);
  });

  it('matches a full name whatever its case', () => {
    expect(parseQuestion('Did the Board hear from john long?', letters).people.map((x) => x.name)).toEqual(['John Long']);
  });
});

describe('a given name', () => {
  const pavel: CatalogueLetter[] = [
    { id: 'c', meta: meta('Anna Rossi', 'Pavel Karimov', '2021-09-14'), body: 'His Excellency Mr Pavel Karimov\n\nYour Excellency,\nI write about a blogger.' },
    { id: 'd', meta: meta('Jan Svoboda', 'Commission', '2018-01-09'), body: 'I write about Mr Pavel Novak, who fled in 2014. His brother was arrested in 2016.' },
  ];

  it('names the one correspondent who has it', () => {
    expect(parseQuestion('what did pavel ask for?', [pavel[0]]).people.map((x) => x.name)).toEqual(['Pavel Karimov']);
  });

  it('names no correspondent when a letter writes it with another surname ("Pavel Novak", not the ambassador Pavel Karimov)', () => {
    expect(parseQuestion("how long was pavel's brother held?", pavel).people).toEqual([]);
    expect(parseQuestion('what did pavel novak do before he fled?', pavel).people).toEqual([]);
    expect(parseQuestion('who is pavel karimov?', pavel).people.map((x) => x.name)).toEqual(['Pavel Karimov']);
  });
});

describe('a role as a name', () => {
  const valls = { id: 'kelam', meta: { ...meta('Tunne Kelam', 'Manuel Valls', '2016-06-29'), recipients: [{ name: 'Manuel Valls', role: 'Prime Minister' }] } };
  const another = { id: 'observatoire', meta: meta('Observatoire des Exilés', 'Prime Minister of the French Republic', '2021-06-22') };

  it('names the one person the letters give that role', () => {
    expect(parseQuestion('What did Kelam ask the Prime Minister?', [valls]).filter.recipient).toBe('Manuel Valls');
  });

  it('names no one when another correspondent is a prime minister too', () => {
    const p = parseQuestion('When did we last write to the French Prime Minister?', [valls, another]);
    expect(p.filter.recipient).toBeUndefined();
    expect(p.people.map((x) => x.name)).not.toContain('Manuel Valls');
    // His name still names him.
    expect(parseQuestion('What did Kelam ask Valls?', [valls, another]).filter.recipient).toBe('Manuel Valls');
  });
});

describe('names typed without their letters', () => {
  it('folds letters that Unicode does not decompose: "Kilic" is "Kılıç", "Walesa" "Wałęsa"', () => {
    expect(fold('Kılıç')).toBe('kilic');
    expect(fold('Wałęsa')).toBe('walesa');
    expect(fold('Søren Ødegård')).toBe('soren odegard');
    expect(normaliseTerm('Kılıç')).toBe(normaliseTerm('Kilic'));
    const withKilic: CatalogueLetter[] = [...letters, { id: 'c', meta: meta('Mehmet Kılıç', 'Ana Øberg', '2020-02-12') }];
    expect(parseQuestion('What did Kilic write to Oberg?', withKilic).filter).toMatchObject({ sender: 'Mehmet Kılıç', recipient: 'Ana Øberg' });
  });
});

describe('dates counted back from today', () => {
  const today = new Date('2026-11-30T12:00:00Z');
  it.each([
    ['Any letters from last year?', '2025-01-01', '2025-12-31', 'year'],
    ['Which letters came in this year?', '2026-01-01', '2026-12-31', 'year'],
    ['What did we get last month?', '2026-10-01', '2026-10-31', 'month'],
    ['How many letters did we get in the past six months?', '2026-05-30', '2026-11-30', 'months'],
    ['Letters from the last 2 weeks', '2026-11-16', '2026-11-30', 'weeks'],
  ])('"%s" → %s to %s', (q, from, to, word) => {
    const p = parseQuestion(q, letters, undefined, today);
    expect(p.filter).toMatchObject({ from, to });
    // "last year" is no content for the letters to say, and "last" no order: every letter of the month, not the latest.
    expect(p.consumed).toContain(word);
    expect(p.order).toBeNull();
  });

  it('a year written out still wins over nothing', () => {
    expect(parseQuestion('Which letters are from 2002?', letters, undefined, today).filter).toMatchObject({ from: '2002-01-01', to: '2002-12-31' });
  });
});

describe('"to" and "from" that name no correspondent', () => {
  it.each([
    ['from', 'why are we supposed to stay away '],
    ['from', 'when did he flee '],
    ['from', 'was he extradited '],
    ['to', 'why are we supposed '],
    ['to', 'what are we trying '],
    ['to', 'why did Okafor move from Lagos '],
    ['to', 'was Voronov extradited back '],
    // The "to" of what a request asks someone to do.
    ['to', 'what does the legal aid group want the ministry '],
    ['to', 'what do they want the UK ambassador in Baku '],
    ['to', 'did the NGOs urge the Council '],
    // Whom something befalls.
    ['to', 'what does the open letter say happens '],
    ['to', 'what did they do '],
    // What was signed.
    ['to', 'who else put their name '],
    ['to', 'which NGOs signed up '],
  ])('"%s" after "%s"', (preposition, before) => expect(namesNoCorrespondent(preposition, before)).toBe(true));

  it.each([
    ['from', 'which letters are '],
    ['from', 'have we heard '],
    ['to', 'who wrote '],
    ['to', 'what did Kelam say '],
    ['to', 'how many letters have we sent '],
    ['to', 'what did Kelam ask about the letter '],
    ['to', 'did they ask Vasseur to write '],
  ])('but "%s" after "%s" does', (preposition, before) => expect(namesNoCorrespondent(preposition, before)).toBe(false));
});

describe('what a question asks, whatever else it says', () => {

  it('"tl;dr" beside a question asks for a short answer to it, not a summary', () => {
    expect(intent("what's russia's actual evidence against kelam? tl;dr pls")).toBe('reason');
    expect(intent('tl;dr did the summit actually get the prisoners out?')).toBe('content');
    expect(intent('What is Kelam asking for? tl;dr')).toBe('request');
    expect(intent("tl;dr of the MEP's letter")).toBe('summary');
  });

  it('"summarise what X says about Y" asks what is said of Y, not for the letter summarised', () => {
    expect(intent('Can you summarise what Lytvyn says about the schoolteacher held in Donetsk?')).toBe('content');
    expect(intent("For the briefing, can you summarise the open letter's point about Article 33 of the Refugee Convention?")).toBe('content');
    expect(intent('give me a summary of what Kelam says about the hunger strike')).toBe('content');
    expect(intent('Summarise the 2016 letter')).toBe('summary');
    expect(intent('summarise what Kelam wrote')).toBe('summary');
    expect(intent("what's the memo's point about the budget")).toBe('content');
  });

  it('"remind me who the Voronov letter went to", "which diplomat is the senator writing to?" ask for addressees', () => {
    expect(intent('Remind me who the Voronov letter went to on the Spanish side?')).toBe('recipients');
    expect(intent('which diplomat is the senator writing to?')).toBe('recipients');
    expect(intent('what is the senator writing about?')).toBe('content');
  });

  it('"X\'s background" and "who does X write for?" ask who X is, not who wrote', () => {
    expect(intent("whats hnatiuk's background")).toBe('affiliations');
    expect(intent("tell me about Kelam's background")).toBe('affiliations');
    expect(intent('who does hnatiuk write for')).toBe('affiliations');
    expect(intent('who did Kelam write to?')).toBe('recipients');
    expect(intent('who wrote for the NGOs?')).toBe('who-wrote');
  });

  it('"on what grounds could the cassation appeal work?" asks for a reason: the appeal is a thing, not an appeal to someone', () => {
    expect(intent("on what grounds does margaux's memo think the cassation appeal could actually work?")).toBe('reason');
    expect(intent('What did Kelam appeal to Valls for?')).toBe('request');
  });

  it('"can you recommend…" is asked of Epistle, not about what a letter asks', () => {
    expect(intent('can u recommend a decent vegetarian place for lunch near the brussels office?')).toBe('content');
    expect(intent('What did Kelam recommend?')).toBe('request');
  });

  it('"anything in the letter to X about Y?" asks what it says, not for a list of letters', () => {
    expect(intent('anything in the letter to Valls about Ablyazov?')).toBe('content');
    expect(intent("anything in Kelam's letter about his health?")).toBe('content');
    expect(intent('anything to Valls in 2016?')).toBe('list');
    expect(intent('anything from Kelam?')).toBe('list');
  });

  it('"is there anything on washing facilities or hygiene at the airport?" asks what the letters say of it', () => {
    expect(intent('is there anything on washing facilities or hygiene at the Madrid airport?')).toBe('content');
    expect(intent('is there anything about Italy in the letters?')).toBe('mentions');
    expect(intent('do any letters mention the red notice?')).toBe('mentions');
  });

  it('"in the letter to Valls, what\'s Kelam\'s role?": which letter comes first, what is asked after it', () => {
    expect(intent("in the 2016 letter to Valls about Ablyazov, what's Kelam's role?")).toBe('affiliations');
    expect(parseQuestion("in the letter to Valls, what's Kelam's role?", letters).intent).toBe('affiliations');
    const p = parseQuestion("in the Valls letter, what's Kelam's role?", letters);
    expect(peopleAskedAbout(p.question, p.people).map((x) => x.name)).toEqual(['Tunne Kelam']);
  });

  it('"who are the other MEPs on Kelam\'s letter?" asks who signed it', () => {
    expect(intent("who are the other MEPs on Kelam's letter")).toBe('who-wrote');
    expect(intent('who are the other signatories on the Ablyazov letter?')).toBe('who-wrote');
    expect(intent('who is in the letter?')).not.toBe('who-wrote');
  });

  it('"did the family actually get sent to Hungary?" asks about a hand-over, which only a report of one answers', () => {
    expect(HANDED_OVER.test('did the saleh family actually get sent to hungary in the end')).toBe(true);
    expect(HANDED_OVER.test('was he sent to spain')).toBe(true);
    expect(HANDED_OVER.test('when was the letter sent')).toBe(false);
  });

  it('"the appeal court", "the Court of Appeal", "his appeal" are things, not an appeal to someone', () => {
    expect(intent('what did the Lyon appeal court base its green light for the extradition on?')).not.toBe('request');
    expect(intent('what did the Court of Appeal rely on?')).not.toBe('request');
    expect(intent('What did Kelam appeal to Valls for?')).toBe('request');
    expect(intent('what did the MEPs appeal for?')).toBe('request');
  });

  it('"did his videos call for violence?" asks what they say, not what a writer asked', () => {
    expect(intent("do any of Rahimov's youtube videos call for violence?")).toBe('content');
    expect(intent('did his posts call for an uprising?')).toBe('content');
    expect(intent('did Kelam call for sanctions?')).toBe('request');
    expect(intent('did they call for a review of the notice?')).toBe('request');
  });

  it('"what\'s Kelam\'s role?" asks about Kelam, not for his letter', () => {
    const p = parseQuestion("in the letter to Valls, what's Kelam's role?", letters);
    expect(p.people.find((x) => x.name === 'Tunne Kelam')?.as).toBe('any');
    expect(p.filter.sender).toBeUndefined();
    expect(parseQuestion("what did Kelam's letter ask for?", letters).filter.sender).toBe('Tunne Kelam');
  });

  it('"who is X\'s lawyer?" asks about someone the letters may name, not who X is', () => {
    expect(intent("who is kılıç's lawyer?")).toBe('content');
    expect(intent("who's Rahimov's wife?")).toBe('content');
    expect(intent('who is Kelam?')).toBe('affiliations');
  });
});

describe('when a letter was written, or when something it reports happens', () => {

  it('"when is the hearing (per Claire\'s email)?" asks the letter for a date, not when the e-mail was sent', () => {
    expect(intent("when is the Lyon court hearing the Tajik request (per Claire's email)?")).toBe('content');
    expect(intent('when is the hearing according to the memo')).toBe('content');
    expect(intent('when was the letter to valls sent')).toBe('when');
    expect(intent('when did claire send the email')).toBe('when');
  });

  it('"what date is on the memo" asks when it was written, not who is on it', () => expect(intent('what date is on the memo')).toBe('when'));
});

describe('a request, a reason or a plan, though the question has a word of another kind', () => {

  it('"ask the FCDO contact to do…" asks what was requested, not contact details', () => {
    expect(intent('what did Open Newsroom ask the FCDO contact to do about the 21 June hearing?')).toBe('request');
    expect(intent("what is our contact in Baku's phone number")).toBe('contact');
  });

  it('"what do the signatories of the letter want the PM to do?" asks what they want, not who they are', () => {
    expect(intent('what do the signatories of the Rahimov open letter want the PM to do about the interpol notice?')).toBe('request');
    expect(intent('who are the signatories of the open letter')).toBe('who-wrote');
  });

  it('"were the villages ever asked what they thought?" asks whether they were consulted, not what a letter asks', () => {
    expect(intent('were the indigenous villages near the honduran dam ever asked what they thought about it?')).toBe('content');
    expect(intent('was spain asked to refuse the extradition')).toBe('request');
  });

  it('"any Ukrainian orgs among the signatories on the letter?" asks who signed; "what did the signatories ask for?" what they asked', () => {
    expect(intent('any ukrainian orgs among the signatories on the serikbayev letter?')).toBe('who-wrote');
    expect(intent('who are the signatories on the open letter')).toBe('who-wrote');
    expect(intent('what did the signatories to the letter ask for')).toBe('request');
  });

  it('"on what basis does X say Brussels can press…" asks for a reason', () =>
    expect(intent('On what basis does Conti say Brussels can press Tegucigalpa on human rights?')).toBe('reason'));

  it('"who\'s going to write to the embassy?" asks about a plan the letters report, not a letter\'s writer', () => {
    expect(intent("who's going to write to the Tajik embassy about Jamshed?")).toBe('content');
    expect(intent('who wrote to the tajik embassy')).toBe('who-wrote');
  });
});

describe('who, asked in other words', () => {

  it('"who\'s the minister X wrote to about Y?" asks for the addressee', () => {
    expect(intent("who's the spanish minister the MEP wrote to about voronov?")).toBe('recipients');
    expect(intent('who is the MEP who wrote to Valls about Ablyazov?')).toBe('who-wrote');
  });

  it('"who cosigned…" asks for the writers', () => {
    expect(intent("who cosigned conti's letter on the river defenders")).toBe('who-wrote');
    expect(intent('who are the co-signatories?')).toBe('who-wrote');
    expect(intent('which groups are behind the serikbayev letter to the spanish justice ministry')).toBe('who-wrote');
    expect(intent('what organisations are behind this open letter?')).toBe('who-wrote');
  });

  it('"what does X actually do, is he an MP…?", "in what capacity did X sign…": who X is', () => {
    expect(intent('what does kelam actually do, is he an MP or something?')).toBe('affiliations');
    expect(intent('in what capacity did kelam sign the letter')).toBe('affiliations');
    expect(intent('what does Kelam do about the extradition?')).not.toBe('affiliations');
  });

  it('a question typed in lower case but for its acronyms names people in lower case', () => {
    expect(parseQuestion('what does kelam actually do, is he an MP or something?', letters).people.map((x) => x.name)).toEqual(['Tunne Kelam']);
  });
});

describe('roles, parties and requests, asked in passing', () => {
  it('"what was X\'s position before he fled in 2014?": the year dates no letter', () => {
    const p = parseQuestion("what was kelam's position before he left office in 2014?", letters);
    expect(p.intent).toBe('affiliations');
    expect(p.filter.from).toBeUndefined();
  });

  it('a "party" is a political one only where the question says so', () => {
    expect(parseQuestion('can u remind me when the office christmas party is this year?', letters).intent).not.toBe('affiliations');
    expect(parseQuestion('which party is Kelam in?', letters).intent).toBe('affiliations');
    expect(parseQuestion("kelam's party?", letters).intent).toBe('affiliations');
  });

  it('"what did X want the EU delegation to do?" is a request, though it names a delegation', () => {
    expect(parseQuestion('what did kelam want the EU delegation in kazakhstan to do about ablyazov?', letters).intent).toBe('request');
  });
});

describe('what a "which…" question asks to be named', () => {
  it('the place or body after its adjectives: "which Spanish prison…" asks for a prison', () => {
    expect(askedInstance('which spanish prison is the ukrainian journalist being held in')).toBe('prison');
    expect(askedInstance('which European development bank lent the money?')).toBe('bank');
    expect(askedInstance('which court okayed the extradition?')).toBe('court');
    expect(askedInstance('which airline did he fly?')).toBe('airline');
  });

  it('a prison is named by its name, not by a nationality: "Fontcalent prison", not "a Spanish prison"', () => {
    const named = (t: string, noun: string) => namesInstance(t, noun, normaliseTerm, isDemonym);
    expect(named('He has now spent six weeks in Fontcalent prison.', 'prison')).toBe(true);
    expect(named('A Ukrainian citizen who is now held in a Spanish prison.', 'prison')).toBe(false);
    expect(named('It is being built by the Italian company Idroelettrica Alpina.', 'company')).toBe(true);
  });

  it('"which other Italian deputies co-signed…" asks for the writers', () => {
    expect(parseQuestion("which other italian deputies co-signed Conti's letter on the honduras dam?", letters).intent).toBe('who-wrote');
  });
});

describe('a question, then words about it', () => {
  it('"who is X in the Y file?": who X is, when X is someone the letters name', () => {
    expect(parseQuestion('who is valls in the kelam file?', letters).intent).toBe('affiliations');
    expect(parseQuestion('who is kelam writing to?', letters).intent).toBe('recipients');
  });

  it('"who\'s X, the guy Y wrote to?": the same after a comma', () => {
    expect(parseQuestion("who's valls, the guy kelam wrote to?", letters).intent).toBe('affiliations');
  });

  it('"the Ukrainian journalist wanted by Russia" wants nothing: a when-question, not a request', () => {
    expect(parseQuestion("when's the spanish court date for the ukrainian journo wanted by russia?", letters).intent).toBe('content');
    expect(parseQuestion('who is sought by the Turkish police?', letters).intent).not.toBe('request');
    expect(parseQuestion('What did Kelam want?', letters).intent).toBe('request');
  });

  it('"when does Ferreira\'s appeal come up?" asks about the appeal as a thing, not about what someone appealed for', () => {
    expect(parseQuestion("when does kelam's appeal come up?", letters).intent).toBe('content');
    expect(parseQuestion("did kelam's request get anywhere?", letters).intent).toBe('content');
  });

  it('"who did X address his letter to?" asks for the addressee', () => {
    expect(parseQuestion('who did kelam address his letter to?', letters).intent).toBe('recipients');
    expect(parseQuestion('who did kelam address the political prisoners letter to?', letters).intent).toBe('recipients');
    expect(parseQuestion("what's the name of the minister the MEP wrote to about the case?", letters).intent).toBe('recipients');
  });

  it('"the name of the prison X was sent to" asks for no addressee', () => {
    expect(parseQuestion("what's the name of the prison kelam was sent to", letters).intent).not.toBe('recipients');
  });

  it('"doing press", "any press": the press, not pressing anyone to do something', () => {
    expect(parseQuestion('is farrukh ok doing press? the lyon paper wants to talk to him', letters).intent).not.toBe('request');
    expect(parseQuestion('any press on yildiz?', letters).intent).not.toBe('request');
    expect(parseQuestion('did they press the minister to act?', letters).intent).toBe('request');
  });

  it('"what does the letter say happened to…?" asks what happened, not for a summary', () => {
    expect(parseQuestion('what does the open letter say happened to the opposition figures sent back?', letters).intent).not.toBe('summary');
    expect(parseQuestion("what does kelam's letter say?", letters).intent).toBe('summary');
    expect(parseQuestion("what does kelam's letter say in short?", letters).intent).toBe('summary');
    // Whatever follows "say" is what is asked: "tends to happen to…", "about the hunger strike".
    expect(parseQuestion('what does the open letter say tends to happen to opposition ppl who get sent back?', letters).intent).not.toBe('summary');
    expect(parseQuestion("what does kelam's letter say about the hunger strike?", letters).intent).not.toBe('summary');
  });

  it('"what is the extradition request based on?" asks for a reason, not for a request', () => {
    expect(parseQuestion("what is tajikistan's extradition request for rahimov based on", letters).intent).toBe('reason');
    expect(parseQuestion('what does the charge rest on?', letters).intent).toBe('reason');
  });

  it('"who\'s X? the guy Y wrote to": the question asks who X is', () => {
    expect(parseQuestion("who's valls? the guy kelam wrote to", letters).intent).toBe('affiliations');
    expect(parseQuestion('Ferreira got picked up in Porto right? how long did they keep him?', letters).intent).toBe('content');
  });
});

describe('questions first read as another kind (fresh dev rounds ao–ar)', () => {
  it('"anything in the X letter about Y?" asks what the letter says about Y, not for a list of letters', () => {
    expect(intent("anything in the Kelam letter about the blogger's health?")).toBe('content');
    expect(intent('anything in the Valls letter about his health?')).toBe('content');
    expect(intent('anything from Kelam?')).toBe('list');
    expect(intent('letters from Kelam about Ablyazov')).toBe('list');
  });

  it('"did the Council ever adopt what the NGOs wanted?" asks whether it was done, not what was asked', () => {
    expect(intent('did the Council ever adopt the conclusions the NGO coalition wanted?')).not.toBe('request');
    expect(intent('did Kelam ever ask the Council to adopt conclusions?')).toBe('request');
  });

  it('"…, name pls": politeness at the end is no part of the question', () => {
    expect(intent('which minister did Kelam write to, name pls')).toBe('recipients');
  });

  it('"what does Kelam suggest…", "what\'s the plan B": what the writer proposes is a request', () => {
    expect(intent('what does Kelam suggest Valls do about the extradition?')).toBe('request');
    expect(intent("what's the plan B Kelam puts to Valls if the court says yes?")).toBe('request');
  });

  it('"which body did Kelam send his letter to?", "which ministry does Valls run?": whom a letter went to, what a correspondent holds', () => {
    expect(intent('which body did Kelam send his January 2016 letter to?')).toBe('recipients');
    expect(intent('remind me, which ministry does Valls run?')).toBe('affiliations');
  });

  it('"what is Russia relying on in the extradition request?": what a request rests on, not what someone asked for', () => {
    expect(intent('what is Russia actually relying on in the Kelam extradition request?')).not.toBe('request');
    expect(intent('what did Kelam request?')).toBe('request');
  });

  it('"make the call on X": a decision, not a call on someone to act', () => {
    expect(intent('how many days has the justice minister got to make the call on Kelam?')).not.toBe('request');
    expect(intent('who makes the final call on the extradition?')).not.toBe('request');
    expect(intent('what does Kelam call on Valls to do?')).toBe('request');
    expect(intent('what did Kelam call for?')).toBe('request');
  });

  it('"who exactly did Kelam address…": a word of emphasis after the question word changes nothing', () => {
    expect(intent('who exactly did Kelam address his letter to in Paris?')).toBe('recipients');
    expect(intent('who actually did Kelam send it to?')).toBe('recipients');
  });

  it('"to Kelam\'s letter": whose letter, unless a reply to it', () => {
    const p = parseQuestion("which other MEPs put their names to Kelam's letter?", letters);
    expect(p.intent).toBe('who-wrote');
    expect(p.filter).toEqual({ sender: 'Tunne Kelam' });
    expect(parseQuestion("did Valls ever reply to Kelam's letter?", letters).people.find((x) => x.name === 'Tunne Kelam')?.as).toBe('recipient');
  });

  it('"who\'s handling the cassation appeal?": someone, and an appeal as a thing, not a request', () => {
    expect(intent("Who's handling the cassation appeal for Kelam?")).not.toBe('request');
    expect(intent('who appealed to Valls?')).toBe('who-wrote');
  });

  it('"is there anything on X\'s health in the letter to Y?" asks what the letter says, not which letters mention it', () => {
    expect(intent("Is there anything on Kelam's health in the letter to Valls?")).toBe('content');
    expect(intent('is there anything about Italy in the letters?')).toBe('mentions');
    expect(intent("which letters mention Kelam's brother?")).toBe('mentions');
  });

  it('"how come…" asks for a reason, though it says "want"', () => {
    expect(intent("how come Kelam doesn't want the agreement signed?")).toBe('reason');
    expect(intent('what does Kelam want?')).toBe('request');
  });

  it('a committee in what is asked about is no question about someone\'s committees', () => {
    expect(intent('what happened to the river committee people who were killed in 2016')).not.toBe('affiliations');
    expect(intent('What committees is Kelam on?')).toBe('affiliations');
    expect(intent('is kelam on the foreign affairs committee')).toBe('affiliations');
    expect(intent('which delegations does Kelam sit on')).toBe('affiliations');
    expect(intent("what are kelam's committees")).toBe('affiliations');
  });

  it('"want X\'s answer": X is asked, not asking', () => {
    const p = parseQuestion("by when does the observatoire want valls's yes or no", letters);
    expect(p.intent).toBe('request');
    expect(p.filter).toEqual({ recipient: 'Manuel Valls' });
    expect(parseQuestion("what is Kelam's request", letters).filter).toEqual({ sender: 'Tunne Kelam' });
  });
});
