import type { Person } from '../types.js';
import { ADDRESS_LINE, CONTACT, MAX_NAME_LINE } from './lines.js';

/** A courtesy title before a name: "Mr", "Dr.", "His Excellency", "H.E.", a Czech degree ("JUDr.", "Mgr."). */
const HONORIFIC =
  /^(?:(?:His|Her|Your)\s+(?:Excellency|Majesty|Highness|Eminence)|H\.\s?E\.|HE|(?:The\s+)?(?:Rt\.?|Right)\s+Hon(?:ourable|orable)?\.?|(?:The\s+)?(?:Rt\.?|Right|Most|Very)\s+Rev(?:erend|d)?\.?|Revd|The\s+Hon(?:ourable|orable)?|Hon(?:ourable|orable)?|On\.|Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Rev|Reverend|Mme|Mlle|M\.|Herr|Frau|Sr|Sra|Sig|Sig\.ra|Monsieur|Madame|Mademoiselle|Ma[îi]tre|JUDr|Mgr|Ing|MUDr|PhDr|RNDr|PaedDr|Bc)\.?\s+/;

/** A courtesy title anywhere in a line, for "President of the Council, Mr. Jan Novák". */
const HONORIFIC_INSIDE = /(?:^|[\s,])(?:(?:His|Her)\s+Excellency|H\.\s?E\.|Mr|Mrs|Ms|Dr|Prof|Mme|M\.|Monsieur|Madame)\.?\s+(?=\p{Lu})/u;

/** Offices held before a name, longest first: "Prime Minister Rossi", "Deputy J. Novák", "MEP Anna Rossi". */
const TITLES = [
  'Deputy Prime Minister', 'Prime Minister', 'Vice-President', 'Vice President', 'President', 'Chancellor', 'Premier',
  'Foreign Minister', 'Minister', 'Foreign Secretary', 'Home Secretary', 'Secretary-General', 'Secretary General',
  'Secretary', 'High Representative', 'High Commissioner', 'Commissioner', 'Special Rapporteur', 'Rapporteur',
  'Ambassador', 'Senator', 'Sen.', 'Representative', 'Rep.', 'Congressman', 'Congresswoman', 'Councillor', 'Deputy',
  'Governor', 'Lord Mayor', 'Mayor', 'Chief Justice', 'Judge', 'Justice', 'Speaker', 'Chairperson', 'Chairman',
  'Chairwoman', 'Chair', 'Director-General', 'Director General', 'Director', 'Prosecutor General', 'Attorney General',
  'Prosecutor', 'Ombudsman', 'Ombudsperson', 'Archbishop', 'Bishop', 'Cardinal', 'Father', 'Rabbi', 'Imam', 'General',
  'Colonel', 'Captain', 'MEP', 'MP',
  // French offices before a name: "Premier ministre Delorme", "Sénatrice Anne Roux".
  'Premier ministre', 'Première ministre', 'Ministre', 'Présidente', 'Président', 'Sénatrice', 'Sénateur', 'Députée', 'Député',
  'Ambassadrice', 'Ambassadeur', 'Bâtonnier', 'Procureure', 'Procureur', 'Commissaire',
];
const TITLE_BEFORE_NAME = new RegExp(`^(?:${TITLES.map((t) => t.replace(/\./g, '\\.').replace(/ /g, '\\s+')).join('|')})\\s+`);

/** Lower-case words inside surnames: "Pieter van Damme", "Ana de la Cruz". */
const NAME_PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'du', 'da', 'di', 'la', 'le', 'del', 'della', 'dos', 'das', 'ten', 'ter', 'bin', 'al', 'el', 'zu']);

/** Words that name an organisation or a body, never a person: "Ministry", "Watch", "Coalition". */
export const ORGANISATION_WORD =
  /(?<![\p{L}])(?:parliament|parlament|committee|commission|ministry|department|office|delegation|university|council|embassy|group|party|union|association|foundation|network|coalition|institute|centre|center|society|league|federation|organi[sz]ation|alliance|forum|initiative|trust|fund|campaign|project|movement|watch|international|agency|authority|court|bank|company|corporation|inc|ltd|llc|gmbh|plc|secretariat|directorate|board|service|assembly|senate|congress|government|republic|kingdom|mission|programme|observatory|press|club|chamber|church|clinic|hospital|municipality|police|amnesty|rights|reporters|lawyers|without|borders|friends|article|staff|team|members|citizens|residents|people|asociación|associazione|associação|fundación|fondazione|fondation|fundação|stiftung|verein|instituto|istituto|institut|observatoire|observatorio|osservatorio|comité|comitato|ligue|liga|collective|collectif|colectivo|sindicato|syndicat)(?![\p{L}])/iu;

