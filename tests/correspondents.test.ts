import { describe, expect, it } from 'vitest';
import { confidenceOf, type Calibration } from '../src/answer/calibration.js';
import { acronymsOf, Correspondents, demonymCounterpart, otherNationalForms } from '../src/search/correspondents.js';
import { letterMatches, nameMatches } from '../src/search/filters.js';
import { parseQuestion } from '../src/search/question.js';
import type { LetterMeta } from '../src/letters/types.js';

const meta = (m: Partial<LetterMeta>): LetterMeta => ({
  sender: null, senderRole: null, senderAffiliations: [], recipients: [], cc: [], date: null, place: null, language: 'en', subject: null, signatories: [], ...m,
});

const letters = [
  { id: 'ngo-spain', body: 'We, the undersigned organisations, write about Mr Serikbayev.', meta: meta({ sender: 'Freedom Corridor Foundation', signatories: ['Freedom Corridor Foundation', 'Rights Defence Network'], recipients: [{ name: 'Ministry of Justice of the Kingdom of Spain', role: null }], place: 'Madrid' }) },
  { id: 'mep-czech', body: 'Dear Minister,\n\nI write about Mr Malinouski.', meta: meta({ sender: 'Ondřej Bartoš', senderRole: 'Member of the European Parliament', recipients: [{ name: 'Bohumil Kratochvíl', role: 'Minister of the Interior of the Czech Republic' }], place: 'Prague' }) },
  { id: 'deputy-pm', body: "Oksana Melnyk's open letter to the Prime Minister of Spain\n\nDear Prime Minister,", meta: meta({ sender: 'Oksana Melnyk', senderRole: 'Deputy', recipients: [{ name: 'Prime Minister of Spain', role: null }] }) },
];

