import { normaliseTerm, terms } from '../indexing/lexical-store.js';
import { namesInstance } from '../letters/cues.js';
import { foldWords } from '../letters/text-utils.js';
import { demonymCounterpart } from '../search/correspondents.js';
import { RELATION_NOUNS } from '../search/question.js';
import { isModifier, isVerb } from '../search/synonyms.js';

export { RELATION_NOUNS };

/**
 * Questions that ask for a kind of answer, and the sentences that hold one: a person's age beside their name, a
 * personal name beside a relation ("His lawyer, Zaur Guliyev"), a relative's age, a named place or body ("Soto del
 * Real prison"), a reported outcome. The answerer ranks such sentences first and abstains when its best quotes hold
 * none ("The letters don't say who.").
 */

/**
 * For "how old is X?", "what age is X?": a person's age written beside their name ("Mr Serikbayev, 49,", "Akhmadov
 * is a 29-year-old…", "Karim Fahmy, a 29-year-old…"); null for other questions.
 */
export function ageBesideName(question: string, nameTerms: string[]): RegExp | null {
  if (!HOW_OLD.test(question)) return null;
  const name = namesOf(question, nameTerms);
  return name ? new RegExp(`(?:${name})(?:,\\s*(?:who\\s+(?:is|was)\\s+)?|\\s+\\(|\\s+(?:is|was)\\s+|,?\\s+(?:now\\s+)?(?:a|an)\\s+)(?:a\\s+|an\\s+)?\\d{1,3}(?:,|\\)|-year-old\\b|\\s+years?\\s+old\\b)`, 'iu') : null;
}

/** "Remind me who Bondar is": "Mr Yuriy Bondar, a forestry engineer and…", "Bondar is the coordinator of…". */
export function descriptionBesideName(question: string, nameTerms: string[]): RegExp | null {
  const name = namesOf(question, nameTerms);
  return name ? new RegExp(`(?:${name})(?:,\\s*(?:a|an|the|who|one of)\\s|\\s+(?:is|was)\\s+(?:a|an|the)\\s)`, 'iu') : null;
}

/** Words for a relation the letters may write in other words: a lawyer is also "counsel". */
const RELATION_WORDS: Record<string, string> = {
  lawyer: 'lawyers?|counsel|attorneys?|advocates?|solicitors?|barristers?|defen[cs]e lawyers?',
  attorney: 'lawyers?|counsel|attorneys?|advocates?',
  counsel: 'lawyers?|counsel|attorneys?|advocates?',
  doctor: 'doctors?|physicians?|psychologists?|psychiatrists?',
  psychologist: 'psychologists?|psychiatrists?|doctors?',
  interpreter: 'interpreters?|translators?',
  translator: 'interpreters?|translators?',
  kid: 'kids?|children|child|sons?|daughters?',
  mum: 'mums?|mothers?|moms?',
  mom: 'mums?|mothers?|moms?',
  mother: 'mums?|mothers?|moms?',
  dad: 'dads?|fathers?',
  father: 'dads?|fathers?',
  child: 'kids?|children|child|sons?|daughters?',
  boy: 'boys?|sons?',
  girl: 'girls?|daughters?',
  children: 'kids?|children|child|sons?|daughters?',
};
/** Relatives, whom a letter may name by a given name alone. */
const FAMILY = /^(?:wife|husband|son|daughter|brother|sister|mother|father|mum|mom|dad|parent|kid|child|children|cousin|boy|girl|nephew|niece|uncle|aunt|fiance|fiancee|partner|grandson|granddaughter|grandchild|grandfather|grandmother)$/;
/** People whose name "what's the name of the …?" may ask, besides relations. */
const PERSON_NOUNS = `${RELATION_NOUNS}|grandson|granddaughter|grandchild|grandfather|grandmother|interrogator|governor|official|officer|minister|ambassador|diplomat|student|journalist|reporter|blogger|activist|guard|agent|witness|victim|deputy|senator|councillor|mayor|director|leader|spokes(?:man|woman|person)|volunteer|member|colleague|friend|neighbour|neighbor|businessman|banker|farmer|teacher|priest|commander|soldier`;
const PERSON_NOUN = new RegExp(`^(?:${PERSON_NOUNS})s?$`);
/** A personal name: capitalised words, with an honorific. */
const PERSONAL_NAME = String.raw`(?:(?:Mr|Ms|Mrs|Dr|Me|Maître|Avv|Prof)\.?\s+)?\p{Lu}[\p{L}'’-]+(?:\s+(?:de\s+|van\s+|da\s+)?\p{Lu}[\p{L}'’-]+){1,3}`;