/**
 * Words that name an office or a position: "Minister", "Director", "Rapporteur"; in French "Ministre",
 * "Avocate", "Coordinatrice", "Défenseure des droits".
 */
export const ROLE_WORD =
  /(?<![\p{L}])(?:ministre|premi[eè]re?\s+ministre|pr[ée]sidente?|vice-pr[ée]sidente?|directeur|directrice|secr[ée]taire|commissaire|ambassadeur|ambassadrice|membre|rapporteure?|charg[ée]e?\s+de|coordinat(?:eur|rice)|conseill(?:er|[èe]re)|d[ée]l[ée]gu[ée]e?|repr[ée]sentante?|avocate?|juge|procureure?|maire|pr[ée]f[eè]te?|d[ée]fenseure?|contr[ôo]leu(?:r|se)|d[ée]put[ée]e?|s[ée]nat(?:eur|rice)|porte-parole|professeure?|chercheu(?:r|se)|responsable|fondat(?:eur|rice)|tr[ée]sori(?:er|[èe]re)|b[âa]tonni(?:er|[èe]re)|greffi(?:er|[èe]re)|garde\s+des\s+sceaux|consule?|inspect(?:eur|rice))(?![\p{L}])|\b(?:minister|president|director|chair|chairman|chairwoman|chairperson|secretary|commissioner|ambassador|head|member|rapporteur|officer|coordinator|adviser|advisor|chief|executive|governor|mayor|prefect|judge|prosecutor|attorney|spokes(?:person|man|woman)|deputy|representative|envoy|counsel|manager|rector|ceo|editor|founder|senator|chancellor|ombuds(?:man|person)|registrar|clerk|commander|leader|speaker|premier|consul|delegate|trustee|treasurer|lawyer|professor|researcher|campaigner|organi[sz]er|convenor|convener|councillor|lecturer|inspector|superintendent|general|mep|mp)\b/iu;

/** An e-mail or web address. */
const CONTACT_LIKE = /(?:@|https?:|www\.)/i;

/** A line giving an office: a word such as "Minister" or "Director", and no address or contact details. */
export function isRoleLine(text: string): boolean {
  return !CONTACT.test(text) && !ADDRESS_LINE.test(text) && ROLE_WORD.test(text);
}

/** Months and weekdays, which are capitalised but name no one (in French too, at the head of a dateline). */
const CALENDAR_WORD =
  /^(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|janvier|février|avril|juin|juillet|août|septembre|octobre|novembre|décembre|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)$/i;

/** Common role abbreviations, spelled out. */
const ROLE_ABBREVIATIONS: Record<string, string> = {
  MEP: 'Member of the European Parliament',
  MP: 'Member of Parliament',
  MdB: 'Member of the Bundestag',
};

/** "MEP" → "Member of the European Parliament"; any other role as it is. */
export function expandRole(role: string): string {
  const bare = role.replace(/[.,]/g, '').trim();
  return ROLE_ABBREVIATIONS[bare] ?? role;
}

/** A role as the conventions want it: abbreviations spelled out, no trailing punctuation. */
export function tidyRole(role: string | null | undefined): string | null {
  const text = role?.replace(/^[\s,;:–—-]+|[\s,;:.]+$/g, '').replace(/^the\s+/i, '').trim();
  return text ? expandRole(text) : null;
}

/** Courtesy titles removed from the front: "His Excellency Mr. Jan Novák" → "Jan Novák". */
export function stripHonorifics(text: string): { rest: string; had: boolean } {
  let rest = text.trim();
  let had = false;
  for (let m = HONORIFIC.exec(rest); m; m = HONORIFIC.exec(rest)) {
    rest = rest.slice(m[0].length).trim();
    had = true;
  }
  return { rest, had };
}

