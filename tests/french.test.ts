import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { Answerer } from '../src/answer/answerer.js';
import type { Answer } from '../src/answer/answer.js';
import { buildIndex } from '../src/indexing/build.js';
import { BundledEmbedder } from '../src/indexing/embedders/bundled.js';
import { LetterIndex } from '../src/indexing/letter-index.js';
import { LexicalStore, normaliseTerm, terms } from '../src/indexing/lexical-store.js';
import { readLetter } from '../src/letters/catalogue.js';
import { cleanText } from '../src/letters/clean.js';
import { isFrenchQuestion, lexicalLanguage } from '../src/letters/language.js';
import { extractMetadata } from '../src/letters/metadata.js';
import { extractLetter } from '../src/letters/readers/index.js';
import type { LetterError, Person } from '../src/letters/types.js';
import { verbatimChecker } from '../src/letters/verbatim.js';
import { parseQuestion } from '../src/search/question.js';
import { ROOT, tempCorpus } from './helpers/corpus.js';

/** Three letters in French, written for these tests, in three layouts; truth.json holds what each states. */
const FRENCH = join(ROOT, 'tests/fixtures/french');
const FILES = ['dubois-garnier-2017.txt', 'lefevre-vermeulen-2016.txt', 'lettre-ouverte-seitkali-2018.md'];
const DUBOIS = 'dubois-garnier-2017';
const LEFEVRE = 'lefevre-vermeulen-2016';
const SEITKALI = 'lettre-ouverte-seitkali-2018';
const MAX_BYTES = 20 * 1024 * 1024;

interface Truth {
  language: string;
  sender: string | null;
  senderRole: string | null;
  recipients: Person[];
  cc: Person[];
  signatories: string[];
  date: string | null;
  place: string | null;
  subject: string | null;
}
const truth = JSON.parse(readFileSync(join(FRENCH, 'truth.json'), 'utf8')) as Record<string, Truth & { layout: string }>;

describe('French metadata: the three fixtures read exactly', () => {
  for (const file of FILES) {
    it(`${file} (${truth[file].layout})`, async () => {
      const errors: LetterError[] = [];
      const letter = await readLetter(FRENCH, file, { maxBytes: MAX_BYTES }, errors);
      expect(errors).toEqual([]);
      const m = letter!.meta;
      const { layout: _layout, ...expected } = truth[file];
      expect({
        language: m.language,
        sender: m.sender,
        senderRole: m.senderRole,
        recipients: m.recipients,
        cc: m.cc,
        signatories: m.signatories ?? [],
        date: m.date,
        place: m.place,
        subject: m.subject,
      }).toEqual(expected);
    });
  }
});