/**
 * For "who is Kılıç's lawyer?", "what's the name of the psychologist…": the relation written beside a personal name
 * ("His lawyer, Zaur Guliyev", "Ms Rocío Benavent Marí, counsel for Mr Kılıç"); null for other questions.
 */
export function relationBesideName(question: string): RegExp | null {
  const f = foldWords(question);
  const m =
    new RegExp(`^(?:so )?(?:who(?: s| is| was| are| were)|whos|what(?: s| is| are| was| were) the names? of|whats the names? of|names? of) (?:.+ s |the |his |her |their )?(?:[a-z]+ )?(${RELATION_NOUNS})s?\\b`).exec(f) ??
    // "what's Serikbayev's brother called?"
    new RegExp(`^(?:so )?what(?:s| s| is| are| was| were)? .+ s (?:[a-z]+ )?(${RELATION_NOUNS})s? called\\b`).exec(f) ??
    // "kilic lawyer name?", "Kılıç's lawyer's full name?"
    new RegExp(`\\b(${RELATION_NOUNS})s?(?: s)? (?:full |actual )?names?$`).exec(f);
  // "What's the name of the deputy governor…", "the names of the three students": anyone whose name is asked.
  // The last such noun of the few words after "of": "the kaluga deputy governor" asks for a governor.
  // "Do we know the name of the intelligence officer who…": asked the same; "the British diplomat who sat in on Julius's
  // hearing" asks for a diplomat, not for whatever follows the last possessive.
  const after = m ? null : /^(?:so )?(?:(?:do we|does anyone|do you) know |any idea (?:of |about )?)?(?:what(?: s| is| are| was| were)? the (?:actual |full )?names? of|whats the (?:actual |full )?names? of|(?:the )?(?:actual |full )?names? of) (?:\S+ s |the |his |her |their |a |an )?((?:[a-z]+ ){0,3}[a-z]+)/.exec(f)?.[1];
  const nouns = after?.split(' ').filter((w) => PERSON_NOUN.test(w));
  const named = nouns?.length ? [after!, nouns[nouns.length - 1]] : null;
  // "who's representing X?", "who defends X", "…, need the lawyer's name": a lawyer.
  const represents = /^(?:so )?(?:who(?: s| is| was)?|whos) (?:representing|repping|defending|acting for|represents|reps|defends)\b|\blawyer s name\b/.test(f);
  const word = represents ? 'lawyer' : (m ?? named)?.[1].replace(/s$/, '');
  if (!word) return null;
  // "Barrister Emmanuel Nji Fomukong": the word as a title, capitalised.
  const rel = (RELATION_WORDS[word] ?? `${word}s?`).replace(/(^|\|)([a-z])/g, (_, bar: string, c: string) => `${bar}[${c}${c.toUpperCase()}]`);
  // A relative is named by a given name alone: "his younger brother, Jamshed,".
  const given = FAMILY.test(word) ? String.raw`|\b(?:${rel}),\s+\p{Lu}\p{Ll}+\b` : '';
  // "I act for Mr Apti Eskiyev": the writer is the lawyer (the letter's signature names them).
  const writer = /^(?:lawyer|attorney|counsel)$/.test(word) ? String.raw`|\bI\s+(?:act|acted|am\s+acting)\s+(?:for|on\s+behalf\s+of)\s+${PERSONAL_NAME}|\bI\s+(?:represent|am\s+(?:the\s+)?(?:lawyer|counsel|attorney)\s+(?:of|for))\s+${PERSONAL_NAME}` : '';
  return new RegExp(String.raw`\b(?:${rel}),?\s+${PERSONAL_NAME}|${PERSONAL_NAME},\s+(?:(?:his|her|their|the|a)\s+)?(?:\p{L}+\s+)?(?:${rel})\b${given}${writer}`, 'u');
}