describe('names as evidence', () => {
  const c = new Correspondents(letters);

  it('finds a recipient by demonym and office words in another order', () => {
    const ev = c.evidence('the Spanish justice ministry', ['recipient']);
    expect(ev[0]).toMatchObject({ letterId: 'ngo-spain', field: 'recipient' });
    expect(ev[0].score).toBeGreaterThan(0.9);
  });

  it('finds a sender by a role synonym: "the MEP", "the Ukrainian deputy", "the PM"', () => {
    expect(c.evidence('the MEP', ['sender'])[0].letterId).toBe('mep-czech');
    expect(c.evidence('the Czech interior minister', ['recipient'])[0].letterId).toBe('mep-czech');
    expect(c.evidence('the PM', ['recipient'])[0].letterId).toBe('deputy-pm');
  });

  it('"the congressman" is a member of a Congress, not any member of parliament', () => {
    const congress = { id: 'congress', body: 'Dear Commission,', meta: meta({ sender: 'Miguel Garrido', senderRole: 'Member of the Congress of Deputies', recipients: [{ name: 'Commission for the Control of Files', role: null }] }) };
    expect(new Correspondents([...letters, congress]).evidence("the congressman's letter", ['sender']).map((e) => e.letterId)).toEqual(['congress']);
  });

  it('a correspondent\'s acronym finds their letter: "the CCF", "the FEP memo"', () => {
    const ccf = { id: 'ccf', body: 'Dear Members of the Commission,', meta: meta({ sender: 'Miguel Garrido', recipients: [{ name: "Commission for the Control of INTERPOL's Files", role: null }] }) };
    const memo = { id: 'memo', body: 'FAIR EXTRADITION PROJECT - DUBLIN\n\nMEMORANDUM', meta: meta({ sender: 'Declan Hurley', recipients: [{ name: 'Board of Directors', role: null }] }) };
    const c2 = new Correspondents([...letters, ccf, memo]);
    expect(c2.evidence('the CCF', ['recipient'])[0]?.letterId).toBe('ccf');
    expect(c2.evidence('the FEP memo')[0]?.letterId).toBe('memo');
    expect(acronymsOf("Commission for the Control of INTERPOL's Files")).toEqual(['ccif', 'ccf']);
    expect(acronymsOf('Manuel Valls')).toEqual([]);
  });

  it('an office is typed by the initials of its title ("the HR") or of its words up to its second "of" ("the MFA")', () => {
    expect(acronymsOf('High Representative of the Union for Foreign Affairs and Security Policy')).toContain('hr');
    expect(acronymsOf('Ministry of Foreign Affairs of the Czech Republic')).toContain('mfa');
  });

  it('a signatory has the role another letter gives them: "which MEPs signed…" finds the joint letter Bartoš co-signed', () => {
    const joint = { id: 'joint', body: 'We write about Mr Malinouski.', meta: meta({ sender: 'Freedom Corridor Foundation', signatories: ['Freedom Corridor Foundation', 'Ondřej Bartoš'], recipients: [{ name: 'Council of the European Union', role: null }] }) };
    const ids = new Correspondents([...letters, joint]).evidence('the MEPs', ['sender']).map((e) => e.letterId);
    expect(ids).toContain('joint');
    expect(ids).toContain('mep-czech');
  });

  it('a correspondent\'s given name points to them only while no letter writes it with another surname', () => {
    const ambassador = { id: 'senator', body: 'His Excellency Mr Pavel Karimov\n\nYour Excellency,\nI write about a blogger.', meta: meta({ sender: 'Anna Rossi', recipients: [{ name: 'Pavel Karimov', role: 'Ambassador' }] }) };
    const other = { id: 'ngo', body: 'We write about Mr Pavel Novak, who fled in 2014.', meta: meta({ sender: 'Jan Svoboda', recipients: [{ name: 'Commission', role: null }] }) };
    expect(new Correspondents([ambassador]).evidence('what did pavel ask?')[0]?.letterId).toBe('senator');
    expect(new Correspondents([ambassador, other]).evidence('what happened to pavel in 2014?').map((e) => e.letterId)).not.toContain('senator');
    expect(new Correspondents([ambassador, other]).evidence('what did pavel karimov say?')[0]?.letterId).toBe('senator');
  });

  it('reads names, not common words, in a letter\'s opening lines', () => {
    const opening = [{ id: 'fcdo', body: 'Dear Tom,\n\nI write about Elnur Mammadli, who has been held in Baku since his arrest.', meta: meta({ sender: 'Harriet Lowe' }) }];
    const oc = new Correspondents(opening);
    expect(oc.evidence('where is he being held?')).toEqual([]);
    expect(oc.evidence('what about Mammadli?')[0]).toMatchObject({ letterId: 'fcdo', field: 'heading' });
  });

  it('weighs a common word of a subject against the question\'s names that no metadata holds', () => {
    const subject = [{ id: 'airport', body: 'Text.', meta: meta({ sender: 'Asociación Puerta Abierta', subject: 'Conditions of asylum seekers held at the airport' }) }];
    const sc = new Correspondents(subject);
    // Alone, "held" points to the letter whose subject says it…
    expect(sc.evidence('where is Akhmadov being held?')[0].score).toBe(1);
    // …but the question is about Akhmadov, whom its letters' bodies name: the subject's "held" is weak evidence.
    expect(sc.evidence('where is Akhmadov being held?', undefined, ['akhmadov'])[0].score).toBeLessThan(0.5);
    // A name the metadata holds is no other name.
    expect(sc.evidence('the Puerta Abierta letter', undefined, ['puerta', 'abierta'])[0].score).toBe(1);
  });

  it('tells which of a question\'s words the chosen letters\' correspondents hold', () => {
    const two = [
      { id: 'kilic', body: 'Text.', meta: meta({ sender: 'Miguel Garrido', subject: 'Red notice against Mr Serdar Kılıç' }) },
      { id: 'old-town', body: 'Text.', meta: meta({ sender: 'Old Town Legal Clinic' }) },
    ];
    const tc = new Correspondents(two);
    // "How old is Kılıç?": "old" is some letter's word, but not the chosen letter's; only "Kılıç" named it.
    expect(tc.catalogueTerms('old').length).toBe(1);
    expect(tc.heldBy('Kılıç', new Set(['kilic']))).toBe(true);
    expect(tc.heldBy('old', new Set(['kilic']))).toBe(false);
    expect(tc.heldBy('old', new Set(['old-town']))).toBe(true);
    expect(tc.heldBy('Kılıç', new Set(['kilic']), ['sender'])).toBe(false);
  });

  it('sums a letter\'s evidence over its fields: the NGO coalition writing to the Spanish ministry', () => {
    const ev = c.evidence('the NGO coalition writing to the Spanish justice ministry', ['sender', 'recipient']);
    expect(ev[0].letterId).toBe('ngo-spain');
  });

  it('knows one person under the roles several letters give them, by surname', () => {
    const more = [...letters, { id: 'centre-czech', body: 'Dear Minister Kratochvíl,', meta: meta({ sender: 'Kateřina Malá', recipients: [{ name: 'Kratochvíl', role: 'Minister' }] }) }];
    const ev = new Correspondents(more).evidence('the Czech interior minister', ['recipient']);
    expect(ev.filter((e) => e.score === 1).map((e) => e.letterId).sort()).toEqual(['centre-czech', 'mep-czech']);
    // Two people who share a surname are not merged.
    const two = [...more, { id: 'other-kratochvil', body: '', meta: meta({ recipients: [{ name: 'Jana Kratochvíl', role: 'Mayor of Brno' }] }) }];
    expect(new Correspondents(two).evidence('the Czech interior minister', ['recipient']).filter((e) => e.score === 1).map((e) => e.letterId)).toEqual(['mep-czech']);
  });

  it('reads "the EU" as the European Union', () => {
    const eu = [...letters, { id: 'council-eu', body: '', meta: meta({ recipients: [{ name: 'Council of the European Union', role: null }] }) }];
    expect(new Correspondents(eu).evidence('the Council of the EU', ['recipient'])[0]).toMatchObject({ letterId: 'council-eu', score: 1 });
  });

  it('takes no year or question word for a correspondent', () => {
    expect(c.catalogueTerms('How many letters were sent to the MEP in 2018?')).toEqual(['mep']);
  });

  it('reads title lines and openings as headings', () => {
    expect(c.evidence('Melnyk open letter', ['heading'])[0].letterId).toBe('deputy-pm');
  });

  it('has no evidence for words no letter states', () => {
    expect(c.evidence('the Nobel committee in Oslo')).toEqual([]);
  });

  it('demonyms and countries stand for each other', () => {
    expect(demonymCounterpart('honduran')).toBe('hondura');
    expect(otherNationalForms('the Honduran activists and France')).toEqual(['French', 'Honduras']);
  });
});

