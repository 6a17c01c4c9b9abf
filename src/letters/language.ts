import { createRequire } from 'node:module';
import { fold } from './text-utils.js';

/**
 * Language-aware reading: the lexical analyzers (accent folding, stopwords and a Snowball stemmer) for the
 * languages Epistle stems besides English, and the small clues that tell a question's language.
 *
 * A letter's language (franc-min, or its sidecar) chooses its analyzer; every other language is read as
 * English, as before. Terms of a non-English analyzer carry its language as a prefix ("fr:extrad"), so
 * they never meet English terms in the word index: English letters are scored exactly as they were.
 */

/** The languages that have an analyzer of their own; everything else is analysed as English. */
export const STEMMED_LANGUAGES = ['fr', 'es', 'de'] as const;
export type StemmedLanguage = (typeof STEMMED_LANGUAGES)[number];
export type LexicalLanguage = 'en' | StemmedLanguage;

const SNOWBALL_NAMES: Record<StemmedLanguage, string> = { fr: 'french', es: 'spanish', de: 'german' };

interface Stemmer {
  stem(word: string): string;
}
const require = createRequire(import.meta.url);
const snowball = require('snowball-stemmers') as { newStemmer(algorithm: string): Stemmer };
const stemmers = new Map<StemmedLanguage, Stemmer>();
function stemmerFor(language: StemmedLanguage): Stemmer {
  let s = stemmers.get(language);
  if (!s) stemmers.set(language, (s = snowball.newStemmer(SNOWBALL_NAMES[language])));
  return s;
}

/** The analyzer for a letter in `language` (ISO 639-1, as `LetterMeta.language`): its own, or English. */
export function lexicalLanguage(language: string | null | undefined): LexicalLanguage {
  const code = language?.toLowerCase().slice(0, 2);
  return (STEMMED_LANGUAGES as readonly string[]).includes(code ?? '') ? (code as StemmedLanguage) : 'en';
}

/** Function words of each language, accent-folded: never terms. */
const STOPWORDS: Record<StemmedLanguage, ReadonlySet<string>> = {
  fr: new Set(
    ('a ai aie aient aies ait as au aucun aucune aupres aura aurai auraient aurais aurait auras aurez auriez aurions ' +
      'aurons auront aussi autre autres aux avaient avais avait avant avec avez aviez avions avoir avons ayant c ca car ce ceci cela celle ' +
      'celles celui cet cette ceux chacun chez ci comme comment d dans de des desquelles desquels dont donc du duquel elle elles en encore ' +
      'entre es est et etaient etais etait etant ete etes etre eu eue eues eurent eus eusse eut eux fut furent j l la laquelle le lequel les ' +
      'lesquelles lesquels leur leurs lors lui m ma mais me meme memes mes moi mon n ne ni nos notre nous on ont ou par parce pas pendant ' +
      'peu plus pour pourquoi puis qu quand que quel quelle quelles quels qui quoi s sa sans se sera serai seraient serait seront ses si ' +
      'sinon soit sommes son sont sous suis sur t ta te tes toi ton tous tout toute toutes tres tu un une unes uns vers via voici voila vos ' +
      'votre vous y combien est-ce')
      .split(' '),
  ),
  es: new Set(
    ('a al algo algun alguna algunas alguno algunos ante antes aquel aquella aquellas aquellos aqui asi aun como con contra cual cuales ' +
      'cuando cuanto de del desde donde durante e el ella ellas ello ellos en entre era erais eramos eran eras eres es esa esas ese eso esos ' +
      'esta estaba estaban estado estamos estan estar estas este esto estos estoy fue fueron fui ha habia habian han has hasta hay he la las ' +
      'le les lo los mas me mi mis mucho muy nada ni no nos nosotros nuestra nuestro o os otra otras otro otros para pero poco por porque ' +
      'que quien quienes se sea sean ser si sido sin sobre somos son soy su sus tambien te tiene tienen todo todos tu tus un una unas uno ' +
      'unos usted ustedes y ya yo')
      .split(' '),
  ),
  de: new Set(
    ('aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch auf aus bei beim bin bis bist da ' +
      'dadurch daher damit dann das dass dein deine dem den denn der des dessen deshalb die dies diese diesem diesen dieser dieses doch dort ' +
      'du durch ein eine einem einen einer eines er es euer eure fur gegen hat hatte hatten hier ich ihm ihn ihnen ihr ihre ihrem ihren ' +
      'ihrer im in ist ja jede jedem jeden jeder jedes jetzt kann kein keine konnen man mein meine mich mir mit muss nach nicht noch nun nur ' +
      'ob oder ohne sehr sein seine seinem seinen seiner sich sie sind so soll sollen sondern um und uns unser unsere unter vom von vor wann ' +
      'war waren warum was weil welche welchem welchen welcher welches wenn wer werden wie wieder wir wird wo zu zum zur zwischen')
      .split(' '),
  ),
};

/** French elisions before a word: "l'extradition" → "extradition", "qu'il" → "il". */
const ELISION = /^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’](?=\p{L})/u;