/** Short letters of our own, one per French convention; each field is what its text states, and nothing more. */
describe('French layouts', () => {
  const BODY =
    "Nous souhaitons attirer votre attention sur la situation de notre confrère, détenu depuis plusieurs mois dans l'attente d'une décision sur son extradition, et vous demandons de le recevoir.";
  const read = (text: string) => {
    const c = cleanText(text);
    return extractMetadata(c.body, c.furniture);
  };

  it('an addressee block with the office below the name, "Monsieur le Premier ministre," and "Copie à :"', () => {
    const m = read(`Bruxelles, le 25 mai 2015\n\nMonsieur Manuel Valls\nPremier ministre\nHôtel de Matignon\n57, rue de Varenne\n75700 Paris\n\nMonsieur le Premier ministre,\n\n${BODY}\n\nJe vous prie d'agréer, Monsieur le Premier ministre, l'expression de ma haute considération.\n\nJeanne Marchand\nDéputée européenne\n\nCopie à : M. Bernard Cazeneuve, Ministre de l'Intérieur\n`);
    expect(m).toMatchObject({
      sender: 'Jeanne Marchand',
      senderRole: 'Députée européenne',
      recipients: [{ name: 'Manuel Valls', role: 'Premier ministre' }],
      cc: [{ name: 'Bernard Cazeneuve', role: "Ministre de l'Intérieur" }],
      date: '2015-05-25',
      place: 'Bruxelles',
      language: 'fr',
    });
  });

  it('"Le 12 mars 2017" with no place, "À l\'attention de Monsieur …", "Madame la Ministre," and "Veuillez agréer"', () => {
    const m = read(`Le 12 mars 2017\n\nÀ l'attention de Monsieur Julien Perrin\nDirecteur des affaires criminelles et des grâces\n\nMadame la Ministre,\n\n${BODY}\n\nVeuillez agréer, Madame la Ministre, l'assurance de notre considération distinguée.\n\nAssociation Vigilance Exil\n`);
    expect(m).toMatchObject({
      sender: 'Association Vigilance Exil',
      senderRole: null,
      recipients: [{ name: 'Julien Perrin', role: 'Directeur des affaires criminelles et des grâces' }],
      date: '2017-03-12',
      place: null,
    });
  });

  it('"Cher collègue," names no one; "Cordialement," and "Cc :"', () => {
    const m = read(`Paris, le 3 juin 2016\n\nCher collègue,\n\n${BODY}\n\nCordialement,\n\nPaul Girard\n\nCc : Anne Roux, Marc Petit\n`);
    expect(m).toMatchObject({ sender: 'Paul Girard', senderRole: null, recipients: [], date: '2016-06-03', place: 'Paris' });
    expect(m.cc.map((p) => p.name)).toEqual(['Anne Roux', 'Marc Petit']);
  });

  it('"Bien à vous," and a dateline "Fait à Genève, le 1er février 2019" below the signature', () => {
    const m = read(`Chère Madame Bernard,\n\n${BODY}\n\nBien à vous,\n\nLucie Martin\nChargée de mission, Ligue des droits de l'homme\nFait à Genève, le 1er février 2019\n`);
    expect(m).toMatchObject({
      sender: 'Lucie Martin',
      senderRole: "Chargée de mission, Ligue des droits de l'homme",
      recipients: [{ name: 'Bernard', role: null }],
      date: '2019-02-01',
      place: 'Genève',
    });
  });

  it('"Madame la Ministre," alone invents no addressee, and no date is read from a day without a year', () => {
    const m = read(`Madame la Ministre,\n\n${BODY} La cour d'appel doit se prononcer le 23 octobre.\n\nSalutations distinguées,\n\nMarc Henry\n`);
    expect(m).toMatchObject({ sender: 'Marc Henry', recipients: [], cc: [], date: null, place: null });
  });
});

describe('the lexical analyzers', () => {
  it('a letter\'s language chooses its analyzer: French, Spanish and German stem; the rest is read as English', () => {
    expect(['fr', 'es', 'de', 'en', 'it', null].map(lexicalLanguage)).toEqual(['fr', 'es', 'de', 'en', 'en', 'en']);
    // Elision, accents and Snowball: "l'extradition", "extradée", "extradés" and "extrader".
    expect(terms("L'extradition de M. Rakhimov a été demandée", 'fr')).toEqual(['fr:extradit', 'fr:rakhimov', 'fr:demand']);
    expect(new Set(['extradée', 'extradés', 'extrader', 'extradé'].flatMap((w) => terms(w, 'fr')))).toEqual(new Set(['fr:extrad']));
    expect(terms('extradición', 'es')).toEqual(['es:extradicion']);
    expect(terms('Auslieferungen', 'de')).toEqual(['de:ausliefer']);
    // English reads as it always did.
    const english = 'The minister extradited Mr Dubois to Russia in 2017.';
    expect(terms(english, 'en')).toEqual(terms(english));
    expect(terms(english)).toEqual(['minist', 'extradit', 'mr', 'duboi', 'russia', '2017']);
  });

  const ENGLISH = [
    'The minister extradited Mr Dubois to Russia in 2017, despite the appeals.',
    'We ask you to cancel the extradition decree and to grant him asylum.',
    'His lawyers wrote that the court ignored the risk of torture.',
  ];
  const FRENCH_PASSAGES = [
    "M. Rakhimov a été extradé vers l'Ouzbékistan malgré la demande de Maître Dubois.",
    'Deux de ses confrères, extradés en 2014, ont été torturés pendant leur garde à vue.',
  ];

  it('an English-only index scores exactly as MiniSearch with the English analyzer alone', () => {
    const store = LexicalStore.create();
    const reference = new MiniSearch<{ label: number; text: string }>({
      idField: 'label',
      fields: ['text'],
      tokenize: (t) => t.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [],
      processTerm: (t) => normaliseTerm(t) ?? undefined,
      searchOptions: { prefix: false, fuzzy: false, combineWith: 'OR' },
    });
    ENGLISH.forEach((text, label) => {
      store.add(label, text, 'en');
      reference.add({ label, text });
    });
    expect(store.languages()).toEqual([]);
    for (const q of ['extradition to Russia', 'torture risk court', 'Dubois 2017 asylum', 'extradé']) {
      expect(store.search(q, 10)).toEqual(reference.search(q).map((r) => ({ label: r.id, score: r.score })));
    }
  });

  it('a French passage is found through its own stems; English passages only through English terms', () => {
    const store = LexicalStore.create();
    ENGLISH.forEach((text, label) => store.add(label, text, 'en'));
    FRENCH_PASSAGES.forEach((text, i) => store.add(10 + i, text, 'fr'));
    expect(store.languages()).toEqual(['fr']);
    const labels = (q: string) => store.search(q, 10).map((h) => h.label);
    // "extrader", "extradée": both French passages, through the French stemmer; no English one.
    expect(new Set(labels('extrader'))).toEqual(new Set([10, 11]));
    expect(new Set(labels('extradée'))).toEqual(new Set([10, 11]));
    expect(new Set(store.containingAll('extradées torturés'))).toEqual(new Set([11]));
    // English words keep finding English passages, and an English question finds a French one by a name.
    expect(new Set(labels('extradited'))).toEqual(new Set([0, 1]));
    expect(labels('Dubois')).toEqual(expect.arrayContaining([0, 10]));
    // A round trip keeps the analyzers.
    const loaded = LexicalStore.fromJSON(store.toJSON());
    expect(loaded.languages()).toEqual(['fr']);
    expect(loaded.search('extrader', 10)).toEqual(store.search('extrader', 10));
  });
});