/** The question's names as a regular expression's alternatives: capitalised words, or names the letters write though the question is in lower case. */
function namesOf(question: string, nameTerms: string[]): string | null {
  const names = [...question.matchAll(/\b[\p{L}][\p{L}'’-]+/gu)]
    .filter((m) => (m.index > 0 && /^\p{Lu}/u.test(m[0])) || nameTerms.includes(normaliseTerm(m[0]) ?? ''))
    .map((m) => m[0].replace(/['’]s$/, ''))
    .filter((w) => w.length > 2);
  return names.length ? names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') : null;
}

/**
 * Which typed questions abstain when no best sentence holds their type. Dev half with the typed round
 * (questions-l1.jsonl): unanswerable abstained 4 → 16 of 21 there, dev abstention 0.904 → 0.920, no answerable lost.
 */
export const TYPED_ABSTENTION = { age: true, instance: true };
/** A nationality or country word ("Spanish", "Italy"), which names no prison or company of its own. */
export const isDemonym = (w: string): boolean => !!demonymCounterpart(normaliseTerm(w) ?? '');
/** Words for the same kind of place: "which jail…" is answered by "Soto del Real prison". */
const PLACE_WORDS = [['prison', 'jail', 'gaol', 'penitentiary', 'colony'], ['detention', 'centre', 'center', 'camp', 'facility'], ['hospital', 'clinic'], ['court', 'tribunal'], ['company', 'firm', 'corporation', 'contractor', 'consortium'], ['hotel', 'hostel', 'guesthouse']];
/** The words that name an instance of `noun`: itself and its kind's. */
export function instanceWords(noun: string): string[] {
  const n = noun.toLowerCase().replace(/s$/, '');
  return PLACE_WORDS.find((g) => g.includes(n)) ?? [noun];
}
/**
 * Whether a text names a place or body of `kind`: "Soto del Real prison", "the Nordic Investment Bank"; for a place of
 * custody (`where`), also "the detention centre in Metz" and "held at Bělá-Jezová".
 */
export function placedIn(kind: string, where: boolean): (text: string) => boolean {
  const nouns = instanceWords(kind);
  const stems = new Set(nouns.map((w) => normaliseTerm(w)));
  // A centre is named by its town ("the detention centre in Metz"); a prison in Baku is no prison named.
  const centre = nouns.includes('detention');
  const custody = centre || nouns.includes('prison');
  return (t) =>
    nouns.some((w) => namesInstance(t, w, normaliseTerm, isDemonym)) ||
    (where && centre && (t.match(/[\p{L}'’-]+/gu) ?? []).some((w, i, ws) => stems.has(normaliseTerm(w)) && /^(?:in|of|at)$/.test(ws[i + 1] ?? '') && /^\p{Lu}/u.test(ws[i + 2] ?? ''))) ||
    // "held at Bělá-Jezová": at a place, not in a town.
    (where && custody && /\b(?:held|detained|kept|placed|locked up|imprisoned)\s+at\s+(?:the\s+)?\p{Lu}/u.test(t));
}
/** "the name of the (European development) bank…": the kind of body whose name is asked. */
export const NAME_OF = /\bname of (?:(?:the|a|an|this|that|their|his|her) |[a-z]+ s )(?:[a-z]+ ){0,3}?(bank|company|firm|agency|newspaper|channel|organisation|organization|ngo|charity|fund|insurer|prison|jail|court|hospital|party|ministry|website|site|group|hotel|school|university|association|coalition|movement|network|foundation|union|factory|mine|contractor)\b/;
/** "Which European bank…", "which timber company…": a body the question asks to be named. */
export const WHICH_BODY = /\bwhich (?:[a-z]+ ){0,2}?(bank|company|firm|agency|newspaper|insurer|fund|charity|hotel|contractor)\b/;
/** Institutions and places a "which…" question asks to be named. */
export const PLACE_NOUN = /^(?:prisons?|jails?|detention|centres?|centers?|camps?|facility|facilities|hospitals?|airports?|embassy|embassies|police|penitentiary|colony|colonies)$/;
export const HOW_OLD = /\bhow old\b|\bwhat age\b|\bage of\b|['’]s age\b/i;
/** An age: "aged 67", "a 29-year-old", "49 years old", "Mr Serikbayev, 49,". */
export const AGE = /\b\d{1,3}-year-old\b|\baged\s+\d{1,3}\b|\b\d{1,3}\s+years?\s+old\b|\bage\s+(?:of\s+)?\d{1,3}\b|\p{Lu}[\p{L}-]+,\s+\d{1,3},|\b(?:is|was)\s+\d{1,3}\b(?!\s*(?:%|per|km|kg|days?|weeks?|months?|euros?))/u;
/** Relatives a question may ask the age of, each with the words the letters use for them. */
export const RELATIVES = ['mum|mom|mother|mothers', 'dad|father|fathers', 'kids|children|child|sons|son|daughters|daughter|girl|boy|girls|boys', 'wife|husband|spouse', 'brother|brothers', 'sister|sisters', 'cousin|cousins', 'parents|parent', 'grandmother|grandfather|grandparents'];
/**
 * Whether `text` gives the age of a relative of `group` ("mother|mum|…"): the age just after the word, no other relative
 * between ("his mother, now aged 67"; not the sons' in "his wife and their two sons, aged 7 and 10"), or just before it
 * ("the six-year-old girl").
 */
export function ageOfRelative(text: string, group: string): boolean {
  let m = relativeAges.get(group);
  if (!m) {
    const others = RELATIVES.filter((r) => r !== group).join('|');
    m = [
      new RegExp(`\\b(?:${group})\\b((?:(?!\\b(?:${others})\\b)[^.;]){0,40}?)(?:aged\\s+\\d|\\d{1,3}\\s+years?\\s+old|,\\s+\\d{1,3}\\b)`, 'i'),
      new RegExp(`\\b(?:\\d{1,3}|\\w+)-year-old\\s+(?:\\w+\\s+)?(?:${group})\\b`, 'i'),
    ];
    relativeAges.set(group, m);
  }
  return m.some((re) => re.test(text));
}
/** The two expressions of ageOfRelative for each group of relatives, built once. */
const relativeAges = new Map<string, RegExp[]>();
export const RELATIVE = new RegExp(`\\b(${RELATIVES.join('|')})\\b`);

/**
 * The verbs of an outcome ("approved", "extradited", "won"), as the start of a word; a reply too ("has the ministry
 * replied?": dev half (632 unanswerable), abstention 443 → 447, no answerable lost), and "issued" (with "how did X
 * rule?" in DECISION_ASKED, dev half (648 unanswerable) 459 → 461, none lost).
 */
const DONE = '((?:issu|grant|accept|approv|reject|refus|releas|extradit|deport|free|drop|cut|reduc|overturn|uph[oe]ld|delet|remov|lift|cancel|acquit|convict|sanction|quash|annul|dismiss)\\w*|win\\w*|won|lose\\w*|lost|repl(?:y|ied|ies)|answer(?:ed|s)?|respond(?:ed|s)?)';
/** "What did the court (finally) decide?", "how did it rule?", "how did the trial turn out?", "how did the hearing go?": a decision, whatever it was. */
const DECISION_ASKED = /^(?:so )?(?:what|how) did .+ (?:decide|rule|conclude|vote)\b|^(?:so )?how did .+ (?:(?:turn out|end up|pan out)\b|go(?: in the end| at the end| eventually| finally| in court)?$)/;
/** "What was the verdict?", "what ruling did they get?" (folded words). */
const VERDICT_ASKED = /\bwhat (?:was|is|s) the (?:verdict|outcome|result|ruling)\b|\bwhat (?:verdict|outcome|result|ruling)s? (?:did|was|were|has|have)\b/;
/** A yes-or-no question about how things turned out ("did X end up…", "…in the end?", "…or not?"), on folded words. */
export const OUTCOME = new RegExp(
  // Not "did he end up with any lasting damage?": what he suffered, not how a case turned out.
  '^(?:so )?(?:did|was|were|has|have|had|is|are|does|do)\\b.*\\b(?:end(?:ed)? up(?! with\\b)|in the end|eventually|ultimately|or not|go ahead|went ahead)\\b' +
    // "Did Angola ever take his passport?", but not "do (did) any of his videos actually incite violence?": what they say.
    '|^(?:so )?(?:did|was|were|has|have|had)\\b(?!.*\\b(?:videos?|posts?|articles?|columns?|tweets?|speech(?:es)?|writings?|sermons?|songs?|blogs?) (?:\\w+ )?(?:actually|ever) ).*\\b(?:actually|ever|finally)\\b' +
    `|^(?:so )?(?:did|has|have|had|was|were) .*\\b${DONE}\\b` +
    '|^(?:so )?(?:did|has|have|had|was|were) .*\\b(?:hand\\w* (?:\\w+ ){0,2}over|sen[dt]\\w* (?:\\w+ ){0,2}back|thr[eo]w\\w* (?:\\w+ ){0,2}out)\\b' +
    `|${VERDICT_ASKED.source}` +
    // "How many of them were eventually granted asylum?"
    '|^(?:so )?how many\\b.*\\b(?:eventually|ultimately|in the end|end(?:ed)? up|finally)\\b' +
    // "How did the trial turn out?", "what did the court decide?", "did the board sign off on it?", "did Britain agree…?"
    `|${DECISION_ASKED.source}|^(?:so )?(?:did|has|have|had) .*\\b(?:sign\\w* off|agree\\w*|decide\\w*|rule[ds]?)\\b`,
);

/**
 * The clause of a question that asks how things turned out, in folded words, or null: the question, or a part of it
 * ("what happened at the appeal hearing - did they cut his sentence?", "tl;dr did the summit get them out?").
 */
export function outcomeAsked(question: string): string | null {
  const clauses = [question, ...question.split(/\s[-–—]\s|[?;:]\s*|,\s+/)].map((c) => foldWords(c).replace(/^tl ?dr /, '')).filter(Boolean);
  return clauses.find((c) => OUTCOME.test(c)) ?? null;
}

/**
 * Whether a report of an outcome must hold the question's verb for it (`needed`; dev half (564): abstention 0.901 →
 * 0.908, no answerable lost), in a form that says it was done (`done`: "signed", not "has thirty days to sign"; dev
 * half (852): abstention 797 → 804, no answerable lost).
 */
export const OUTCOME_VERB = { needed: true, done: true };
/** A verb's form that reports it done: "signed", "taken", "upheld", "won". */
const DONE_FORM = /(?:ed|en|wn)$|^(?:won|lost|upheld|held|got|sent|struck|threw|took|gave|brought|put|set|cut|let|shut|told|made|paid)$/i;

/** Whether `text` holds a verb of `stems` as done ("signed"; any form when OUTCOME_VERB.done is off). */
export function reportsDone(text: string, stems: ReadonlySet<string>): boolean {
  return (text.match(/[\p{L}'’-]+/gu) ?? []).some((w) => stems.has(normaliseTerm(w) ?? '') && (!OUTCOME_VERB.done || DONE_FORM.test(w)));
}

/** A question about a hand-over, and the words that report one. */
export const HANDED_OVER = /\bhand\w* (?:\w+ ){0,2}over\b|\bsen[dt]\w* (?:\w+ ){0,2}back\b|\b(?:was|were|get|got|gets|been) (?:\w+ ){0,2}sent to\b/;
export const HANDED_OVER_REPORT = /\b(?:handed|surrendered|returned|deported|transferred|extradited|sent back)\b/i;
/** Words that report an appeal or a case thrown out. */
const THROWN_OUT_TERMS = terms('dismissed rejected quashed threw thrown');
/** Words that report a verdict. */
const VERDICT_TERMS = terms('verdict convicted acquitted sentenced guilty innocent');
/**
 * Whether "what did the court decide?" and "how did the hearing go?" need a report in the words of a decision
 * (DECISION_TERMS). Dev half (1,524): abstention 1420 → 1426, no hit lost.
 */
export const DECISION = { enabled: true };
/**
 * Words that report a decision, for the questions that name no verb of their own: "the decision now passes to the
 * Minister" reports none.
 */
const DECISION_TERMS = terms('decided ruled concluded voted declared granted accepted approved rejected refused upheld dismissed quashed overturned acquitted convicted sentenced released adjourned postponed');
/** "How did the appeal go?", "what did the court decide?" (folded words): a decision, whatever it was. */
export function decisionAsked(folded: string): boolean {
  return DECISION.enabled && DECISION_ASKED.test(folded);
}

/** Whether a text reports a decision as made: "upheld his sentence", "rejected the appeal". */
export function reportsDecision(text: string): boolean {
  return reportsDone(text, DECISION_STEMS);
}
const DECISION_STEMS: ReadonlySet<string> = new Set(DECISION_TERMS);

/** "…end up extraditing…", "…ever signed…": the verb after the word that asks how things turned out. */
const DONE_AFTER_ADVERB = new RegExp(`\\b(?:end(?:ed)? up|actually|ever|finally|eventually|ultimately)\\s+(?:${DONE}|(sign)\\w*)\\b`);
/** "Did the chamber approve…": the verb of a yes-or-no question. */
const DONE_ASKED = new RegExp(`^(?:so )?(?:did|has|have|had|was|were) .*?\\b${DONE}\\b`);
/**
 * The stems of the verb a question about an outcome asks about: "extraditing" in "did Spain end up extraditing him?";
 * `exact` when a report must hold one of them, not a synonym (the words of any decision).
 */
export function outcomeVerbs(folded: string): { stems: string[]; exact: boolean } {
  const asked = outcomeStems(folded);
  return asked === DECISION_TERMS ? { stems: asked, exact: true } : { stems: asked, exact: false };
}

function outcomeStems(folded: string): string[] {
  if (VERDICT_ASKED.test(folded)) return VERDICT_TERMS;
  // "Did the court end up throwing out his appeal?": dismissed, rejected, quashed.
  if (/\bthr[eo]w\w* (?:\w+ ){0,2}out\b/.test(folded)) return THROWN_OUT_TERMS;
  const m = DONE_AFTER_ADVERB.exec(folded) ?? DONE_ASKED.exec(folded);
  const verb = m?.[1] ?? m?.[2];
  const stem = verb ? normaliseTerm(verb) : null;
  // "ended up in front of a judge": the phrase, not a verb.
  if (stem && stem !== 'end') return [stem];
  return decisionAsked(folded) ? DECISION_TERMS : [];
}

/** Nouns for whom a question describes: "the Kherson reporter", "that Yemeni family", "the Dublin outfit". */
const DESCRIBED_NOUN = new RegExp(
  `^(?:${PERSON_NOUNS}|man|woman|guy|lady|family|ngo|group|outfit|organisation|organization|coalition|charity|campaigner|ecologist|columnist|writer|defender|refugee|exile|dissident|opponent|unionist)s?$`,
);
const DETERMINER = /^(?:the|that|this|our|a|an)$/;
/** After the noun: where they are ("picked up at Alicante airport", "in the Czech camp", "from Almaty"). */
const WHERE_AFTER = /^(?:(?:who s|who is|who was|who has|that was|that s|that has) )?(?:been )?(?:(?:picked up|locked up|held|jailed|stuck|detained|arrested|living|based|stopped|caught) )?(?:in|at|from|near|since) (?:the )?(?!(?:that|this|those|these|a|an|his|her|their|our)\b)[\w-]+(?: (?:airport|camp|prison|jail|region|\d{4}))?/;

/**
 * The content terms of the descriptions of people in a question ("the Kherson reporter picked up at Alicante
 * airport"): a noun for a person or group, after up to three words that are no verb ("the czechs give davron refugee
 * protection" describes no one), and where they are; without the words `isName` says are names, which only mark a
 * description as of someone in particular.
 */
export function describedTerms(question: string, isName?: (word: string) => boolean): string[] {
  const words = foldWords(question).split(' ');
  const out: string[] = [];
  words.forEach((w, i) => {
    if (!DESCRIBED_NOUN.test(w)) return;
    let j = i - 1;
    while (j >= 0 && i - j <= 3 && !DETERMINER.test(words[j]) && describes(words[j])) j--;
    if (j < 0 || !DETERMINER.test(words[j])) return;
    const tail = WHERE_AFTER.exec(words.slice(i + 1).join(' '))?.[0] ?? '';
    const before = words.slice(j + 1, i);
    // Someone in particular: of a nation or place ("the Turkish journalist", "the reporter picked up at the airport"),
    // not "the sanctioned officials".
    if (!tail && !before.some((x) => demonymCounterpart(normaliseTerm(x) ?? '') || isName?.(x))) return;
    out.push(...terms([...words.slice(j + 1, i + 1), ...tail.split(' ')].filter((x) => !isName?.(x)).join(' ')));
  });
  return [...new Set(out)];
}

/** A word that may stand in a description before its noun: an adjective, a nation, a compound, a noun; no verb. */
const describes = (w: string): boolean => w.includes('-') || isModifier(w) || !!demonymCounterpart(normaliseTerm(w) ?? '') || !isVerb(w);
