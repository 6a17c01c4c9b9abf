/**
 * What a sentence of a letter does, read from its wording: makes the letter's request, argues, or
 * reports a fact. Used to choose a letter's key sentences at index time and to answer "what did X ask
 * for?" and "why does X oppose…?".
 */

/** "I call on you to…", "We urge the Government…", "we respectfully ask that…", "I once again appeal to you". */
const FIRST_PERSON_REQUEST =
  /\b(?:I|we)\s+(?:(?:would|therefore|thus|hence|also|again|once|more|respectfully|strongly|urgently|hereby|kindly|further|sincerely|earnestly|now|jointly|all|both|must|must therefore|would therefore)\s+){0,3}(?:call(?:ing)?\s+(?:on|upon)|urge|urging|ask|asking|request|requesting|appeal|appealing|implore|invite|encourage|demand|entreat|beg|press|exhort|recommend)\b/i;
/** "We would like you to…", "I expect the authorities to…", "we hope that France will…". */
const FIRST_PERSON_WISH = /\b(?:I|we)\s+(?:(?:would|therefore|also|sincerely|strongly)\s+){0,2}(?:like(?!\s+to\s+(?:bring|draw|thank|inform|express|take|recall|remind|introduce|share|highlight|note|begin|start)\b)|wish|want|expect|hope|trust|count on|look forward)\b/i;
/**
 * "Please release…", "Kindly confirm…", "Our demands are…", "We call for…", "calls on the government to", and polite
 * forms: "We would be grateful if you could…", "Would you be willing to co-sign it?", "Agnieszka, can you request it this week?",
 * "If you publish, please send me the draft first", "If your committee can write for him also, it would mean very much"
 * (not "call on Wednesday", "please find enclosed", "please accept…", "please forgive my English").
 */
const OTHER_REQUEST = /(?:^|[.;:,]\s+|\n\s*|\b(?:but|and|so)\s+)(?:[-*•–]\s*)?(?:please|kindly)\b(?!\s+(?:accept|find|note|see|be\s+assured|forgive|excuse|pardon)\b)|\bif\s+(?:you|your\s+\w+)\s+(?:can|could|would)\b[^.!?]*\bit\s+would\s+(?:mean|help|give)\b|\b(?:I|we)\s+would\s+(?:be\s+(?:most\s+|very\s+|most\s+)?grateful|appreciate\s+it)\s+if\s+you\b|\b(?:I|we)\s+would\s+(?:be\s+(?:most\s+|very\s+)?grateful\s+(?:for\s+(?:your|any|a|an)|to\s+(?:receive|hear|know|learn))|appreciate\s+(?:any|your|receiving|hearing|being|a|an))\b|\b(?:would|could|will)\s+you\s+(?:please\s+|kindly\s+)?(?:be\s+willing|agree|consider|help|support|sign|co-?sign|intervene|ensure|raise|meet|allow|confirm|let)\b|\bmay\s+I\s+ask\s+you\b|\b(?:our|the following)\s+(?:demands?|requests?|recommendations?|asks)\b|\bcalls?\s+(?:on|upon|for)\b(?!\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d))|\bwe\s+seek\b|\bwe\s+are\s+asking\b|\b(?:can|could|would|will)\s+you\s+(?:please\s+|kindly\s+|also\s+)?(?!imagine\b|believe\b|see\b)[a-z]+\b[^.?!]*\?\s*$/i;
/** A demand written as an order, usually an item of a list: "1. Approve a budget…", "- Release Mr X…", a campaign's "Ask them to…". */
const IMPERATIVE =
  /^\s*(?:[-*•–]\s*|\d{1,2}[.)]\s*|\([a-z0-9]\)\s*)?(?:write|contact|donate|join|approve|release|grant|allow|suspend|refuse|reject|ensure|instruct|raise|publish|provide|halt|stop|drop|cancel|withdraw|reconsider|support|appoint|fund|send|invite|meet|confirm|guarantee|declare|review|delete|remove|investigate|open|order|intervene|protect|free|end|lift|restore|return|co-?sign|sign|endorse|demand|press|summon|visit|attend|observe|condemn)\b/i;
/** Obligations put on the addressee: "France should…", "the authorities must…", "you should reconsider". */
const OBLIGATION = /\b(?:you|your\s+(?:government|cabinet|ministry|office)|the\s+(?:government|authorities|ministry|minister|council|commission|court|prosecutor)|[\p{Lu}][\p{L}]+)\s+(?:should|must|ought to|need to|is obliged to|has a duty to)\b/u;

