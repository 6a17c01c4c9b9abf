/**
 * The seed question set: each answerable question names the letter(s) that answer it and a phrase the
 * cited quotes must contain; out-of-corpus questions must be abstained from.
 */
export interface SeedQuestion {
  question: string;
  kind: 'fact' | 'who' | 'when' | 'cc' | 'mentions' | 'paraphrase' | 'page-break' | 'contact' | 'filter' | 'out-of-corpus';
  /** Letter ids any of which answers it; empty for out-of-corpus. */
  letters: string[];
  /** Text that a cited quote from an expected letter must contain. */
  phrase?: string;
}

const KELAM = '000_54ce065e8f9db68d';
export const DELVAUX = '001_87c08d64c831245f';

export const SEED_QUESTIONS: SeedQuestion[] = [
  // Who, when, cc: from the catalogue.
  { question: 'Who wrote to Valls in 2015?', kind: 'who', letters: [DELVAUX], phrase: 'Mady Delvaux-Stehres' },
  { question: 'Who wrote to the Prime Minister?', kind: 'who', letters: [KELAM, DELVAUX], phrase: 'Tunne Kelam' },
  { question: 'When did Delvaux-Stehres write?', kind: 'when', letters: [DELVAUX], phrase: 'Brussels, 25 May 2015' },
  { question: 'When was Kelam\'s letter sent?', kind: 'when', letters: [KELAM], phrase: '29 June, 2016' },
  { question: "Who was copied on Kelam's letter?", kind: 'cc', letters: [KELAM], phrase: 'Jean-Jacques Urvoas' },
  { question: 'Which minister of foreign affairs was copied?', kind: 'cc', letters: [KELAM], phrase: 'Jean-Marc Ayrault' },
  { question: 'Which letters mention INTERPOL?', kind: 'mentions', letters: [KELAM, DELVAUX], phrase: 'INTERPOL' },
  { question: 'Which letters mention Zhanaozen?', kind: 'mentions', letters: [DELVAUX], phrase: 'Zhanaozen' },
  // Facts.
  { question: 'What new evidence did Kelam mention?', kind: 'fact', letters: [KELAM], phrase: 'KazakhLeaks' },
  { question: 'When was Ablyazov detained in France?', kind: 'fact', letters: [DELVAUX], phrase: 'detained in France in 2013' },
  { question: 'Which court approved the extradition?', kind: 'fact', letters: [DELVAUX], phrase: 'Court of Appeal in Lyon' },
  { question: 'Which countries protected the family members of Ablyazov?', kind: 'fact', letters: [KELAM], phrase: 'Austria, UK, Czech Republic' },
  { question: 'What did Lithuania decide about Shalabayev?', kind: 'fact', letters: [KELAM], phrase: 'rejection of the extradition of Mr Shalabayev' },
  { question: 'Where did Ablyazov obtain political asylum?', kind: 'fact', letters: [KELAM], phrase: 'United Kingdom' },
  { question: 'What happened in Zhanaozen?', kind: 'fact', letters: [DELVAUX], phrase: 'tragic events in Zhanaozen in 2011' },
  { question: 'What does Kelam ask the Prime Minister to do about the decree?', kind: 'fact', letters: [KELAM], phrase: 'cancel the extradition decree' },
  { question: 'Which high-profile Russian cases involved the sanctioned officials?', kind: 'fact', letters: [KELAM], phrase: 'Sergei Magnitsky' },
  { question: 'What was attempted against Tatiana Paraskevich?', kind: 'fact', letters: [KELAM], phrase: 'Tatiana Paraskevich' },
  { question: 'Which committees does Delvaux-Stehres sit on?', kind: 'fact', letters: [DELVAUX], phrase: 'Committee on Legal Affairs' },
  { question: 'Which UN body criticized Kazakhstan for torture?', kind: 'fact', letters: [DELVAUX], phrase: 'UN Committee Against Torture' },
  { question: 'What did Kelam write to Valls in 2016?', kind: 'filter', letters: [KELAM], phrase: 'Ablyazov' },
  { question: 'What did Delvaux-Stehres say about the French Supreme Court?', kind: 'filter', letters: [DELVAUX], phrase: 'French Supreme Court' },
  // Paraphrases that share few words with the answer.
  { question: 'Is there a danger he would be mistreated if sent to Russia?', kind: 'paraphrase', letters: [DELVAUX], phrase: 'serious risk of torture' },
  { question: 'Would he end up back in his home country after being handed over?', kind: 'paraphrase', letters: [DELVAUX], phrase: 'Kazakhstan' },
  { question: "How would sending him away damage France's reputation abroad?", kind: 'paraphrase', letters: [KELAM], phrase: "undermine France's international image" },
  { question: 'Which French civil servants had informal contacts with the other side?', kind: 'paraphrase', letters: [KELAM], phrase: 'a prosecutor and a diplomat' },
  { question: 'When did the government sign off on handing him over to Moscow?', kind: 'paraphrase', letters: [KELAM], phrase: 'September 2015' },
  // The sentence that a page break cut in two.
  { question: 'What was leaked to the web?', kind: 'page-break', letters: [KELAM], phrase: 'leaked to the web some months ago' },
  { question: 'What do the leaked e-mails contain?', kind: 'page-break', letters: [KELAM], phrase: 'compromising information' },
  // The contact block.
  { question: "What is Delvaux-Stehres's phone number?", kind: 'contact', letters: [DELVAUX], phrase: '0032 2 28 45136' },
  { question: 'How can I contact Delvaux-Stehres in Strasbourg?', kind: 'contact', letters: [DELVAUX], phrase: 'Strasbourg - LW T07085' },
  // Out of corpus: must abstain.
  { question: 'What is the capital of Kazakhstan?', kind: 'out-of-corpus', letters: [] },
  { question: 'What did the Minister of Justice reply?', kind: 'out-of-corpus', letters: [] },
  { question: 'What did Valls answer to Kelam?', kind: 'out-of-corpus', letters: [] },
  { question: 'How much money did Ablyazov embezzle from BTA Bank?', kind: 'out-of-corpus', letters: [] },
  { question: 'Who won the 2015 Nobel Peace Prize?', kind: 'out-of-corpus', letters: [] },
  { question: 'What is a good recipe for ratatouille?', kind: 'out-of-corpus', letters: [] },
  { question: 'What will the weather be like in Brussels tomorrow?', kind: 'out-of-corpus', letters: [] },
];
