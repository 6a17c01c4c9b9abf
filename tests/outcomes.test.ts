import { describe, expect, it } from 'vitest';
import { outcomeAsked } from '../src/answer/typed-answers.js';

/** Questions about how things turned out, which letters written before cannot answer unless they report it. */
describe('outcome questions', () => {
  it.each([
    ['How did the trial of the two dam protesters turn out?'],
    ["What did France's top court decide on Farrukh's appeal?"],
    ['what did the cour de cassation finally rule on his appeal?'],
    ["Did the project's board sign off on the 6,000 euro for the lawyer?"],
    ['Did Britain agree to team up with the French on getting a doctor in?'],
    ['did Spain end up extraditing him?'],
  ])('"%s" asks how things turned out', (q) => expect(outcomeAsked(q)).not.toBeNull());

  it.each([['what did the court say about his refugee status?'], ['why did the court refuse to keep him in custody?'], ['what do the NGOs want the Council to decide?']])(
    '"%s" does not',
    (q) => expect(outcomeAsked(q)).toBeNull(),
  );
});