/**
 * The same in French: "Je vous demande de…", "Nous vous demandons de…", "Je sollicite…", "vous prions de…"
 * (not the closing formula "Je vous prie d'agréer…").
 */
const FRENCH_REQUEST =
  /(?<![\p{L}])(?:(?:je|nous)\s+(?:vous\s+)?(?:demande|demandons|exhorte|exhortons|appelle|appelons|invite|invitons|sollicite|sollicitons|réclame|réclamons|exige|exigeons|conjure|conjurons)|(?:je|nous)\s+(?:vous\s+)?(?:prie|prions)(?!\s+(?:d['’]agr|de\s+(?:croire|recevoir|bien\s+vouloir\s+agr))))(?![\p{L}])|(?<![\p{L}])vous\s+(?:demandons|exhortons|invitons|conjurons)(?![\p{L}])/iu;
/** "Nous souhaitons que…", "j'espère que…", "nous comptons sur vous". */
const FRENCH_WISH = /(?<![\p{L}])(?:je|j['’]|nous)\s*(?:vous\s+)?(?:souhaite|souhaitons|espère|espérons|attends|attendons|compte|comptons)(?![\p{L}])/iu;

/** Words that argue: reasons, consequences, evidence, risks, law. */
const ARGUMENT =
  /\b(?:because|since|as a result|therefore|thus|hence|consequently|given that|in view of|in light of|due to|owing to|which means|would mean|would only|would lead|would result|evidence|proof|proves?|proving|shows?|showing|demonstrat\w*|indicat\w*|confirm\w*|revealed?|documented|according to|report(?:s|ed)?|risk\w*|danger\w*|threat\w*|violat\w*|breach\w*|contrary to|in breach of|incompatible|unlawful\w*|illegal\w*|politically motivated|persecut\w*|torture|ill[- ]treatment|fair trial|deficienc\w*|concern\w*)\b/i;
/** Facts: dates, figures, named places and courts. */
const FACT = /\b(?:\d{1,4}|January|February|March|April|May|June|July|August|September|October|November|December|court|tribunal|sentenced|arrested|detained|charged|convicted|released|ruled|decided|decision|decree)\b/i;

export interface SentenceCues {
  /** 0..1: how clearly the sentence makes a request of the addressee. */
  request: number;
  /** 0..1: how much it argues (reasons, evidence, risks). */
  argument: number;
  /** 0..1: how much it states checkable facts. */
  fact: number;
}

/** Cues of one sentence. */
/** A closing formula: "Please accept, Your Excellency, the assurances of my highest consideration." */
const CLOSING_FORMULA = /\b(?:please\s+)?accept\b.{0,60}\b(?:assurances?|expression|expressions)\s+of\b/i;

export function sentenceCues(text: string): SentenceCues {
  const request = CLOSING_FORMULA.test(text) ? 0
    : FIRST_PERSON_REQUEST.test(text) || FRENCH_REQUEST.test(text) ? 1
    : OTHER_REQUEST.test(text) || IMPERATIVE.test(text) ? 0.8
    : FIRST_PERSON_WISH.test(text) || FRENCH_WISH.test(text) ? 0.6
    : OBLIGATION.test(text) ? 0.4 : 0;
  const argumentHits = text.match(new RegExp(ARGUMENT.source, 'gi'))?.length ?? 0;
  const factHits = text.match(new RegExp(FACT.source, 'gi'))?.length ?? 0;
  return { request, argument: Math.min(1, argumentHits / 2), fact: Math.min(1, factHits / 3) };
}

/**
 * What a question asks for, when its wording says so: a span of time ("how long…"), a number ("how many…"), a date
 * ("when…"), a sum of money ("how much have we spent?"), a place ("where…"), a condition ("any conditions?") or
 * someone's health ("any medical issues?").
 */
export type AnswerType = 'duration' | 'frequency' | 'number' | 'money' | 'date' | 'place' | 'condition' | 'health' | 'basis';

const NUMBER_QUESTION = /^(?:\S+\s+){0,3}how\s+(?:many|much|old|long|far|big|often|large|tall|high|soon)\b/i;
const DATE_QUESTION = /^(?:\S+\s+){0,3}(?:when|what date|what year|which year|what day|which day|since when)\b/i;
const NUMBER = /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|half|twice|once|several)\b/i;
const DATE = /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tomorrow|(?:last|next|this) (?:week|month|year)|(?:1[89]|20)\d\d)\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b/i;

/** "How long…", "for how many days…", anywhere in the question ("he was picked up, right? how long did they hold him?"). */
const DURATION_QUESTION = /\bhow\s+long\b|\bhow\s+many\s+(?:hours|days|weeks|months|years)\b/i;
const UNITS = '(?:hours?|days?|weeks?|fortnights?|months?|years?)';
/** A span of time: "forty days", "eleven months", "a 47-day hunger strike", "since March 2019". */
const DURATION = new RegExp(`(?:\\d+|\\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|several|few|many)(?:[ -]\\w+)?)[ -]${UNITS}\\b|\\bsince\\s+(?:\\d|January|February|March|April|May|June|July|August|September|October|November|December)`, 'i');

/** "How often…", "how frequently…", anywhere in the question. */
const FREQUENCY_QUESTION = /\bhow\s+(?:often|frequently)\b/i;
/** A frequency: "every fortnight", "every Monday", "weekly", "twice a month", "three times a week". */
const FREQUENCY = /\bevery\s+(?:\w+\s+)?(?:hours?|days?|weeks?|fortnight|months?|years?|morning|evening|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\b(?:daily|weekly|fortnightly|monthly|yearly|annually)\b|\b(?:once|twice|\w+\s+times)\s+(?:a|per|each)\s+(?:day|week|fortnight|month|year)\b/i;

/** "Any medical issues?", "how badly was he hurt?", "how are the kids coping?", "what shape was he in?": someone's health. */
const HEALTH_QUESTION = /\b(?:medical|health|healthy|unwell|ill|illness(?:es)?|sick|sickness|diseases?|injur(?:y|ies|ed)|hurt|wounded|how badly|what (?:kind of )?shape|in (?:bad|poor|good|what) shape|coping|holding up|bearing up|faring|mentally|physically|well-being|wellbeing)\b/i;
/** Health, written from general usage: an illness, an injury, its care, a hunger strike's toll, a child's distress. */
const HEALTH = /\b(?:suffer(?:s|ed|ing)? from|diabet\w*|asthma|cancer|epilep\w*|seizures?|heart (?:condition|disease|attack|problems?)|illness(?:es)?|ill(?![- ]treat)|sick|diseases?|infect\w*|scabies|tubercul\w*|injur(?:y|ies|ed)|fractur\w*|broken (?:arm|leg|ribs?|nose|jaw|hand)|wound(?:s|ed)?|bruis\w*|blind\w*|sight|hospital\w*|doctors?|medical|medicines?|medication|insulin|health|kilograms|kilos|force-fed|trauma\w*|psycholog\w*|psychiatr\w*|stopped speaking|nightmares|depress\w*|anxiety|in pain|unconscious|coma|trouble standing)\b/i;
/**
 * Whether "any medical issues?" wants a sentence about health (asked in four fresh dev rounds, q, u, x and y, before it
 * was added), at answerType's weight: dev half (1003) hit@3 862 → 868, abstention 1156 → 1155; at the weight of a
 * span of time 868, abstention 1154.
 */
export const HEALTH_ANSWERS = { enabled: true };

/**
 * "Any conditions?", "what are the terms of his release?", "what does he have to do?", "what Yildiz has to do", "what
 * strings did the judge attach?": what someone must do or may not.
 */
const CONDITION_QUESTION = /\b(?:conditions?|terms|strings(?: attached)?|restrictions?|requirements?|rules|catch)\b|\bwhat\s+(?:does|do|did|will|would)\s+(?:he|she|they|\w+)\s+(?:have|need)\s+to\s+do\b|\bwhat\s+(?:he|she|they|\w+)\s+(?:has|have|had|needs|needed)\s+to\s+do\b|\bwhat\s+(?:must|should)\s+(?:he|she|they)\s+do\b/i;
/** "Conditions in the camp", "prison conditions": the surroundings, not a condition. */
const SURROUNDINGS = /\b(?:conditions?|terms)\s+(?:in|at|inside|of detention|of the (?:camp|prison|cell|centre|center|rooms?|facility|jail))\b|\b(?:detention|prison|living|jail|cell|camp|sanitary|housing|health|medical|weather)\s+conditions?\b|\bconditions?\s+(?:are|were|is|was)?\s*like\b|\bin\s+(?:good|bad|poor|terrible|critical|serious)\s+condition\b|\bterms\s+of\s+(?:office|imprisonment|years?)\b|\bin\s+terms\s+of\b/i;
/** A condition: "only if", "on condition that", "must report", "cannot leave", "under judicial supervision". */
const CONDITION = /\b(?:only if|on (?:the )?conditions?|under (?:\w+ )?conditions|conditions (?:of|for) (?:his|her|their) release|conditional on|provided (?:that|he|she|they)|as long as|so long as|must|has to|have to|had to|required to|obliged to|cannot|can not|may not|must not|not allowed|forbidden|prohibited|subject to|under (?:judicial supervision|house arrest|supervision)|bail|surrender(?:s|ed)? (?:his|her|their) passports?|report(?:s|ing)? (?:to|every|twice|weekly|daily|once))\b/i;
/** Whether "any conditions?" wants a condition (asked in three fresh dev rounds, t, v and x, before it was added). */
export const CONDITIONS = { enabled: true };

/** "Where was he arrested?", "where does she live?": asked anywhere in the question, but not "where does the letter say". */
const PLACE_QUESTION = /\bwhere(?:abouts)?\b(?!\s+(?:does|did|do)\s+(?:the|this|that|it)\s+(?:letter|e-?mail|memo)\b)|\bwhat\s+(?:town|city|country|village|region|place)\b/i;
/** A place: a capitalised name after "in", "at", "near", "outside", "from" ("at his flat in Málaga", "near Uzhhorod"). */
const PLACE = /\b(?:in|at|near|outside|from|to)\s+(?:the\s+)?(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)\p{Lu}\p{Ll}/u;

/**
 * "What is Turkey's case based on?", "what evidence does Ankara cite?", "what else do they have against him?": what a
 * charge or a request rests on.
 */
const BASIS_QUESTION = /\b(?:base[sd]?|basing|built|founded|rest(?:s|ed|ing)?|(?<!\bbe )rel(?:y|ies|ied|ying))\b(?:\s+\S+){0,6}?\s+on\b|\b(?:evidence|proof)\b|\bcit(?:e|es|ed|ing)\b|\b(?:use|uses|using|used|have|has|had|got)\s+(?:\S+\s+){0,2}against\b/i;
/** What a charge rests on, written from general usage: "the request cites…", "it relies on…", "the only evidence…". */
const BASIS = /\b(?:cites?|cited|citing|relies|relied|rely|relying|rests?|rested|resting|(?:built|based|founded) (?:almost )?(?:entirely |solely |only )?on|consists? of|consisting of|evidence|material|elements?|facts? (?:it|they) lists?|only facts?)\b/i;
/** Whether "what is the case based on?" wants what a charge rests on (asked in eight fresh dev rounds, ao to av, before it was added). */
export const BASIS_ANSWERS = { enabled: true };

export function answerType(question: string): AnswerType | null {
  if (HEALTH_ANSWERS.enabled && HEALTH_QUESTION.test(question)) return 'health';
  if (BASIS_ANSWERS.enabled && BASIS_QUESTION.test(question)) return 'basis';
  if (CONDITIONS.enabled && CONDITION_QUESTION.test(question) && !SURROUNDINGS.test(question)) return 'condition';
  if (DURATION_QUESTION.test(question)) return 'duration';
  if (FREQUENCY_QUESTION.test(question)) return 'frequency';
  if (PLACE_ANSWERS.enabled && PLACE_QUESTION.test(question)) return 'place';
  if (MONEY_ANSWERS.enabled && MONEY_QUESTION.test(question)) return 'money';
  return NUMBER_QUESTION.test(question) ? 'number' : DATE_QUESTION.test(question) ? 'date' : null;
}
/**
 * "How much have we spent…", "what's the budget for…", "how much money does Astana say he embezzled": a sum, asked
 * by "how much" with a word of money, or by what was spent or paid.
 */
const MONEY_QUESTION = /\bhow\s+much\b(?!\s+(?:more\s+)?(?:time|longer|of)\b)(?:\s+\S+){0,12}?\s+(?:money|cash|funds?|funding|spen[dt]|spending|costs?|costing|paid|pay|paying|budget(?:ed)?|fees?|raised|owed?|owes|embezzl\w*|stol(?:e|en)|worth|fined?|bail|bill(?:ed|ing)?|charg(?:e|es|ed|ing)|invoiced?|euros?|dollars?|pounds?)\b|\bhow\s+much\s+(?:money|cash)\b|\bwhat\s+(?:have|has|did|do|does|will)\s+(?:\S+\s+){1,3}(?:spent|spend|cost|paid|pay)\b|\bwhat(?:\s+is|\s+was|['’]s)?\s+(?:the\s+|our\s+)?(?:budget|cost|fees?|bill|price)\b/i;
/** A sum of money: "1,850 euro", "€6,000", "1.2 billion tenge", "£300". */
const MONEY = /(?:[€£$¥]|\bUS\$|\b(?:EUR|GBP|USD|CHF)\s?)\s?\d|\d(?:[\d,. ]*\d)?\s*(?:k\s+|m\s+|bn\s+|(?:thousand|million|billion)\s+)?(?:euros?|EUR|€|pounds?(?:\s+sterling)?|GBP|£|dollars?|USD|francs?|CHF|tenge|roubles?|rubles?|lira|liras|manats?|somoni|hryvnias?|zloty|złoty|quetzal(?:es)?|lempiras?|pesos?|rupees?|yuan|yen|dinars?|dirhams?|krona|kronor|kroner|lari|lei|leu|leva|lev|forints?|koruna|korun|kuna|denars?|drams?|shekels?|naira|rand|reais|won|baht|ringgit|rupiah)\b/i;
/**
 * Whether "how much have we spent…" wants a sum of money rather than any figure (asked in four fresh dev rounds, ac,
 * ag, ai and aj, before it was added).
 */
export const MONEY_ANSWERS = { enabled: true };

/** Whether "where…" wants a place. Dev half (612): hit@3 0.798 → 0.800, none lost. */
export const PLACE_ANSWERS = { enabled: true };

/** Whether a text holds something of that type: a span of time, a frequency, a figure, a sum, a date, a place, a condition, health. */
export function holdsType(text: string, type: AnswerType): boolean {
  return { duration: DURATION, frequency: FREQUENCY, number: NUMBER, money: MONEY, date: DATE, place: PLACE, condition: CONDITION, health: HEALTH, basis: BASIS }[type].test(text);
}

/** "Which prison…", "what court…": the thing whose name is asked for. */
const WHICH_NOUN = /\b(?:which|what)\s+(?!(?:is|are|was|were|did|do|does|has|have|had|kind|sort|type|time|date|day|days|year|years|month|months|s|about|else|exactly|happened|happens)\b)([a-z]{3,})\b/i;

/** The noun of a "which X…" question ("prison" in "which prison is he in?"), or null. */
export function askedInstance(question: string): string | null {
  return (WHICH_PLACE.exec(question) ?? WHICH_NOUN.exec(question))?.[1].toLowerCase() ?? null;
}

/** "Which Spanish prison…", "what detention centre…": a place or body after up to two other words. */
const WHICH_PLACE = /\b(?:which|what)\s+(?:[a-z]+\s+){0,2}?(prisons?|jails?|courts?|detention|centres?|centers?|camps?|hospitals?|airports?|embassy|bank|company|newspaper|agency)\b/i;

/**
 * Whether a text names an instance of `noun` (a word of the question): "Soto del Real prison", "the Court of Appeal
 * of Bologna", "Warsaw Chopin Airport": the noun capitalised inside the sentence, or after a capitalised name.
 */
export function namesInstance(text: string, noun: string, stem: (w: string) => string | null, adjective: (w: string) => boolean = () => false): boolean {
  const words = text.match(/[\p{L}'’-]+/gu) ?? [];
  const target = stem(noun);
  // "Fontcalent prison" names one; "a Spanish prison" does not.
  if (words.some((w, i) => i > 0 && stem(w) === target && (/^\p{Lu}/u.test(w) || (i > 1 && /^\p{Lu}/u.test(words[i - 1]) && !adjective(words[i - 1]))))) return true;
  // "the company Marítima Sul Lda": the name just after the noun, with no comma or full stop between.
  return [...text.matchAll(/(\p{L}+)[ \t]+(\p{Lu}\p{Ll}[\p{L}'’-]*)/gu)].some((m) => m.index > 0 && stem(m[1]) === target && !/^(?:The|A|An|In|On|At|He|She|They|It|We|I|His|Her|Their|Its|Our|This|That|Mr|Ms|Mrs|Dr)$/.test(m[2]));
}