describe('names in questions', () => {
  it('a letter from a body is also one its staff signed for it', () => {
    const staff = { id: 'x', meta: { sender: 'Claire Vasseur', senderRole: 'Coordinator', senderAffiliations: ['Observatoire des Exilés'], recipients: [], cc: [], date: null } };
    expect(letterMatches(staff, { sender: 'Observatoire des Exilés' })).toBe(true);
    expect(letterMatches(staff, { sender: 'Vasseur' })).toBe(true);
    expect(letterMatches(staff, { sender: 'Open Newsroom Trust' })).toBe(false);
  });

  it('a letter to a surname is a letter to the full name', () => {
    expect(nameMatches('Kratochvíl', 'Bohumil Kratochvíl')).toBe(true);
    expect(nameMatches('Vallsberg', 'Manuel Valls')).toBe(false);
  });

  it('an office is not known by its last word', () => {
    const p = parseQuestion('Which letters went to the Spanish justice ministry in 2020?', letters);
    expect(p.people).toEqual([]);
    expect(p.intent).toBe('list');
    expect(p.filter).toEqual({ from: '2020-01-01', to: '2020-12-31' });
  });

  it('reads the kinds of question a team asks first', () => {
    const kind = (q: string) => parseQuestion(q, letters).intent;
    expect(kind('What is Kelam asking the Prime Minister for?')).toBe('request');
    expect(kind('Give me the gist of the 2015 letter')).toBe('summary');
    expect(kind("What's in the correspondence so far?")).toBe('overview');
    expect(kind('catch me up on the Rosa Ixcoy correspondence')).toBe('overview');
    expect(kind('Which letters are from 2015?')).toBe('list');
    expect(kind('letters from 2019?')).toBe('list');
    expect(kind('How many letters has Delvaux-Stehres sent?')).toBe('count');
    expect(kind('why does Hrubý think the case is political?')).toBe('reason');
    expect(kind('which organisations signed the Serikbayev letter?')).toBe('who-wrote');
    expect(parseQuestion('letters from 2019 to 2020?', letters).filter).toEqual({ from: '2019-01-01', to: '2020-12-31' });
  });

  it('reads an appeal or a request as a thing, in a yes-no question, as no request', () => {
    const kind = (q: string) => parseQuestion(q, letters).intent;
    expect(kind('did Rahimov win his asylum appeal?')).toBe('content');
    expect(kind('was the extradition request refused?')).toBe('content');
    expect(kind('when is the Rahimov appeal hearing?')).toBe('content');
    expect(kind('when will the Lyon court examine the Rahimov request?')).toBe('content');
    expect(kind('when did Melnyk ask Spain to refuse the extradition?')).toBe('request');
    // A request still, asked yes or no, or as a thing.
    expect(kind('did the MEP ask Spain to refuse the extradition?')).toBe('request');
    expect(kind('what was the request in the Voronov letter?')).toBe('request');
  });
});

describe('abstention', () => {
  const c: Calibration = { denseFloor: 0.5, denseCeiling: 0.7, minConfidence: 0.15 };

  it('a name alone is no evidence: the words the question asks about must be quoted, or a paraphrase found', () => {
    // "What is the population of France?": France is in the quotes, population is not.
    expect(confidenceOf({ dense: 0.45, coverage: 0.6, asked: 0 }, c)).toBe(0);
    expect(confidenceOf({ dense: 0.45, coverage: 0.6, asked: 0.5 }, c)).toBe(0.6);
    // A close paraphrase carries it without shared words.
    expect(confidenceOf({ dense: 0.65, coverage: 0, asked: 0 }, c)).toBeCloseTo(0.75);
  });
});
