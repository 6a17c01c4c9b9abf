import type { LabelledQuestion } from '../../src/evaluation/quality.js';

/**
 * Known-item questions on SpamAssassin ham (easy-ham-1, all within its first 300 messages; the
 * first 8 targets are within the first 40). Each is answered by one e-mail, whose cleaned body
 * holds the phrase verbatim. Marked P: a paraphrase sharing few key words with the answer.
 */
export const SPAM_ASSASSIN_QUESTIONS: LabelledQuestion[] = [
  { question: 'What did the man seized outside the security headquarters in Moscow threaten to do?', letters: ['00003.860e3c3cee1b42ead714c5c874fe25f7'], phrase: 'threatened to blow up his truck' },
  { question: 'How many new Klez infections do Symantec and McAfee report each day?', letters: ['00004.864220c5b6930b209cc287c361c99af1'], phrase: 'both report more than 2000 new infections daily' },
  // P
  { question: 'Who is the ageing German ladies\' man leaving his fortune to his final lover?', letters: ['00007.37a8af848caae585af4fe35779656d55'], phrase: 'Rolf Eden, 72, a Berlin disco owner' },
  { question: 'How long has Charles Bronson spent in solitary confinement?', letters: ['00009.371eca25b0169ce5cb4f71d3e07b9e2d'], phrase: 'has spent 24 of his 28 prison years in solitary confinement' },
  { question: 'What does the ISP use for virus filtering alongside SpamAssassin?', letters: ['00010.145d22c053c1a0c410242e46c01635b3'], phrase: 'Our configuration uses Amavis-Postfix and ClamAV for virus filtering' },
  // P
  { question: 'Why would the mirrored disk on the Cobalt box not boot?', letters: ['00013.81c34741dbed59c6dde50777e27e7ea3'], phrase: 'this is because I was populating md0 with tar' },
  // P
  { question: 'How did Ciaran finally get the boot disk across without a network?', letters: ['00030.cc78e84cd398ff4a2e9e287263de928f'], phrase: "I ended up formatting a floppy on my flatmate's" },
  // P
  { question: 'When will the network manager at infinetivity be back at work?', letters: ['00033.2ceb520d2c6500ccf24357f2ebdce618'], phrase: 'I will be out of the office until Monday, August 26 2002' },
  { question: 'How much can Ryanair customers save on international phone calls?', letters: ['00067.23813c5ac6ce66fd892ee5501fd5dbd2'], phrase: "You'll save up to 70% on international phone calls" },
  { question: 'What is the security hole in the hyperlink handling of Gaim?', letters: ['00068.5053f669dda8f920e5300ed327cdd986'], phrase: 'passes an untrusted string to the shell without escaping' },
  { question: 'Why did XviD development stop?', letters: ['00074.71045f0bdb236b814e4729d318bd6509'], phrase: 'contains wide portions of code taken from the XviD project' },
  { question: 'When is Damian Conway giving his Perl 6 talk in Belfast?', letters: ['00097.e8e276c07ee885c4b8d904c1414412e5'], phrase: 'Perl 6 - Tuesday, 3rd September, 7pm' },
  // P
  { question: 'What will first-year students at the university in Cork be given?', letters: ['00098.90c05d1ad65ea3fa796bfa2808f71052'], phrase: 'every incoming student will be offered a copy of Red Hat' },
  // P
  { question: 'How can I pull down mail I have already read from my webmail account?', letters: ['00109.bcb73e4561798e05f2299471ab0be1bb'], phrase: 'Seems fetchmail has a -a switch to get it all' },
  { question: 'How many hours has SETI@Home been scanning without finding ET?', letters: ['00116.22aef63fc606e0ad46b5593bc897469a'], phrase: '420 hours of scanning time. And still no ET.' },
  // P
  { question: 'Which early map first named the newly found continent?', letters: ['00117.a9afb0bc89818ffe2f2a590c8a40434b'], phrase: 'With the Waldseemuller map, the New World was born.' },
  { question: 'Who made the hoax calls to police about the Soham schoolgirls?', letters: ['00119.0f469afee6aef0a05d9850f7021bd629'], phrase: 'jobless Howard Youde made three calls to police' },
  // P
  { question: 'Can a spice ingredient soothe skin damaged by cancer radiotherapy?', letters: ['00140.354632516317e3a37a05e93c609ec65d'], phrase: 'Curcumin, the chemical that makes curry yellow' },
  { question: 'How much does the bamboo hut in the Neiman Marcus Christmas catalog cost?', letters: ['00142.0f7dc427ea4ecdf0c257b8bf7d152249'], phrase: 'a bamboo hut ($15,000) and a leather frisbee' },
  // P
  { question: 'Which journalist won damages from the police?', letters: ['00143.4cae4623140fc349a57dac7ffd863227'], phrase: 'BBC reporter Donal MacIntyre wins high profile libel case against police' },
  // P
  { question: 'Who is ahead in the match between the world champion and the chess program?', letters: ['00147.fcb1b60290a155a5b837cd290b77a6dd'], phrase: 'takes the lead over the computer Deep Fritz' },
  { question: 'Which lioness keeps adopting baby oryx?', letters: ['00159.53acdde1c0b5aadf73295f0c58ddb6a7'], phrase: 'by adopting her fifth baby oryx this year' },
  { question: 'Where do the consultants now recommend building the Dracula theme park?', letters: ['00160.eb0db8e14a3308c08db1cc38c4c7d66a'], phrase: 'is now recommending that it be built in Bucharest instead' },
  { question: 'How many gold Buddha statues were unearthed in Cambodia?', letters: ['00178.e021e35d6b9ec076f35e72ed932356e2'], phrase: 'unearthed 31 Buddha statues - 27 of them solid gold' },
  // P
  { question: 'How young was the youngest mother on record when her baby was born?', letters: ['00225.13c1eaece69dd93afacadb48189e65fc'], phrase: 'Aged 5 years, seven months and 21 days old' },
  { question: 'Who spotted the emperor penguin colony that was feared to have starved?', letters: ['00230.9a0c6d7bc5e78a2b597bc050e491d05e'], phrase: 'The birds were spotted by the crew of a USAF jet' },
  { question: 'How many more Betamax machines will Sony make?', letters: ['00235.c3a09c057f8fec7d833a8f38062b9a48'], phrase: 'it will make only 2,000 more machines for the Japanese market' },
  // P
  { question: 'What happens to the nail clippers and scissors confiscated from travellers at airports?', letters: ['00244.d6a35c3356b3796b5ddc77ed1b1995e2'], phrase: 'is sending them to Catholic missionaries' },
  // P
  { question: 'Where and when did software engineering begin as a field of study?', letters: ['00260.9c633d54c32d46465f4162f3a91f553c'], phrase: 'sponsored by NATO, at Garmisch, Germany, in October, 1968' },
  { question: 'What were the punch bags sold in Greenwich stuffed with?', letters: ['00295.00390d9365839897c097b0db0d0a567b'], phrase: 'were found to be stuffed with incontinence pads and bandages' },
];
