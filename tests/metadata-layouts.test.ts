import { describe, expect, it } from 'vitest';
import { cleanText } from '../src/letters/clean.js';
import { extractMetadata } from '../src/letters/metadata.js';
import { parseSidecar } from '../src/letters/sidecar-schema.js';
import type { Person } from '../src/letters/types.js';

/** The fields the evaluation compares, with CC as names only. */
interface Expected {
  sender: string | null;
  senderRole: string | null;
  recipients: Person[];
  cc: string[];
  signatories: string[];
  date: string | null;
  place: string | null;
}

function read(text: string): Expected {
  const cleaned = cleanText(text);
  const m = extractMetadata(cleaned.body, cleaned.furniture);
  return {
    sender: m.sender,
    senderRole: m.senderRole,
    recipients: m.recipients,
    cc: m.cc.map((p) => p.name),
    signatories: m.signatories ?? [],
    date: m.date,
    place: m.place,
  };
}

const nobody: Expected = { sender: null, senderRole: null, recipients: [], cc: [], signatories: [], date: null, place: null };

/** One short letter of our own per layout, with the metadata its text states. */
const LAYOUTS: { layout: string; text: string; expected: Partial<Expected> }[] = [
  {
    layout: 'addressee block without a courtesy title, salutation ending in a colon',
    text: `Brno, 3 March 2021

Eva Novak
Director, Institute for Court Studies
Palackého 14
602 00 Brno

Dear Dr Novak:

We would like to invite the Institute to a round table on the publication of court decisions, which our members have discussed with several judges this year.

Kind regards,

Marek Horák
Programme Officer, Open Courts Initiative
`,
    expected: {
      sender: 'Marek Horák',
      senderRole: 'Programme Officer, Open Courts Initiative',
      recipients: [{ name: 'Eva Novak', role: 'Director, Institute for Court Studies' }],
      date: '2021-03-03',
      place: 'Brno',
    },
  },
  {
    layout: 'head of state addressed as "Your Excellency, Mr. President,"',
    text: `Vienna, 9 October 2019

H.E. Mr. Petr Dvořák
President of the Republic of Moravia
Hradní 1
118 00 Prague

Your Excellency, Mr. President,

We appeal to you to pardon the three journalists of the weekly Týden Dnes, who were sentenced last month for reporting on the sale of the state grain reserves.

Respectfully yours,

Dr. Clara Weiss
Chair, Danube Press Council
`,
    expected: {
      sender: 'Clara Weiss',
      senderRole: 'Chair, Danube Press Council',
      recipients: [{ name: 'Petr Dvořák', role: 'President of the Republic of Moravia' }],
      date: '2019-10-09',
      place: 'Vienna',
    },
  },
  {
    layout: 'several addressees, each a title line above a name and an e-mail address',
    text: `Ljubljana, 14 May 2020

Minister of Justice of the Republic of Slovenia
Jan Novák – jan.novak@justice.example

Minister of the Interior of the Republic of Slovenia
Eva Horvat – eva.horvat@interior.example

Dear Ministers,

We ask you to publish the inspection reports on the Dob prison, where four inmates died of heat exhaustion during the summer, and to open an independent inquiry.

Yours sincerely,

Tina Kos
Coordinator, Prison Watch Slovenia
`,
    expected: {
      sender: 'Tina Kos',
      senderRole: 'Coordinator, Prison Watch Slovenia',
      recipients: [
        { name: 'Jan Novák', role: 'Minister of Justice of the Republic of Slovenia' },
        { name: 'Eva Horvat', role: 'Minister of the Interior of the Republic of Slovenia' },
      ],
      date: '2020-05-14',
      place: 'Ljubljana',
    },
  },
  {
    layout: '"To the President of the Council, Mr. Jan Novák" lines',
    text: `To the President of the Council, Mr. Jan Novák
To the Minister of Foreign Affairs, Ms. Eva Horvat

Prague, 1 April 2022

Dear President, dear Minister,

We write to ask the Council to raise the case of the imprisoned lawyer Ilham Sadiq at the next meeting of the Association Council, as it promised in its conclusions of last year.

Sincerely,

Petra Malá
Director, Centre for Democratic Rights
`,
    expected: {
      sender: 'Petra Malá',
      senderRole: 'Director, Centre for Democratic Rights',
      recipients: [
        { name: 'Jan Novák', role: 'President of the Council' },
        { name: 'Eva Horvat', role: 'Minister of Foreign Affairs' },
      ],
      date: '2022-04-01',
      place: 'Prague',
    },
  },
  {
    layout: '"To:", "From:", "Date:" and "Cc:" lines, each on one line',
    text: `To: Ms Hana Berg, Head of the Asylum Unit, Ministry of the Interior
From: Tomas Lind, Legal Adviser, Refugee Law Clinic
Date: 7 June 2018
Cc: Jonas Wik; Mr Petr Sova, Ombudsman
Subject: Detention of families at the Klippan centre

Dear Ms Berg,

Since April the Klippan centre has held eleven families with young children for longer than the two months that the law allows, and two of them have had no access to a lawyer.

Best regards,

Tomas Lind
`,
    expected: {
      sender: 'Tomas Lind',
      senderRole: 'Legal Adviser, Refugee Law Clinic',
      recipients: [{ name: 'Hana Berg', role: 'Head of the Asylum Unit, Ministry of the Interior' }],
      cc: ['Jonas Wik', 'Petr Sova'],
      date: '2018-06-07',
    },
  },
  {
    layout: 'memo with "TO:", "FROM:", "DATE:" and "RE:"',
    text: `MEMORANDUM

TO: All staff
FROM: Ruth Adler, Executive Director
DATE: 12 January 2024
RE: Moving the office

The office will move to the second floor of the Lindholm building at the end of February, and the archive will be closed during the last week of the month while the boxes are packed.
`,
    expected: {
      sender: 'Ruth Adler',
      senderRole: 'Executive Director',
      recipients: [{ name: 'All staff', role: null }],
      date: '2024-01-12',
    },
  },
  {
    layout: 'addressee named only in the salutation',
    text: `Rome, 5 May 2021

Dear Prime Minister Rossi,

The closure of forty village schools in the Apennines this year has left many children with a bus journey of more than an hour each way, in winter on roads that are often closed.

Yours sincerely,

Giulia Conti
President, Association of Rural Schools
`,
    expected: {
      sender: 'Giulia Conti',
      senderRole: 'President, Association of Rural Schools',
      recipients: [{ name: 'Rossi', role: 'Prime Minister' }],
      date: '2021-05-05',
      place: 'Rome',
    },
  },
  {
    layout: 'web title line naming the sender and the addressee',
    text: `Anna Rossi's open letter to the Prime Minister of Italy

Dear Prime Minister,

My brother has been held in a detention centre in Libya for nine months, and the Italian authorities who know where he is have not answered any of my letters.
`,
    expected: { sender: 'Anna Rossi', recipients: [{ name: 'Prime Minister of Italy', role: null }] },
  },
  {
    layout: 'web title line: "Deputy J. Novák calls on the government of France to …"',
    text: `Deputy J. Novák calls on the government of France to release the journalist Pavel Roth

The journalist Pavel Roth has now spent six weeks in administrative detention in Calais, although no court has found that he committed any offence at all.
`,
    expected: { sender: 'J. Novák', senderRole: 'Deputy', recipients: [{ name: 'government of France', role: null }] },
  },
  {
    layout: '"Letter to" followed by the addressee with a colon',
    text: `Letter to
Prime Minister of France Mr Jean Morel:

The undersigned residents of the Vallée de l'Arve ask you to close the valley to heavy lorries on the days when the air pollution exceeds the European limits.
`,
    expected: { recipients: [{ name: 'Jean Morel', role: 'Prime Minister of France' }] },
  },
  {
    layout: 'dateline below the addressees, salutation ending in "!"',
    text: `Mr. Tomas Berg
Chairman of the Board, Northern Rail Holding
Station Road 1
4020 Linz

Linz, 12 May 2022

Dear Sir!

The cancellation of the early train from Freistadt leaves two hundred commuters a day without any way to reach their work in Linz before eight o'clock.

Yours faithfully,

Lena Holm
Secretary, Commuters' Association of Upper Austria
`,
    expected: {
      sender: 'Lena Holm',
      senderRole: "Secretary, Commuters' Association of Upper Austria",
      recipients: [{ name: 'Tomas Berg', role: 'Chairman of the Board, Northern Rail Holding' }],
      date: '2022-05-12',
      place: 'Linz',
    },
  },
  {
    layout: 'dateline at the end, before the closing',
    text: `Mr Karl Weber
Mayor of Lindau

Dear Mayor,

The plan to build a car park on the lake shore would destroy the last reed beds where the great crested grebe still breeds in the district of Lindau.

Lindau, 30 August 2019

Yours sincerely,

Eva Maier
Chair, Friends of the Lake Shore
`,
    expected: {
      sender: 'Eva Maier',
      senderRole: 'Chair, Friends of the Lake Shore',
      recipients: [{ name: 'Karl Weber', role: 'Mayor of Lindau' }],
      date: '2019-08-30',
      place: 'Lindau',
    },
  },
  {
    layout: 'joint letter of organisations with a list of signatories',
    text: `To the Ministry of Justice of the Kingdom of Spain
Calle Mayor 10
28013 Madrid

Madrid, 4 November 2021

We, the undersigned organisations, ask the Ministry to suspend the extradition of the activist Arman Seitkali until the courts have examined his request for asylum.

Signatories:

Lake Rights Network
Fundación Agua Limpia
Observatorio del Río (Spain)
`,
    expected: {
      sender: 'Lake Rights Network',
      recipients: [{ name: 'Ministry of Justice of the Kingdom of Spain', role: null }],
      signatories: ['Lake Rights Network', 'Fundación Agua Limpia', 'Observatorio del Río'],
      date: '2021-11-04',
      place: 'Madrid',
    },
  },
  {
    layout: 'joint letter of organisations whose names look like people\'s ("Blue River Ukraine"), "Signed:" above them',
    text: `To the Council of the European Union
Rue de la Loi 175
1048 Brussels

Brussels, 12 March 2022

Dear Ministers,

We, the undersigned organisations, ask the Council to protect the people who defend the wetlands of the Danube delta.

Signed:

Blue River Ukraine
Danube Delta Watch
Ecologistas del Norte
Fundación Monte Verde
Black Sea Dunes Alliance
`,
    expected: {
      sender: 'Blue River Ukraine',
      recipients: [{ name: 'Council of the European Union', role: null }],
      signatories: ['Blue River Ukraine', 'Danube Delta Watch', 'Ecologistas del Norte', 'Fundación Monte Verde', 'Black Sea Dunes Alliance'],
      date: '2022-03-12',
      place: 'Brussels',
    },
  },
  {
    layout: 'letter signed by several people, one line each',
    text: `Brussels, 8 March 2022

Ms Ursula Brandt
Commissioner for Health

Dear Commissioner,

We ask the Commission to publish the full results of the clinical trials on which it based its decision to authorise the new pesticide last autumn.

Yours sincerely,

Anna Rossi, MEP
Jan Novák, MEP
Eva Horvat, MEP
`,
    expected: {
      sender: 'Anna Rossi',
      senderRole: 'Member of the European Parliament',
      recipients: [{ name: 'Ursula Brandt', role: 'Commissioner for Health' }],
      signatories: ['Anna Rossi', 'Jan Novák', 'Eva Horvat'],
      date: '2022-03-08',
      place: 'Brussels',
    },
  },
  {
    layout: 'signature with no closing before it',
    text: `Oslo, 2 December 2021

Mr Erik Lund
Director, Norwegian Fisheries Directorate

Dear Mr Lund,

Our survey of the Lofoten spawning grounds shows that the cod stock has fallen by a third since 2015, and we ask you to halve the coastal quota for next year.

Ingrid Dahl
Senior Researcher, Coastal Institute
`,
    expected: {
      sender: 'Ingrid Dahl',
      senderRole: 'Senior Researcher, Coastal Institute',
      recipients: [{ name: 'Erik Lund', role: 'Director, Norwegian Fisheries Directorate' }],
      date: '2021-12-02',
      place: 'Oslo',
    },
  },
  {
    layout: 'no signature at all, and no date stated',
    text: `Dear Editor,

Your article on the new bypass did not mention that the route crosses the only meadow in the county where the marsh fritillary butterfly still lives.

Sent today by registered post.
`,
    expected: nobody,
  },
  {
    layout: 'diplomatic letter to "His Excellency", closing with the assurances of highest consideration',
    text: `Vienna, 11 November 2020

His Excellency Mr Karl Huber
Federal Minister for European and International Affairs
of the Republic of Austria
Minoritenplatz 8
1010 Vienna

Your Excellency,

I have the honour to ask for your Government's support for the candidacy of Professor Lída Marková to the United Nations Committee against Torture.

Please accept, Your Excellency, the assurances of my highest consideration.

Petr Dvořák
Ambassador of the Republic of Moravia
`,
    expected: {
      sender: 'Petr Dvořák',
      senderRole: 'Ambassador of the Republic of Moravia',
      recipients: [{ name: 'Karl Huber', role: 'Federal Minister for European and International Affairs of the Republic of Austria' }],
      date: '2020-11-11',
      place: 'Vienna',
    },
  },
  {
    layout: 'note verbale in the third person, dated at the end',
    text: `The Embassy of the Republic of Moravia presents its compliments to the Ministry of Foreign Affairs of the Republic of Austria and has the honour to inform the Ministry that the Embassy will be closed on 28 October.

The Embassy of the Republic of Moravia avails itself of this opportunity to renew to the Ministry the assurances of its highest consideration.

Vienna, 11 October 2020
`,
    expected: {
      sender: 'Embassy of the Republic of Moravia',
      recipients: [{ name: 'Ministry of Foreign Affairs of the Republic of Austria', role: null }],
      date: '2020-10-11',
      place: 'Vienna',
    },
  },
  {
    layout: 'markdown open letter with a heading, a bold date field and a bold addressee line',
    text: `# Open letter to the Minister of Culture

**Date:** 14 February 2023

**To: Ms Lena Berg, Minister of Culture**

Dear Minister,

The plan to close eleven public libraries in the north of the country would leave whole towns without a place where children can borrow a book.

Sincerely,

**Oskar Nyberg**, Chair of the Writers' Union
`,
    expected: {
      sender: 'Oskar Nyberg',
      senderRole: "Chair of the Writers' Union",
      recipients: [{ name: 'Lena Berg', role: 'Minister of Culture' }],
      date: '2023-02-14',
    },
  },
  {
    layout: 'organisations as sender and as addressee',
    text: `Human Rights Watch
350 Fifth Avenue
New York, NY 10118

12 July 2018

Ministry of Justice of the Kingdom of Spain
Calle San Bernardo 45
28015 Madrid

Dear Sir or Madam,

We urge the Ministry to refuse the request of the Russian Federation for the extradition of the blogger Ilya Sokolov, who faces torture if returned.

Sincerely,

Human Rights Watch
`,
    expected: {
      sender: 'Human Rights Watch',
      recipients: [{ name: 'Ministry of Justice of the Kingdom of Spain', role: null }],
      date: '2018-07-12',
    },
  },
  {
    layout: 'a joint statement whose title line names the addressee',
    text: `Joint statement to the Minister of Foreign Affairs of the Republic of Latvia

Riga, 9 September 2020

Dear Minister,

We, the undersigned, urge you to raise the case of Mr Aliyev with your Azerbaijani counterpart.

Signed:
- Baltic Human Rights Forum
- Press Freedom Watch
`,
    expected: {
      sender: 'Baltic Human Rights Forum',
      recipients: [{ name: 'Minister of Foreign Affairs of the Republic of Latvia', role: null }],
      signatories: ['Baltic Human Rights Forum', 'Press Freedom Watch'],
      date: '2020-09-09',
      place: 'Riga',
    },
  },
  {
    layout: 'a "Cc:" line under the "To:" line, then the salutation',
    text: `Geneva, 3 April 2023

To: Ms Ana Ruiz, Special Rapporteur on the situation of human rights defenders
Cc: Office of the High Commissioner for Human Rights

Dear Ms Ruiz,

We ask you to issue an urgent appeal to the authorities of Kyrgyzstan.

On behalf of the International Service for Defenders,

Lena Fischer
Programme Officer
`,
    expected: {
      sender: 'Lena Fischer',
      senderRole: 'Programme Officer',
      recipients: [{ name: 'Ana Ruiz', role: 'Special Rapporteur on the situation of human rights defenders' }],
      cc: ['Office of the High Commissioner for Human Rights'],
      date: '2023-04-03',
      place: 'Geneva',
    },
  },
  {
    layout: 'a British letter: letterhead on the right, reference lines, honours after the names, "MP" above the office',
    text: `                                              Writers in Exile Trust
                                              9 Mornington Place
                                              Leeds LS2 8PT

Our ref: WET/24/017
Your ref: HO/EXT/552

4th June 2024

The Rt Hon. Eleanor Marsh KC MP
Secretary of State for the Home Department
2 Marsham Street
London SW1P 4DF

Dear Home Secretary,

We write about the extradition request made for Mr Ruslan Abenov, a novelist who has lived in Leeds since 2018.

We urge you to refuse it under section 81 of the Extradition Act 2003.

Yours sincerely,



Professor Martin Hale CBE
Chair of Trustees

cc: Mr Owen Price, Foreign, Commonwealth and Development Office
`,
    expected: {
      sender: 'Martin Hale',
      senderRole: 'Chair of Trustees',
      recipients: [{ name: 'Eleanor Marsh', role: 'Secretary of State for the Home Department' }],
      cc: ['Owen Price'],
      date: '2024-06-04',
    },
  },
  {
    layout: 'an American letter signed electronically ("/s/ Name", then the name again)',
    text: `May 2, 2024

The Honorable Daniel Ortiz
United States House of Representatives
1420 Longworth House Office Building
Washington, DC 20515

Dear Representative Ortiz:

I am writing on behalf of the Free Voices Project to ask for your help in the case of Ms. Irina Vasko, a journalist detained in Tbilisi.

We respectfully ask that your office contact the Department of State.

Sincerely,

/s/ Rachel M. Dunn

Rachel M. Dunn
Legal Director
Free Voices Project
`,
    expected: {
      sender: 'Rachel M. Dunn',
      senderRole: 'Legal Director',
      recipients: [{ name: 'Daniel Ortiz', role: 'United States House of Representatives' }],
      date: '2024-05-02',
    },
  },
  {
    layout: 'a communication of UN special procedures: mandates as the heading, a reference line, two rapporteurs sign, a mandate of 16 words as a role',
    text: `Mandates of the Special Rapporteur on the promotion and protection of human rights and fundamental freedoms while countering terrorism and the Special Rapporteur on the situation of human rights defenders

REFERENCE: UA TJK 2/2024

9 February 2024

Excellency,

We have the honour to address you in our capacity as Special Rapporteur on the promotion and protection of human rights and fundamental freedoms while countering terrorism and Special Rapporteur on the situation of human rights defenders.

We would be grateful for your observations on the detention of the lawyer Mr. Firuz Saidov.

Please accept, Excellency, the assurances of our highest consideration.

Elena Moretti
Special Rapporteur on the promotion and protection of human rights and fundamental freedoms while countering terrorism

Samuel Okafor
Special Rapporteur on the situation of human rights defenders
`,
    expected: {
      sender: 'Elena Moretti',
      senderRole: 'Special Rapporteur on the promotion and protection of human rights and fundamental freedoms while countering terrorism',
      signatories: ['Elena Moretti', 'Samuel Okafor'],
      date: '2024-02-09',
    },
  },
  {
    layout: 'a petition in Markdown: "Petition to" as the title, a numbered list of signatories with their roles',
    text: `# Petition to the Minister of Justice of Estonia

**Release Firuz Saidov**

20 March 2024

We, the undersigned, members of the Tallinn Bar Association, ask the Minister to raise the case of Firuz Saidov with the Government of Tajikistan.

Signed:

1. Kadri Tamm, Chair, Tallinn Bar Association
2. Mart Kask, advocate
3. Liis Saar, advocate
`,
    expected: {
      sender: 'Kadri Tamm',
      senderRole: 'Chair, Tallinn Bar Association',
      recipients: [{ name: 'Minister of Justice of Estonia', role: null }],
      signatories: ['Kadri Tamm', 'Mart Kask', 'Liis Saar'],
      date: '2024-03-20',
    },
  },
  {
    layout: 'a "To the <office>" line above the office holder\'s name and street address',
    text: `Baltic Press Freedom Centre
Pikk 12, 10123 Tallinn

To the Minister of Foreign Affairs of the Republic of Latvia
Mr Jānis Ozols
Krišjāņa Valdemāra iela 3
Riga LV-1395

Tallinn, 5 June 2024

Dear Minister,

We write about the photographer Olga Petrenko, who has been refused entry at the border twice this year without any reason being given.

We ask you to review the entry ban and to tell her lawyer on what grounds it was imposed.

Yours sincerely,

Maarja Lepp
Director, Baltic Press Freedom Centre
`,
    expected: {
      sender: 'Maarja Lepp',
      senderRole: 'Director, Baltic Press Freedom Centre',
      recipients: [{ name: 'Jānis Ozols', role: 'Minister of Foreign Affairs of the Republic of Latvia' }],
      date: '2024-06-05',
      place: 'Tallinn',
    },
  },
  {
    layout: 'a UK minister addressed by office with "The Rt Hon." before it, below the writer\'s letterhead',
    text: `House of Commons
London SW1A 0AA

The Rt Hon. Minister of State for Europe
Foreign, Commonwealth and Development Office
King Charles Street
London SW1A 2AH

14 October 2024

Dear Minister,

I am writing to you about a journalist from Ganja who has been held in pre-trial detention in Baku since March.

I ask you to raise her case with the Azerbaijani ambassador at the earliest opportunity.

Yours sincerely,

Thomas Hale MP
Member of Parliament for Bristol North
`,
    expected: {
      sender: 'Thomas Hale',
      senderRole: 'Member of Parliament for Bristol North',
      recipients: [{ name: 'Minister of State for Europe', role: null }],
      date: '2024-10-14',
    },
  },
  {
    layout: 'an addressee whose surname is also a street\'s word ("Ms Sarah Lane", "Peter Hill MP")',
    text: `House of Commons
London SW1A 0AA

Ms Sarah Lane
Minister of Justice
Petty France
London SW1H 9AJ

Peter Hill MP
Chair, Justice Committee

2 May 2024

Dear Ms Lane, dear Mr Hill,

I write about the extradition of a reporter to Angola, which the court in London will examine in June.

I ask you to make sure that the Ministry gives the court the whole file.

Yours sincerely,

Thomas Hale MP
Member of Parliament for Bristol North
`,
    expected: {
      sender: 'Thomas Hale',
      senderRole: 'Member of Parliament for Bristol North',
      recipients: [
        { name: 'Sarah Lane', role: 'Minister of Justice' },
        { name: 'Peter Hill', role: 'Chair, Justice Committee' },
      ],
      date: '2024-05-02',
    },
  },
  {
    layout: 'an office addressed as "His Excellency the Ambassador of…": the office, without the courtesy title',
    text: `Free Press Watch
12 Rue de Lausanne, 1201 Geneva

His Excellency the Ambassador of the Republic of Azerbaijan
Geneva

20 October 2024

Your Excellency,

We write about three journalists held in Azerbaijan since the spring, and about their health in detention.

We urge your Government to release all three journalists and to allow independent doctors to visit them.

Yours faithfully,

Anna Keller
Director, Free Press Watch
`,
    expected: {
      sender: 'Anna Keller',
      senderRole: 'Director, Free Press Watch',
      recipients: [{ name: 'Ambassador of the Republic of Azerbaijan', role: null }],
      date: '2024-10-20',
    },
  },
  {
    layout: 'web page of an open letter, dated by "Published", signed with the role on the name\'s line',
    text: `# Open letter to the Foreign Secretary: two reporters jailed in Belarus

*Published 12 May 2023*

To the Secretary of State for Foreign Affairs

Dear Foreign Secretary,

We write as press freedom groups about two reporters serving long sentences in Belarus for covering the 2020 protests.

Yours sincerely,

**Martha Quinn**, Director, Press Watch UK
`,
    expected: {
      sender: 'Martha Quinn',
      senderRole: 'Director, Press Watch UK',
      recipients: [{ name: 'Secretary of State for Foreign Affairs', role: null }],
      date: '2023-05-12',
    },
  },
  {
    layout: 'an association that signs above its street address',
    text: `Valencia, 4 March 2024

To the Delegation of the Government in the Valencian Community

Subject: People held on board ships in the port of Valencia

Refugio Abierto has given free legal advice to people arriving by sea at the port of Valencia since 2015.

We ask you to ensure that everyone who arrives by sea can see a lawyer within twenty-four hours.

Refugio Abierto
Calle de Sueca, 21
46006 Valencia
`,
    expected: {
      sender: 'Refugio Abierto',
      recipients: [{ name: 'Delegation of the Government in the Valencian Community', role: null }],
      date: '2024-03-04',
      place: 'Valencia',
    },
  },
];
describe('metadata of letters in other layouts', () => {
  for (const { layout, text, expected } of LAYOUTS) {
    it(layout, () => {
      expect(read(text)).toEqual({ ...nobody, ...expected });
    });
  }
});

describe('signatories in a sidecar', () => {
  it('may be given, as a list of names', () => {
    expect(parseSidecar('{"sender": "Lake Rights Network", "signatories": ["Lake Rights Network", "Fundación Agua Limpia"]}')).toEqual({
      sender: 'Lake Rights Network',
      signatories: ['Lake Rights Network', 'Fundación Agua Limpia'],
    });
  });
});
