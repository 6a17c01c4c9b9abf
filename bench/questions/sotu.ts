import type { LabelledQuestion } from '../../src/evaluation/quality.js';

/**
 * Known-item questions on State of the Union messages, one per target message, spread over
 * 1790–2019. Letter ids are as written by writeSotuLetters ("1790_george_washington"). Each
 * phrase occurs verbatim in its target and in no other message of the dataset. Marked P: a
 * paraphrase sharing few key words with the answer.
 */
export const SOTU_QUESTIONS: LabelledQuestion[] = [
  // P
  { question: 'Which part of Virginia asked to join the Union as a state of its own?', letters: ['1790_george_washington'], phrase: 'the district of Kentucky, at present a part of Virginia' },
  { question: 'What did the Emperor of Morocco announce about the treaty made with his father?', letters: ['1795_george_washington'], phrase: 'his recognition of our treaty made with his father, the late Emperor' },
  // P
  { question: 'How did Adams mark the first session of Congress in its new building?', letters: ['1800_john_adams'], phrase: 'assemble for the first time in this solemn temple' },
  { question: 'What native title did the Delawares relinquish?', letters: ['1804_thomas_jefferson'], phrase: 'an important relinquishment of native title has been received from the Delawares' },
  // P
  { question: 'Why did the government stop dealing with the new British envoy?', letters: ['1809_james_madison'], phrase: 'no further communications should be received from him' },
  { question: 'Who commanded the American squadron on Lake Champlain?', letters: ['1814_james_madison'], phrase: 'came into action with the American, commanded by Captain Macdonough' },
  { question: 'When will Fort Diamond at the Narrows be finished?', letters: ['1820_james_monroe'], phrase: 'Fort Diamond, at the Narrows, in the harbor of New York' },
  // P
  { question: 'What share of the Cherokee nation was expected to move west?', letters: ['1831_andrew_jackson'], phrase: 'half, if not two-third, of that tribe will follow' },
  // P
  { question: 'Why did the American envoy stay on in Frankfurt for months?', letters: ['1849_zachary_taylor'], phrase: 'remained there several months in the expectation that a union' },
  { question: 'How many national banks had been organized by the 25th of November?', letters: ['1864_abraham_lincoln'], phrase: 'On the 25th day of November 584 national banks had been organized' },
  // P
  { question: 'What disaster struck a New England city that year?', letters: ['1872_ulysses_s_grant'], phrase: 'millions of accumulated wealth in the city of Boston' },
  { question: 'Has the immigration of paupers and criminals from Switzerland stopped?', letters: ['1882_chester_a_arthur'], phrase: 'immigration of paupers and criminals from certain of the Cantons' },
  // P
  { question: 'Which Balkan principality became a kingdom?', letters: ['1910_william_h_taft'], phrase: 'assumed the title of King of Montenegro' },
  { question: 'What working day did Congress establish for railway train crews?', letters: ['1916_woodrow_wilson'], phrase: 'the legal basis of work and wages in train service' },
  { question: 'How much has already been paid to the railroads under the act?', letters: ['1920_woodrow_wilson'], phrase: 'Over $600,000,000 has already been paid to the railroads under this act' },
  // P
  { question: 'Will people in distress get through the winter fed and warm?', letters: ['1932_herbert_hoover'], phrase: 'there should be no hunger or suffering from cold in the country' },
  { question: 'Which nation has paid its debt installments to the United States in full?', letters: ['1934_franklin_d_roosevelt'], phrase: 'One Nation-Finland-has paid the installments due this country in full' },
  { question: 'What are the four essential human freedoms?', letters: ['1941_franklin_d_roosevelt'], phrase: 'The first is freedom of speech and expression' },
  { question: 'How many families are still living in slums?', letters: ['1949_harry_s_truman'], phrase: 'Five million families are still living in slums and firetraps' },
  { question: 'What did Eisenhower ask Congress to do about the Hungarian refugees?', letters: ['1957_dwight_d_eisenhower'], phrase: 'regularize the status in the United States of Hungarian refugees' },
  // P
  { question: 'What is the payoff from spending money to rescue a young person who cannot find work?', letters: ['1964_lyndon_b_johnson'], phrase: 'can return $40,000 or more in his lifetime' },
  // P
  { question: 'Why was the 1973 report to Congress sent as a series of messages?', letters: ['1973_richard_nixon'], phrase: 'all-embracing State of the Union Message would not appear to be adequate' },
  { question: 'How large a tax rebate did Ford propose?', letters: ['1975_gerald_r_ford'], phrase: 'a total cut of $12 billion, with a maximum of $1,000' },
  // P
  { question: 'How much damage could one missile boat do to the Soviet Union?', letters: ['1979_jimmy_carter'], phrase: 'carries enough warheads to destroy every large- and medium-sized city' },
  // P
  { question: 'Which boy took blankets and food to homeless people?', letters: ['1986_ronald_reagan'], phrase: 'Trevor left his suburban Philadelphia home to bring blankets and food' },
  { question: 'How long did Honecker predict the Berlin Wall would last?', letters: ['1990_george_bush'], phrase: 'he predicted the Berlin Wall would last another hundred years' },
  // P
  { question: 'How could parents screen out television shows unsuitable for their children?', letters: ['1996_william_j_clinton'], phrase: 'pass the requirement for a V-chip in TV sets' },
  { question: 'Which flight attendants were welcomed and thanked?', letters: ['2002_george_w_bush'], phrase: 'flight attendants Hermis Moutardier and Christina Jones' },
  // P
  { question: 'Which women pioneers of computing and space flight did Obama name?', letters: ['2016_barack_obama'], phrase: 'America is Grace Hopper and Katherine Johnson and Sally Ride' },
  { question: 'Which Apollo 11 astronaut was in the chamber?', letters: ['2019_donald_j_trump'], phrase: 'one of the Apollo 11 astronauts who planted that flag: Buzz Aldrin' },
];

/** The messages the questions are about, by year. */
export const SOTU_TARGETS: string[] = SOTU_QUESTIONS.map((q) => q.letters[0]);

/** The short targets used by the quick run. */
export const SOTU_QUICK_TARGETS: string[] = ['1790_george_washington', '1800_john_adams', '1916_woodrow_wilson', '1932_herbert_hoover', '1973_richard_nixon'];