describe('French questions are parsed', () => {
  it('tells French from English, and reads French question words and dates', () => {
    expect(isFrenchQuestion('Que demande Mme Lefèvre au ministre ?')).toBe(true);
    expect(isFrenchQuestion('What did Dubois write to the Minister of Justice in 2017?')).toBe(false);
    const letters = [
      { id: DUBOIS, meta: { ...truth[FILES[0]], senderAffiliations: [], cc: [] } },
      { id: LEFEVRE, meta: { ...truth[FILES[1]], senderAffiliations: [], cc: [] } },
    ];
    const who = parseQuestion('Qui a écrit à M. Garnier le 12 mars 2017 ?', letters);
    expect(who.intent).toBe('who-wrote');
    expect(who.filter).toEqual({ recipient: 'Jean-Michel Garnier', from: '2017-03-12', to: '2017-03-12' });
    const asks = parseQuestion('Que demande Mme Lefèvre au ministre ?', letters);
    expect(asks.intent).toBe('request');
    expect(asks.filter).toEqual({ sender: 'Sophie Lefèvre' });
    expect(parseQuestion('Quelles lettres ont été envoyées en mars 2017 ?', letters).filter).toEqual({ from: '2017-03-01', to: '2017-03-31' });
    expect(parseQuestion('Pourquoi Dubois refuse-t-elle cette extradition ?', letters).intent).toBe('reason');
    expect(parseQuestion("Quelles lettres mentionnent la maison d'arrêt de Grasse ?", letters)).toMatchObject({ intent: 'mentions', topic: "maison d'arrêt de Grasse" });
  });
});

