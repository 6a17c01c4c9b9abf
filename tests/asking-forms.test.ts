import { beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answer/answerer.js';
import { normaliseTerm } from '../src/indexing/lexical-store.js';
import { isQuotedReply } from '../src/letters/text-utils.js';
import { parseQuestion } from '../src/search/question.js';
import { fixtureAnswerer } from './helpers/corpus.js';

/**
 * Questions in the forms a team member asks them, found by asking our own questions over the evaluation letters
 * (issue [1/5]), on eleven letters of our own (tests/fixtures/asking): a memo whose recommendations are a list,
 * an e-mail asking an MEP to co-sign and his reply quoting it, an MP's letter to an ambassador whose request is
 * "first, …; second, …", two NGO letters, a senator with two surnames, a reply written below its quote, a joint
 * letter of organisations, an Irish TD's letter, and a longer letter of facts about one case.
 */
let answerer: Answerer;
const ids = (a: { citations: { letterId: string }[] }) => [...new Set(a.citations.map((c) => c.letterId))];
/** The question is abstained from, with this lead. */
const abstainsWith = async (question: string, lead: string) => {
  const a = await answerer.answer(question);
  expect(a.abstained).toBe(true);
  expect(a.lead).toBe(lead);
};
/** A reply's quote of the message it answers: a "> …" line, or "On …, X wrote:". */
const quotesTheMessageAnswered = (quote: string) => /(?:^|\n)\s*>|\bwrote:/.test(quote);

beforeAll(async () => {
  answerer = await fixtureAnswerer('asking');
}, 300_000);

describe('who someone is, asked with words about them', () => {
  it('"who\'s X, the guy Y wrote to?" answers who X is, not who Y is', async () => {
    const a = await answerer.answer("who's arman seitkali, the guy davies wrote to?");
    expect(a.intent).toBe('affiliations');
    expect(a.lead).toMatch(/^Arman Seitkali, Ambassador of the Republic of Kazakhstan/);
    expect(a.citations[0].quote).toContain('His Excellency Mr Arman Seitkali');
  });
});

describe('addressees asked in other words', () => {
  it.each([
    ['which diplomat is Davies writing to?', 'Arman Seitkali'],
    ['remind me who the Okafor memo went to', 'Board of Trustees'],
  ])('"%s" names the addressee', async (q, name) => {
    const a = await answerer.answer(q);
    expect(a.intent).toBe('recipients');
    expect(a.lead).toContain(name);
  });
});

describe('someone a correspondent mentions', () => {
  it('"who is Vermeulen, the woman Ruth Mensah mentions in her memo?" answers who Vermeulen is, not who Mensah is', async () => {
    const a = await answerer.answer('Who is Vermeulen, the woman Ruth Mensah mentions in her memo?');
    expect(a.abstained).toBe(false);
    expect(a.lead).not.toMatch(/^Ruth Mensah/);
    expect(a.citations.slice(0, 2).some((c) => c.quote.includes('His Belgian lawyer, Ms Els Vermeulen'))).toBe(true);
  });
});

describe("someone's background", () => {
  it('"what\'s Okafor\'s background?" answers who Okafor is', async () => {
    const a = await answerer.answer("what's Okafor's background?");
    expect(a.intent).toBe('affiliations');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('Nigerian trade unionist');
  });
});

describe('what a letter recommends or proposes', () => {
  it.each(['What does the Okafor memo recommend?', 'What did the Okafor memo propose?'])('"%s" quotes the whole list of recommendations', async (q) => {
    const a = await answerer.answer(q);
    expect(a.intent).toBe('request');
    expect(ids(a)).toEqual(['ax1-memo-okafor']);
    expect(a.citations[0].quote).toContain('(a) Approve a budget');
    expect(a.citations[0].quote).toContain('(b) Ask the Ministry of Foreign Affairs');
    expect(a.citations[0].quote).toContain('(c) Invite two members');
  });

  it('"what did the Irish TD want done about Ferreira?": the TD never names Ferreira, so the letters that do are asked, and the lead says whose', async () => {
    const a = await answerer.answer('what did the Irish TD want done about Ferreira?');
    expect(a.intent).toBe('request');
    expect(ids(a)).toEqual(['ax11-ferreira-long-letter']);
    expect(a.lead).toContain("Inês Carvalho's letter");
    expect(a.citations[0].quote).toContain('We ask you to refuse the extradition request');
  });

  it('quotes a request made as "first, …; second, …; and finally, …" whole', async () => {
    const a = await answerer.answer('What did Davies ask the ambassador?');
    expect(a.citations[0].letterId).toBe('ax4-mp-to-ambassador');
    expect(a.citations[0].quote).toContain('second, to let an independent doctor examine her');
    expect(a.citations[0].quote).toContain('and finally, to release her pending trial');
  });

  it('"what are we asking X to do?" looks for the letters to X, not from X', async () => {
    const a = await answerer.answer('What are we asking Lindgren to do?');
    expect(a.intent).toBe('request');
    expect(ids(a)).toEqual(['ax2-request-email']);
    expect(a.citations[0].quote).toContain('Would you be willing to co-sign it');
  });

  it('"what is X hoping for?" is a request', async () => {
    const a = await answerer.answer('What is Davies hoping for?');
    expect(a.intent).toBe('request');
    expect(ids(a)).toEqual(['ax4-mp-to-ambassador']);
  });

  it('"what is X asked to do?" is a request, not a question about who wrote', async () => {
    const a = await answerer.answer('What is Seitkali asked to do?');
    expect(a.intent).toBe('request');
    expect(ids(a)).toEqual(['ax4-mp-to-ambassador']);
  });

  it('"what does the X memo complain about?" is about that memo, not a list of the letters naming X', async () => {
    const a = await answerer.answer('What does the Okafor memo complain about?');
    expect(a.intent).not.toBe('list');
    expect(ids(a)).toEqual(['ax1-memo-okafor']);
  });
});

describe('a reply and the message it quotes', () => {
  it('"what did X say in his reply?" quotes what he wrote, not his quotes of the message he answers', async () => {
    const a = await answerer.answer('What did Lindgren say in his reply?');
    expect(ids(a)).toEqual(['ax3-reply-email']);
    expect(a.citations.length).toBeGreaterThan(0);
    expect(a.citations.some((c) => quotesTheMessageAnswered(c.quote))).toBe(false);
  });

  it('"did X agree to co-sign?" answers from his reply first', async () => {
    const a = await answerer.answer('Did Lindgren agree to co-sign?');
    expect(a.citations[0].letterId).toBe('ax3-reply-email');
    expect(a.citations[0].quote).toContain('Yes, I will co-sign.');
  });
});

describe('quotes of the message a reply answers', () => {
  const quoted = (body: string, part: string) => isQuotedReply(body, body.indexOf(part), body.indexOf(part) + part.length);

  it('are the "> " lines and the line that introduces them', () => {
    const body = 'Thanks, agreed.\n\nOn Sun, 3 Mar 2024, Ruth Mensah mentioned:\n> We need the budget.\n\nTheo Van Dinter wrote:\n> Fine.';
    expect(quoted(body, 'We need the budget.')).toBe(true);
    expect(quoted(body, 'On Sun, 3 Mar 2024, Ruth Mensah mentioned:')).toBe(true);
    expect(quoted(body, 'Theo Van Dinter wrote:')).toBe(true);
    expect(quoted(body, 'Thanks, agreed.')).toBe(false);
  });

  it('are not what identifies a reply written below them', async () => {
    const a = await answerer.answer('How many e-mails did Idris Bello send?');
    expect(ids(a)).toEqual(['ax8-bello-bottom-reply']);
    expect(a.citations[0].quote).toContain('I support all three recommendations');
  });
});

describe('the catalogue, asked in other words', () => {
  it('"how many letters mention X?" counts the letters that mention X, not the letters to X\'s ambassador', async () => {
    const a = await answerer.answer('How many letters mention Kazakhstan?');
    expect(a.intent).toBe('mentions');
    expect(a.lead).toMatch(/^2 letters mention Kazakhstan/);
    expect(ids(a).sort()).toEqual(['ax4-mp-to-ambassador', 'ax6-ngo-to-kazakh-prosecutor']);
  });

  it('"which letters to X mention Y?" mentions among the letters to X', async () => {
    const a = await answerer.answer('Which letters to the Minister of Justice mention Interpol?');
    expect(a.intent).toBe('mentions');
    expect(a.lead).toContain('to the Minister of Justice mentions Interpol');
    expect(ids(a)).toEqual(['ax5-ngo-to-minister']);
  });

  it('"which ambassadors have we written to?" names the addressees of that role', async () => {
    const a = await answerer.answer('Which ambassadors have we written to?');
    expect(a.intent).toBe('recipients');
    expect(ids(a)).toEqual(['ax4-mp-to-ambassador']);
    expect(a.lead).toContain('Arman Seitkali (Ambassador of the Republic of Kazakhstan to the United Kingdom)');
  });

  it('"what are the common themes?" is an overview of the correspondence', async () => {
    const a = await answerer.answer('What are the common themes across the letters?');
    expect(a.intent).toBe('overview');
    expect(a.lead).toMatch(/^11 letters\./);
  });

  it('"has X answered Y?" looks for letters to Y', () => abstainsWith('Has the minister answered Davies?', 'No letter to Gareth Davies is on file.'));

  it('a contact question about someone who wrote no letter is not answered with the writers\' details', () => abstainsWith("What is Okafor's phone number?", "The letters don't say: they give only their writers' contact details, and Okafor wrote none of them."));

  it('a correspondent to whom no letter went is said plainly', () => abstainsWith('Has the minister replied to Davies?', 'No letter to Gareth Davies is on file.'));
});

describe('why someone wants something', () => {
  it('"why does X want…?" asks for the argument, from X\'s letter, where X goes by the first of two surnames', async () => {
    const a = await answerer.answer('Why does Cabrera want access to Okafor?');
    expect(a.intent).toBe('reason');
    expect(a.abstained).toBe(false);
    expect(ids(a)).toEqual(['ax7-cabrera-to-council']);
    expect(a.citations.slice(0, 3).some((c) => c.quote.includes('allowed to visit him only twice'))).toBe(true);
    // A letter's opening says what it is about, not why.
    expect(a.citations.some((c) => c.quote.includes('I am writing to you about'))).toBe(false);
  });
});

describe('a summary asked in other words', () => {
  it.each([
    ['Sum up what Davies wrote to the ambassador', 'ax4-mp-to-ambassador'],
    ['What is the letter to the Kazakh ambassador about?', 'ax4-mp-to-ambassador'],
    ['tl;dr of the Okafor memo', 'ax1-memo-okafor'],
    ['What was in the e-mail from Lindgren?', 'ax3-reply-email'],
    ['Describe the letter from Cabrera', 'ax7-cabrera-to-council'],
    // Of Open Borders Watch's three letters, and of the three e-mails, the one that says what the question says.
    ['Summarise the letter from Open Borders Watch on Kazakhstan', 'ax6-ngo-to-kazakh-prosecutor'],
    ['Summarise the e-mail about the budget', 'ax8-bello-bottom-reply'],
  ])('"%s" summarises that letter', async (q, id) => {
    const a = await answerer.answer(q);
    expect(a.intent).toBe('summary');
    expect(a.abstained).toBe(false);
    expect(ids(a)).toEqual([id]);
  });
});

describe('a summary of one point', () => {
  it.each([
    ['Can you summarise what the Okafor memo says about the hearing?', 'will hear the case on 22 April'],
    ["sum up the memo's point about the budget for the lawyer", 'Approve a budget of 4,500 euro'],
  ])('"%s" quotes what the memo says of it first, not its opening', async (q, phrase) => {
    const a = await answerer.answer(q);
    expect(a.abstained).toBe(false);
    expect(a.citations[0].letterId).toBe('ax1-memo-okafor');
    expect(a.citations[0].quote).toContain(phrase);
  });
});

describe('who holds an office', () => {
  it('"who is the Kazakh ambassador?" names the correspondent in that office, and the letters', async () => {
    const a = await answerer.answer('Who is the Kazakh ambassador?');
    expect(a.lead).toBe('Arman Seitkali (Ambassador of the Republic of Kazakhstan to the United Kingdom) received letters from Gareth Davies (9 April 2024).');
    expect(ids(a)).toEqual(['ax4-mp-to-ambassador']);
    expect(a.citations[0].quote).toContain('Mr Arman Seitkali');
  });

  it('"who\'s the Belgian justice minister?" reads the office from a "To the Minister of…" line', async () => {
    const a = await answerer.answer("Who's the Belgian justice minister?");
    expect(a.lead).toMatch(/^Pieter De Smet \(Minister of Justice of the Kingdom of Belgium\) received letters from Nadia Ferri/);
  });

  it('does not name a holder for an office the letters never mention', async () => {
    const a = await answerer.answer('Who is the Dutch ambassador?');
    expect(a.lead).not.toContain('Seitkali');
  });
});

describe('dates asked in other words', () => {
  it.each(['What date did Davies write?', 'What year did Davies write?', 'On what day did Davies write?'])('"%s" is answered from the dateline', async (q) => {
    const a = await answerer.answer(q);
    expect(a.intent).toBe('when');
    expect(a.lead).toContain('9 April 2024');
  });
});

describe('irregular verbs', () => {
  it('a past form is its verb ("held" is "hold", "taken" is "take"), so the letters\' words and the question\'s meet', () => {
    for (const [past, base] of [['held', 'hold'], ['taken', 'take'], ['took', 'take'], ['kept', 'keep'], ['fled', 'flee'], ['sought', 'seek'], ['sent', 'send'], ['brought', 'bring']]) {
      expect(normaliseTerm(past)).toBe(normaliseTerm(base));
    }
    // Not the past forms that are words of their own.
    for (const w of ['left', 'found', 'rose', 'felt']) expect(normaliseTerm(w)).toBe(w);
  });
});

describe('contractions', () => {
  it('are function words, not content to search for', () => {
    for (const w of ["shouldn't", 'shouldn’t', "didn't", "hasn't", "can't"]) expect(normaliseTerm(w)).toBeNull();
    expect(normaliseTerm('extradite')).toBe('extradit');
  });
});

describe('letters of a kind', () => {
  it.each(['Which letters came from NGOs?', 'List the NGO letters', 'How many letters from charities do we have?'])('"%s": the letters an organisation that is no state body wrote or signed', async (q) => {
    const a = await answerer.answer(q);
    expect(a.abstained).toBe(false);
    // Signed by a "Campaigns Officer, Open Borders Watch"; not the MP's, the senator's or the Board's memo.
    expect(ids(a)).toEqual(expect.arrayContaining(['ax5-ngo-to-minister', 'ax6-ngo-to-kazakh-prosecutor']));
    for (const id of ['ax4-mp-to-ambassador', 'ax7-cabrera-to-council', 'ax1-memo-okafor']) expect(ids(a)).not.toContain(id);
  });

  it('"what do the groups want…": the letters of organisations, such as one whose signatories say "we, the undersigned organisations"', async () => {
    const a = await answerer.answer('what do the groups want done?');
    expect(a.intent).toBe('request');
    expect(ids(a)).toContain('ax9-joint-ngos-to-council');
    expect(a.citations.find((c) => c.letterId === 'ax9-joint-ngos-to-council')?.quote).toContain('We call on the Council to ask the Commission');
  });

  it('two kinds named narrow together: "NGO e-mails"', async () => {
    const a = await answerer.answer('Which NGO e-mails do we have?');
    expect(ids(a)).toEqual(['ax2-request-email']);
  });
});

describe('quotes', () => {
  it('a sentence is quoted with the next one when that one scores near it: "what did Ferreira\'s paper report on?"', async () => {
    const a = await answerer.answer("what did Ferreira's paper report on?");
    expect(a.citations[0].quote).toContain('Mr Ferreira edited a weekly newspaper in Luanda');
    expect(a.citations[0].quote).toContain('Its reports on the sale of fishing licences');
  });
});

describe('who wrote it', () => {
  it('"…the letter about the journalist from Almaty": where she is from, not a writer no letter knows', async () => {
    const a = await answerer.answer('who signed the letter to the ambassador about the journalist from Almaty?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].letterId).toBe('ax4-mp-to-ambassador');
    await abstainsWith('which letters are from Almaty?', 'No letter from Almaty is on file.');
  });

  it('"who wrote the Okafor memo?": the signature, and the memo\'s FROM: line that says in what capacity', async () => {
    const a = await answerer.answer('who wrote the Okafor memo?');
    expect(a.intent).toBe('who-wrote');
    expect(a.citations.map((c) => c.quote)).toEqual(['Ruth Mensah', 'FROM: Ruth Mensah, Legal Director']);
  });
});

describe('signatories and offices', () => {
  it('"who are the signatories of the joint letter to the Council?": every organisation, not letters saying "signatories"', async () => {
    const a = await answerer.answer('Who are the signatories of the joint letter to the Council?');
    expect(ids(a)).toEqual(['ax9-joint-ngos-to-council']);
    expect(a.lead).toContain('Green Harbour Ghent, Danube Delta Watch, Solidaridad del Puerto and Meridian Workers Aid (4 signatories)');
  });

  it('"how many people signed the letter to the Council?" counts its signatures', async () => {
    const a = await answerer.answer('How many people signed the letter to the Council?');
    expect(a.lead).toMatch(/^4 signatures on /);
  });

  it('"the Irish TD" is a Teachta Dála', async () => {
    const a = await answerer.answer('Anything from the Irish TD?');
    expect(ids(a)).toEqual(['ax10-td-to-minister']);
  });
});

describe('summaries of several letters', () => {
  it('"give me a rundown of the Okafor letters": a line for each letter that names him, not one letter summarised', async () => {
    const a = await answerer.answer('Give me a rundown of the Okafor letters');
    expect(a.lead).toMatch(/^\d+ letters that mention Okafor\./);
    expect(ids(a).length).toBeGreaterThan(3);
    // The memo's writer, the NGO's addressee, the senator's addressee, the TD.
    for (const name of ['Ruth Mensah', 'Pieter De Smet', 'Henrik Aalto', 'Niamh Gallagher']) expect(a.lead).toContain(name);
  });

  it('"summarise the Okafor memo" is still one letter, in its own words', async () => {
    const a = await answerer.answer('Summarise the Okafor memo');
    expect(ids(a)).toEqual(['ax1-memo-okafor']);
  });
});

describe('replies', () => {
  it('"has the Belgian justice minister answered?": a reply is a letter from him, and there is none', async () => {
    const a = await answerer.answer('Has the Belgian justice minister answered?');
    expect(a.abstained).toBe(true);
    expect(a.lead).toBe('No letter from the Belgian justice minister is on file; 2 letters went to them.');
    expect(a.closest.map((c) => c.letterId).sort()).toEqual(['ax10-td-to-minister', 'ax5-ngo-to-minister']);
  });

  it('"did X ever get back to us?" reads the same way', async () => {
    const a = await answerer.answer('Did the Commissioner for Human Rights ever get back to us?');
    expect(a.lead).toBe('No letter from the Commissioner for Human Rights is on file; one letter went to them.');
  });

  it('"did De Smet ever reply?": a recipient who wrote nothing, with an adverb before the verb', async () => {
    const a = await answerer.answer('Did De Smet ever reply?');
    expect(a.abstained).toBe(true);
    expect(a.lead).toContain('none of them was written by Pieter De Smet');
  });

  it('"what are the recommendations in the Okafor memo?" is a request', async () => {
    const a = await answerer.answer('What are the recommendations in the Okafor memo?');
    expect(a.intent).toBe('request');
    expect(a.citations[0].quote).toContain('(a) Approve a budget');
  });
});

describe('ages', () => {
  it('"how old is Okafor?" is answered by "Mr Daniel Okafor, 52,", which says neither "old" nor "age"', async () => {
    const a = await answerer.answer('How old is Okafor?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('Mr Daniel Okafor, 52,');
  });

  it('"how old is the nigerian guy okafor" (typed in lower case) reads the age beside his name too', async () => {
    const a = await answerer.answer('how old is the nigerian guy okafor');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('Mr Daniel Okafor, 52,');
  });

  it('"how old is Davies?" is not answered by someone else\'s age', async () => {
    const a = await answerer.answer('How old is Davies?');
    expect(a.abstained).toBe(true);
  });
});

describe('questions typed quickly', () => {
  it('"whats the latest letter" (no apostrophe) is the latest letter, not a search for "whats"', async () => {
    const a = await answerer.answer('whats the latest letter');
    expect(a.lead).toMatch(/^One letter: .*20 May 2024\.$/);
  });

  it.each(['list senders', 'Who are the senders?'])('"%s": every writer, with how many letters', async (q) => {
    const a = await answerer.answer(q);
    expect(a.lead).toMatch(/^Most letters were written by Nadia Ferri \(3\)/);
  });

  it('"who have we written to most?": the addressees by number of letters', async () => {
    const a = await answerer.answer('who have we written to most?');
    expect(a.lead).toMatch(/^Most letters went to Pieter De Smet \(2\)/);
  });

  it('"summary of everything" is the overview', async () => {
    const a = await answerer.answer('summary of everything');
    expect(a.intent).toBe('overview');
    expect(a.lead).toMatch(/^11 letters\./);
  });

  it('"who r the signatories on the joint letter" names them', async () => {
    const a = await answerer.answer('who r the signatories on the joint letter');
    expect(a.lead).toContain('(4 signatories)');
  });
});

describe('e-mail addresses', () => {
  it('"what is Lindgren\'s e-mail?" reads the From: line of his e-mail, not the address of whom he quotes', async () => {
    const a = await answerer.answer("What is Lindgren's e-mail?");
    expect(a.abstained).toBe(false);
    expect(a.lead).toContain('Tomas Lindgren <tomas.lindgren@example.eu>');
    expect(a.lead).not.toContain('n.ferri@example.org');
    for (const c of a.citations) expect(c.quote).not.toMatch(/wrote:|^\s*>/);
  });

  it('a reply is cited by its own signature, not by the quoted greeting that names its writer', async () => {
    const a = await answerer.answer('Who wrote the reply to Nadia Ferri?');
    expect(a.lead).toMatch(/^Tomas Lindgren wrote to Nadia Ferri/);
    expect(a.citations[0].quote).not.toMatch(/^\s*>/);
  });
});

describe('a country that no correspondent holds', () => {
  it('"who wrote to the Dutch ambassador?" is not answered with another country\'s ambassador', () => abstainsWith('Who wrote to the Dutch ambassador?', 'No letter to the Dutch ambassador is on file.'));

  it('"the Nigerian minister of justice" is not the Belgian one on file', () => abstainsWith('Which letters went to the Nigerian minister of justice?', 'No letter to the Nigerian minister of justice is on file.'));

  it('a country some addressee holds still finds its letters', async () => {
    const a = await answerer.answer('Which letters went to the Belgian minister of justice?');
    expect(ids(a).sort()).toEqual(['ax10-td-to-minister', 'ax5-ngo-to-minister']);
  });
});

describe('how long, how many times, and dates that are not the letter\'s', () => {
  it('"how many times has the hearing been pushed back?" is about the hearing, not a count of letters or a request', async () => {
    const a = await answerer.answer('how many times has the Ferreira hearing been pushed back?');
    expect(a.intent).toBe('content');
    expect(a.citations[0].quote).toContain('has been postponed four times');
  });

  it('"how many times did X write to Y?" still counts letters, and "De" of "De Smet" is no word they must mention', async () => {
    const a = await answerer.answer('how many times did Ferri write to De Smet?');
    expect(a.intent).toBe('count');
    expect(a.lead).toMatch(/^1 letter from Nadia Ferri to Pieter De Smet: /);
  });

  it('"when is X\'s court date?" looks for the hearing in what the letters say, not for the date of a letter', async () => {
    const a = await answerer.answer("when is Ferreira's court date?");
    expect(a.intent).toBe('content');
    expect(a.lead).not.toMatch(/wrote|dated/);
  });

  it('"which court has X\'s case?": the sentence that names a court ("the Court of Appeal of Porto") first', async () => {
    const a = await answerer.answer("which court has Ferreira's case?");
    expect(a.citations[0].quote).toContain('the Court of Appeal of Porto');
  });

  it('"how often does X have to check in?": a frequency answers ("every Monday")', async () => {
    const a = await answerer.answer('how often does Ferreira have to check in with the police?');
    expect(a.citations[0].quote).toContain('at the police station every Monday');
  });

  it('"where will X\'s case be heard?": a sentence that names a place ("in Ghent") answers', async () => {
    const a = await answerer.answer("where will okafor's case be heard?");
    expect(a.citations.slice(0, 3).map((c) => c.quote).join(' ')).toContain('The chamber of indictment in Ghent will hear the case');
  });

  it('"where did they pick X up?": the phrasal verb with its object between ("pick … up", arrested)', async () => {
    const a = await answerer.answer('where did they pick ferreira up?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('The police in Porto arrested Mr Ferreira at his flat');
  });

  it('"how many wks was X in custody?": the abbreviation read as "weeks"', async () => {
    const a = await answerer.answer('how many wks was ferreira in custody?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('He spent nine weeks in custody');
  });

  it('"…right? how long did they keep him?": a span of time answers, wherever "how long" stands', async () => {
    const a = await answerer.answer('Ferreira got picked up in Porto right? how long did they keep him?');
    expect(a.citations.slice(0, 2).map((c) => c.quote).join(' ')).toContain('He spent nine weeks in custody');
  });
});

describe('the rest of the letter that matched', () => {
  it('"why were the hearings delayed?" finds the reason in another paragraph of the letter about the hearing', async () => {
    const a = await answerer.answer('why were the hearings delayed');
    expect(a.citations[0].quote).toContain('postponed four times because the Angolan documents had not been translated');
  });

  it('"press freedom" is no pressing for something: not a request', async () => {
    const a = await answerer.answer('which ngo ranks angola badly for press freedom');
    expect(a.intent).toBe('content');
    expect(a.citations[0].quote).toContain('Reporters Without Chains ranks Angola');
  });
});

describe('places and verbs after "to" and "from"', () => {
  it('"why did Okafor move from Lagos to Ghent?": Ghent is where he went, not the organisation "Green Harbour Ghent"', async () => {
    const a = await answerer.answer('why did Okafor move from Lagos to Ghent?');
    expect(a.abstained).toBe(false);
    expect(a.lead).not.toContain('Green Harbour Ghent');
  });
});

describe('who someone is, asked in passing', () => {
  it('"who\'s X exactly, whats her job": her role, quoted with the signature lines that state it', async () => {
    const a = await answerer.answer("who's Nadia Ferri exactly, whats her job");
    expect(a.intent).toBe('affiliations');
    expect(a.lead).toBe('Nadia Ferri: Campaigns Officer, Open Borders Watch.');
    expect(a.citations[0].quote).toContain('Campaigns Officer, Open Borders Watch');
  });

  it('"who is X?" of a writer: the signature lines, then how the letter says who they are ("I write as a member of…")', async () => {
    const a = await answerer.answer('who is Davies?');
    expect(a.intent).toBe('affiliations');
    expect(a.citations[0].quote).toContain('Gareth Davies MP');
    expect(a.citations[1].quote).toContain('I write as a member of the All-Party Parliamentary Group on Central Asia');
  });

  it('"remind me who X is" (no correspondent): the sentence that says what X is', async () => {
    const a = await answerer.answer('remind me who Tulegenova is');
    expect(a.intent).toBe('affiliations');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('Ms Aigerim Tulegenova, a journalist');
  });

  it('"who is the ambassador X wrote to" asks for the addressee, not the writer', async () => {
    const a = await answerer.answer('who is the ambassador Davies wrote to');
    expect(a.intent).toBe('recipients');
    expect(a.lead).toContain('Arman Seitkali');
  });

  it('"how many people … in the letter" counts no letters', async () => {
    const a = await answerer.answer('how many ppl have a say in the council letter');
    expect(a.intent).not.toBe('count');
  });

  it.each([['which ambassador did the MP write to abt tulegenova'], ["who was the MP's letter about Tulegenova addressed to?"]])(
    '"%s": the addressee of that writer\'s letter',
    async (q) => {
      const a = await answerer.answer(q);
      expect(a.intent).toBe('recipients');
      expect(a.lead).toContain('Arman Seitkali');
      expect(a.lead).not.toContain('is addressed to Campaign');
    },
  );

  it('"which constituency is the TD from?": the one writer that role names, by the lines below the signature', async () => {
    const a = await answerer.answer('which constituency is the TD from?');
    expect(a.intent).toBe('affiliations');
    expect(a.lead).toBe('Niamh Gallagher: Teachta Dála for Cork South-Central.');
  });

  it('"which letters did X write", "what letters have we sent" list letters, not their addressees or writers', () => {
    for (const q of ['which letters did Davies write', 'what letters have we sent']) expect(parseQuestion(q, []).intent).toBe('list');
  });

  it('"who\'s X writing to?" asks for the addressees', async () => {
    const a = await answerer.answer("who's Ferri writing to?");
    expect(a.intent).toBe('recipients');
    expect(a.lead).toContain('Pieter De Smet');
  });
});

describe('how things turned out', () => {
  it('"did Belgium end up extraditing Okafor?": the letters ask for an outcome they do not report', () =>
    abstainsWith('did Belgium end up extraditing Okafor?', "The letters don't say how it turned out. The closest letters are listed below."));

  it('an outcome asked after another question: "what happened at the hearing - did they let him go?", "tl;dr did…"', async () => {
    await abstainsWith("what happened to Ferreira at the appeal - did Portugal hand him over to Angola?", "The letters don't say how it turned out. The closest letters are listed below.");
    await abstainsWith('tl;dr did the court end up throwing out the Angolan request for Ferreira?', "The letters don't say how it turned out. The closest letters are listed below.");
  });

  it('"…, did he end up with any lasting harm?" asks what he suffered, not how a case turned out', async () => {
    const a = await answerer.answer('the Angolan reporter whose car was set on fire, did he end up with anything else happening to him?');
    expect(a.lead).not.toContain('how it turned out');
  });

  it('"did the minister end up signing…?": "has thirty days to sign" is what is to be done, not a report that it was', () =>
    abstainsWith("did the minister end up signing Ferreira's surrender order?", "The letters don't say how it turned out. The closest letters are listed below."));

  it('"did the chamber approve X\'s extradition?": a report of the outcome holds its verb, not only its topic', () =>
    abstainsWith("did the chamber of indictment approve Okafor's extradition?", "The letters don't say how it turned out. The closest letters are listed below."));

  it('"what was the verdict…?": no sentence reports one', () =>
    abstainsWith("what was the verdict in Ferreira's case?", "The letters don't say how it turned out. The closest letters are listed below."));

  it('"did Portugal end up handing X over?": no sentence reports a hand-over', () =>
    abstainsWith('did Portugal end up handing Ferreira over to Angola?', "The letters don't say how it turned out. The closest letters are listed below."));

  it('"was X eventually sent to Angola?", "did the court end up throwing out the request?": nothing reports either', async () => {
    await abstainsWith('was Ferreira eventually sent to Angola?', "The letters don't say how it turned out. The closest letters are listed below.");
    await abstainsWith('did the court end up throwing out the Angolan request for Ferreira?', "The letters don't say how it turned out. The closest letters are listed below.");
  });

  it('"did Angola ever take away X\'s passport?": "ever" asks whether it happened, and no sentence reports it', () =>
    abstainsWith("did Angola ever take away Ferreira's passport?", "The letters don't say how it turned out. The closest letters are listed below."));

  it('"was X released?": the sentence that reports it', async () => {
    const a = await answerer.answer('was Okafor released?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('released on bail two days later');
  });

  it('but a status the letters do report answers it ("have never answered")', async () => {
    const a = await answerer.answer("did the Angolan authorities ever answer the court's questions?");
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('The Angolan authorities have never answered the questions');
  });
});


describe("someone of someone's, named or not", () => {
  it('"who is X\'s lawyer?": the sentence that writes the lawyer\'s name beside the word, first', async () => {
    const a = await answerer.answer("who is Okafor's lawyer?");
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('His Belgian lawyer, Ms Els Vermeulen');
  });

  it('"who\'s representing X?" asks for X\'s lawyer, by name', async () => {
    const a = await answerer.answer("who's representing Okafor?");
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('His Belgian lawyer, Ms Els Vermeulen');
  });

  it('"…do we have his lawyer\'s name?": the lawyer of whom the question names, not of "lawyer"', async () => {
    const a = await answerer.answer("who's representing Okafor in Ghent, do we have his lawyer's name?");
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('Ms Els Vermeulen');
  });

  it('"who\'s representing the Nigerian unionist arrested in Antwerp? need the lawyer\'s name": Antwerp is where, not whose lawyer', async () => {
    const a = await answerer.answer("who's representing the Nigerian unionist arrested in Antwerp? need the lawyer's name");
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('Ms Els Vermeulen');
  });

  it.each([['okafor lawyer name?'], ["whos okafor's lawyer?"], ["who's repping okafor?"]])('"%s", typed as a team types it, asks the same', async (q) => {
    const a = await answerer.answer(q);
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('His Belgian lawyer, Ms Els Vermeulen');
  });

  it('"what\'s the name of X\'s lawyer?": the letters mention her lawyer but never name one', () =>
    abstainsWith("what's the name of Tulegenova's lawyer?", "The letters don't say who. The closest letters are listed below."));

  it('"tulegenova lawyer name?": the same', () => abstainsWith('tulegenova lawyer name?', "The letters don't say who. The closest letters are listed below."));
});

describe('names misspelt', () => {
  it('"which court has ferriera\'s case?" reads Ferreira, as the letters spell him', async () => {
    const a = await answerer.answer("which court has ferriera's case?");
    expect(a.question).toBe("which court has ferriera's case?");
    expect(a.citations[0].quote).toContain('the Court of Appeal of Porto');
  });
});

describe('questions that ask for a kind of answer: abstain when no best sentence holds one', () => {
  it('"which prison…": the sentence that names the prison', async () => {
    const a = await answerer.answer('which prison was Ferreira held in?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('at Custóias prison');
  });

  it('"which prison…" where the letters name none', () =>
    abstainsWith('which prison is Okafor held in?', "The letters don't say which prison. The closest letters are listed below."));

  it('"which jail…": a prison answers it', async () => {
    const a = await answerer.answer('which jail was Ferreira held in?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('at Custóias prison');
  });

  it('"what\'s the name of the newspaper…": "a weekly newspaper in Luanda" names none', () =>
    abstainsWith("what's the name of the newspaper Ferreira edited?", "The letters don't say which newspaper. The closest letters are listed below."));

  it('"which newspaper did X edit?": "a weekly newspaper in Luanda" names none', () =>
    abstainsWith('which newspaper did Ferreira edit?', "The letters don't say which newspaper. The closest letters are listed below."));

  it('"what are the names of X\'s sons?": their ages are given, not their names', () =>
    abstainsWith("what are the names of Ferreira's sons?", "The letters don't say who. The closest letters are listed below."));

  it('"what\'s the name of the governor…": anyone whose name is asked, not only a relation; the letter never names him', () =>
    abstainsWith("what's the name of the provincial governor Ferreira is accused of defaming?", "The letters don't say who. The closest letters are listed below."));

  it('"which hotel…" where the letters name none', () =>
    abstainsWith('which hotel did Ferreira stay at in Porto?', "The letters don't say which hotel. The closest letters are listed below."));

  it('"which firm…": a company named after the word ("the company Marítima Sul Lda") answers it', async () => {
    const a = await answerer.answer("which firm's contract is Ferreira accused of forging?");
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('the company Marítima Sul Lda');
  });

  it('"whats X\'s wife called?", "what\'s the name of X\'s mum?": the letter mentions his wife but names no one', async () => {
    await abstainsWith("whats ferreira's wife called?", "The letters don't say who. The closest letters are listed below.");
    await abstainsWith("what's the name of ferreira's mum?", "The letters don't say who. The closest letters are listed below.");
  });

  it('"how old are X\'s sons?": the age written with them', async () => {
    const a = await answerer.answer("how old r ferreira's kids");
    expect(a.abstained).toBe(false);
    expect(a.citations[0].quote).toContain('two sons, aged 7 and 10');
  });

  it('"how old is X\'s wife?": the sons\' ages in the same sentence are not hers', () =>
    abstainsWith("how old is Ferreira's wife?", "The letters don't say how old. The closest letters are listed below."));
});
