import { describe, expect, it } from 'vitest';
import { NameCounter, nameTerms } from '../src/indexing/name-terms.js';

const letters = [
  { id: 'a', body: 'We wrote to Minister Beneš about Mr Sadykov. Sadykov is held in Prague.' },
  { id: 'b', body: 'The Court in Prague heard the case. The court refused bail to Sadykov.' },
  { id: 'c', body: 'Interpol published a red notice. The notice of Interpol names Sadykov.' },
];

describe('name counts kept up to date letter by letter', () => {
  it('give the names a count over the whole corpus gives, after letters are added, changed and removed', () => {
    const counter = new NameCounter();
    counter.update(letters);
    expect(counter.names()).toEqual(nameTerms(letters.map((l) => l.body)));
    expect(counter.names().sure).toContain('interpol');

    const changed = [letters[0], { id: 'b', body: 'The tribunal in Brno heard the case of Mr Sadykov.' }, { id: 'd', body: 'Amnesty International wrote to Interpol.' }];
    counter.update(changed);
    expect(counter.names()).toEqual(nameTerms(changed.map((l) => l.body)));
    // What only the old letter c said ("Interpol" twice, capitalised) leaves the sure names with it; "Brno" comes in.
    expect(counter.names().sure).not.toContain('interpol');
    expect(counter.names().names).toContain('brno');
  });

  it('are saved with the index and read back for the letters they were counted over, by the same reader only', () => {
    const counter = new NameCounter();
    counter.update(letters);
    const json = counter.toJSON(7);
    const back = NameCounter.fromJSON(json, 7, letters)!;
    expect(back.names()).toEqual(counter.names());
    back.update(letters.slice(0, 2));
    expect(back.names()).toEqual(nameTerms(letters.slice(0, 2).map((l) => l.body)));
    expect(NameCounter.fromJSON(json, 8, letters)).toBeNull();
    expect(NameCounter.fromJSON('{"broken":', 7, letters)).toBeNull();
  });
});