describe('answering from French letters', () => {
  let answerer: Answerer;
  let index: LetterIndex;
  let letters: string;
  const checks = new Map<string, (quote: string) => boolean>();

  /** Every quote verbatim against its letter's file, read afresh. */
  async function expectVerbatim(a: Answer): Promise<void> {
    expect(a.citations.length).toBeGreaterThan(0);
    for (const c of a.citations) {
      let check = checks.get(c.letterId);
      if (!check) {
        const source = await extractLetter(join(letters, c.file), { maxBytes: MAX_BYTES });
        check = verbatimChecker(source.text, cleanText(source.text).furniture);
        checks.set(c.letterId, check);
      }
      expect(check(c.quote), c.quote).toBe(true);
    }
  }

  beforeAll(async () => {
    const embedder = await BundledEmbedder.load({});
    const c = tempCorpus();
    letters = c.letters;
    for (const f of FILES) cpSync(join(FRENCH, f), join(c.letters, f));
    await buildIndex({ lettersDir: c.letters, indexDir: c.index, embedder, maxBytes: MAX_BYTES });
    index = LetterIndex.load(c.index);
    answerer = new Answerer(index, embedder);
  }, 300_000);

  it('the index records each passage\'s language, and stems the French ones', () => {
    const byLetter = (id: string) => [...index.passages.values()].filter((p) => p.letterId === id);
    for (const id of [DUBOIS, LEFEVRE, SEITKALI]) expect(byLetter(id).every((p) => p.language === 'fr')).toBe(true);
    expect(byLetter('000_54ce065e8f9db68d').every((p) => p.language === 'en')).toBe(true);
    expect(index.lexical.languages()).toEqual(['fr']);
    // "extradés" in Dubois's letter, "extradées" in the open letter: the question's "extrader" finds both.
    const found = new Set(index.lexical.containingAll('extrader').map((l) => index.passages.get(l)!.letterId));
    expect(found).toEqual(new Set([DUBOIS, SEITKALI]));
  });

  it('an English question finds a French letter through its names and dates', async () => {
    const a = await answerer.answer('What did Dubois write to the Minister of Justice in 2017?');
    expect(a.abstained).toBe(false);
    expect(a.citations.every((c) => c.letterId === DUBOIS)).toBe(true);
    expect(a.citations.some((c) => c.quote.includes('Timur Rakhimov'))).toBe(true);
    await expectVerbatim(a);
    const who = await answerer.answer('Who wrote to Vermeulen?');
    expect(who.lead).toContain('Sophie Lefèvre wrote to Luc Vermeulen on 3 June 2016');
  });

  it('"Que demande Mme Lefèvre au ministre ?": her request, quoted from her letter', async () => {
    const a = await answerer.answer('Que demande Mme Lefèvre au ministre ?');
    expect(a.abstained).toBe(false);
    expect(a.citations.every((c) => c.letterId === LEFEVRE)).toBe(true);
    expect(a.citations[0].quote).toContain("Nous vous demandons de ne pas donner suite à la demande d'extradition");
    await expectVerbatim(a);
  });

  it('French questions about what the letters say are answered from the French letters', async () => {
    const prison = await answerer.answer('Dans quelle prison M. Seitkali est-il détenu ?');
    expect(prison.abstained).toBe(false);
    expect(prison.citations[0].letterId).toBe(SEITKALI);
    expect(prison.citations[0].quote).toContain("maison d'arrêt de Grasse");
    await expectVerbatim(prison);

    const why = await answerer.answer("Pourquoi Hélène Dubois s'oppose-t-elle à l'extradition de M. Rakhimov ?");
    expect(why.abstained).toBe(false);
    expect(why.citations.every((c) => c.letterId === DUBOIS)).toBe(true);
    await expectVerbatim(why);

    const guarantees = await answerer.answer('Quelles garanties le Kazakhstan a-t-il fournies ?');
    expect(guarantees.citations[0].letterId).toBe(SEITKALI);
    expect(guarantees.citations[0].quote).toContain('Les assurances diplomatiques fournies par le Kazakhstan');
    await expectVerbatim(guarantees);
  });

  it('French questions about the letters themselves: who wrote on a French date, which letters mention something', async () => {
    const who = await answerer.answer('Qui a écrit à M. Garnier le 12 mars 2017 ?');
    expect(who.abstained).toBe(false);
    expect(who.lead).toBe('Hélène Dubois wrote to Jean-Michel Garnier on 12 March 2017.');
    expect(who.citations[0]).toMatchObject({ letterId: DUBOIS });
    expect(who.citations[0].quote).toContain('Hélène Dubois');
    await expectVerbatim(who);

    const mentions = await answerer.answer("Quelles lettres mentionnent la maison d'arrêt de Grasse ?");
    expect(mentions.citations.map((c) => c.letterId)).toEqual([SEITKALI]);
    await expectVerbatim(mentions);

    // A recipient never answered: the letters cannot say what he replied.
    const reply = await answerer.answer("Qu'a répondu Vermeulen ?");
    expect(reply.abstained).toBe(true);
  });

  it('English questions on the seeds are answered as before', async () => {
    const a = await answerer.answer('What is Kelam asking the Prime Minister for?');
    expect(a.citations[0].letterId).toBe('000_54ce065e8f9db68d');
    expect(a.citations.slice(0, 3).some((c) => c.quote.includes('to cancel the extradition decree in his case'))).toBe(true);
  });
});