/**
 * One token through a language's analyzer: lower case, elision removed, stopwords dropped, stemmed (Snowball
 * wants the accents, so it stems before folding), then folded, with the language's prefix: "Extradée" → "fr:extrad".
 */
export function analyseTerm(term: string, language: StemmedLanguage): string | null {
  let t = term.toLowerCase();
  if (language === 'fr') t = t.replace(ELISION, '');
  t = t.replace(/['’]s$/, '');
  const folded = fold(t);
  if (folded.length < 2 && !/\d/.test(folded)) return null;
  if (STOPWORDS[language].has(folded)) return null;
  return `${language}:${fold(stemmerFor(language).stem(t))}`;
}

/**
 * Words that frame a French question rather than say what it is about: question words, pronouns, titles, and
 * the verbs that ask ("Que demande Mme … au …", "Qu'a écrit …"). Articles and prepositions are stopwords.
 */
const FRENCH_QUESTION_WORDS = new Set(
  ('que qu quoi qui quand ou pourquoi comment combien quel quelle quels quelles lequel laquelle lesquels lesquelles est ce t il ' +
    'elle ils elles on moi nous vous y demande demandent demandait demandaient ecrit ecrivent ecrivait ecrire dit disent dire lettre ' +
    'lettres courrier courriers courriel courriels message messages m mme mmes mlle monsieur madame maitre me').split(' '),
);
/** An elision at the head of a folded word: "qu'a" → "a". */
const ELISION_FOLDED = /^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’]/;

/** Whether a question is written in French: more French function words than English ones ("Que demande Mme Lefèvre au ministre ?"). */
export function isFrenchQuestion(question: string): boolean {
  const words = (question.match(/\p{L}+/gu) ?? []).map((w) => fold(w));
  const french = words.filter((w) => FRENCH_ONLY.has(w)).length;
  const english = words.filter((w) => ENGLISH_ONLY.has(w)).length;
  return french > english;
}

/** The words of a French question that only frame it ("Que demande … au …"): not content to look for. */
export function frenchQuestionWords(question: string): string[] {
  const words = question.match(/[\p{L}]+(?:['’][\p{L}]+)?/gu) ?? [];
  return words.filter((w) => {
    const f = fold(w).replace(ELISION_FOLDED, '');
    return FRENCH_QUESTION_WORDS.has(fold(w)) || STOPWORDS.fr.has(fold(w)) || STOPWORDS.fr.has(f);
  });
}

/** Function words that only French writes, and only English (for telling a question's language). */
const FRENCH_ONLY = new Set(
  ('que qu quoi qui quand pourquoi comment combien quel quelle quels quelles lequel laquelle le la les du des au aux une est sont ont ' +
    'dans sur par pour avec il elle ils elles nous vous ce cette ces son sa ses leur leurs lettre lettres courrier demande ecrit selon entre').split(' '),
);
const ENGLISH_ONLY = new Set(
  ('the of to in for from by with what which who whom whose when where why how did does do is are was were has have had this that ' +
    'these those and or about into letter letters wrote write sent ask asked').split(' '),
);

/** Abbreviations after which a sentence goes on ("M. Rakhimov", "Sra. Pérez", "Dr. Weber"), which `Intl.Segmenter` takes for an end. */
const ABBREVIATION_END: Record<StemmedLanguage | 'en', RegExp> = {
  // "Ms. Lena Orlova", "Thomas W. Reilly", "the U.S. Department of State", "St. Petersburg", "Art. 3"; titles of other
  // languages in English letters: "Lic. Carolina Mejia", "Sra. Pérez", "Mgr. Hana Vlckova", "JUDr. Ondrej Stanek".
  en: /(?:^|[\s(“"'‘.-])(?:Mr|Mrs|Ms|Mx|Messrs|Dr|Prof|Rev|Hon|Lic|Licda|Sra|Srta|Dra|Mgr|JUDr|MUDr|PhDr|Ing|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|Amb|St|Mt|Jr|Sr|Art|Arts|Sec|No|Nos|Para|vol|pp|cf|vs|v|e\.g|i\.e|approx|Inc|Ltd|Co|Corp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|\p{Lu})\.\s*$/u,
  fr: /(?:^|[\s(«"“'‘-])(?:M|MM|Mme|Mmes|Mlle|Mlles|Me|Mes|Dr|Pr|Mgr|St|Ste|cf|art|al|env|p|pp|n°|vol)\.\s*$/,
  es: /(?:^|[\s(«"“'‘-])(?:Sr|Sra|Srta|Sres|Sras|Dr|Dra|Lic|Ud|Uds|art|núm|pág|cf)\.\s*$/,
  de: /(?:^|[\s(„"“'‘-])(?:Hr|Hrn|Fr|Dr|Prof|Nr|Art|Abs|bzw|vgl|St|z\.\s?B|u\.\s?a)\.\s*$/,
};

/** Whether a sentence the segmenter ended goes on in the next one: it ends in a title, an initial or an abbreviation of the letter's language. */
export function continuesAfter(sentence: string, language: string | null | undefined): boolean {
  return ABBREVIATION_END[lexicalLanguage(language)].test(sentence);
}