const capitalised = (w: string) => /^[\p{Lu}][\p{L}'’.-]*$/u.test(w);

/** Whether words are a person's name: capitalised words and surname particles, none naming a body or a month. */
function isNameWords(words: string[], min: number): boolean {
  if (words.length < min || words.length > 5) return false;
  if (!capitalised(words[0]) || !capitalised(words[words.length - 1])) return false;
  if (!words.every((w) => capitalised(w) || NAME_PARTICLES.has(w))) return false;
  if (words.some((w) => CALENDAR_WORD.test(w))) return false;
  return !ORGANISATION_WORD.test(words.join(' '));
}

/** A parliamentary title after the name, which a role line below may spell out: "Ciarán Moloney TD". */
export const TITLE_AFTER_NAME = /^\S.*[^\s,]\s+(?:MEP|MP|MdB|TD|MSP|MLA)$/;

/** Honours and degrees after a name, which are no part of it: "Helen Markham OBE", "Alex Chalk KC", "Jan Novák, PhD". */
const POST_NOMINALS = /(?:,?\s+(?:OBE|MBE|CBE|KBE|DBE|KC|QC|SC|PhD|Ph\.D\.?|DPhil|MD|Esq\.?|FRS|FRSA|JP|DL|LLB|LLM|MA|MSc|BA|CH|OM))+$/;

/**
 * "Mr Manuel Valls," → "Manuel Valls"; null when the line is not a person's name. Without a courtesy
 * title a name needs `minWords` words.
 */
export function nameFromLine(line: string, requireHonorific: boolean, minWords = 1): string | null {
  if (line.length > MAX_NAME_LINE) return null;
  const stripped = line.replace(/[,;:.!]+$/, '').replace(POST_NOMINALS, '').trim();
  const { rest, had } = stripHonorifics(stripped);
  if (!had && requireHonorific) return null;
  const words = rest.split(/\s+/);
  if (!isNameWords(words, had ? 1 : minWords) || ROLE_WORD.test(rest)) return null;
  return rest;
}

/** "Prime Minister Rossi" → { name: "Rossi", role: "Prime Minister" }; "Deputy J. Novák" likewise. */
export function titledName(text: string): Person | null {
  const bare = text.replace(/[,;:.!]+$/, '').trim();
  const { rest } = stripHonorifics(bare);
  const m = TITLE_BEFORE_NAME.exec(rest);
  if (!m) return null;
  const name = nameFromLine(rest.slice(m[0].length), false);
  return name ? { name, role: m[0].trim() } : null;
}

/** "President of the Council, Mr. Jan Novák" or "Prime Minister of France Mr X" → role and name. */
export function roleThenName(text: string): Person | null {
  const bare = text.replace(/[,;:.!]+$/, '').trim();
  const m = HONORIFIC_INSIDE.exec(bare);
  if (!m || m.index === 0) return null;
  const role = bare.slice(0, m.index).replace(/[\s,]+$/, '');
  // "Rachel M. Dunn": a given name and an initial, not a role and "M." (Monsieur).
  if (!ROLE_WORD.test(role) && !role.includes(' ')) return null;
  // "Leila Sadeghi, spokesperson, Campaign to Free Dr Behrouz Jafarzadeh", "Leila Benamara, counsel for Mr Belhocine":
  // a name first, and the title inside its role.
  if (/\b(?:for|of|to|on|about|free)$/i.test(role) || nameFromLine(role.split(',')[0], false, 2)) return null;
  const name = nameFromLine(bare.slice(m.index).replace(/^[\s,]+/, ''), true);
  return name && role ? { name, role } : null;
}

/** Small words that may stand in lower case inside a name of a body: "Ministry of Justice", "Centro de Estudios y Asilo". */
const FUNCTION_WORDS = new Set(
  'of the for and on in at to against without with de del la las los el y e sobre para por en di della per et des du le les pour sur und für der die das van voor een d’ d\' & a an'.split(' '),
);

/** Whether every word is capitalised, a number, or a small function word: "Commission for the Control of INTERPOL's Files". */
export function isTitleCased(text: string): boolean {
  const words = text.split(/[\s,]+/).filter(Boolean);
  return words.length > 0 && words.every((w) => /^[\p{Lu}\d("“'‘]/u.test(w) || FUNCTION_WORDS.has(w.toLowerCase()) || /^d['’]\p{Lu}/u.test(w));
}

/** An organisation or office named on its own: "the Ministry of Justice of Spain" → "Ministry of Justice of Spain". */
export function organisationName(text: string): string | null {
  if (text.length > MAX_NAME_LINE) return null;
  const name = text.replace(/[,;:.!]+$/, '').replace(/^the\s+/i, '').trim();
  if (!name || name.length > 120 || /[.!?]\s/.test(name) || CONTACT_LIKE.test(name)) return null;
  if (!isTitleCased(name)) {
    const office = MANDATE.exec(name) ?? ACCREDITED.exec(name);
    return office && isTitleCased(office[1]) ? name : null;
  }
  return ORGANISATION_WORD.test(name) || ROLE_WORD.test(name) ? name : null;
}

/** A UN-style mandate, title-cased up to its office and in lower case after: "UN Special Rapporteur on the independence of judges and lawyers", "…on the situation of human rights in Eritrea". */
const MANDATE = /^(.*\b(?:Rapporteur|Independent Expert|Working Group|Special Representative|Special Envoy|Commissioner))\s+(?:on|for)\s+\p{Ll}[\p{L}\s,'’-]{2,120}$/u;
/** A mission or office title-cased up to where it says for whom it acts: "Embassy of Honduras competent for the Czech Republic". */
const ACCREDITED = /^(.*\b(?:Embassy|Consulate|Mission|Delegation|Ministry|Office)\b.*?)\s+(?:competent|accredited|responsible)\s+(?:for|to|in)\s+[\p{L}\s,'’-]{2,120}$/u;
