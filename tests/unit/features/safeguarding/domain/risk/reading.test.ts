// How the detector reads what people type: case, Unicode, look-alikes, zero-width characters, repeated letters,
// text-speak, contractions, spacing of compounds, and typo tolerance in both directions.
import fc from 'fast-check';
import { normaliseText, splitWordsBy } from '../../../../../../bot/features/safeguarding/domain/risk/normalise';
import { editDistance } from '../../../../../../bot/features/safeguarding/domain/risk/typos';
import { shippedDetector } from '../../../../../support/risk';

const detect = shippedDetector();
const flagged = (text: string) => detect(text).risk;

describe('normalisation', () => {
  it('cuts plain text into words, sentences and clauses exactly as the pattern does, only quicker', () => {
    const canonical = (raw: string) => [{ word: raw }];
    const read = (text: string, byPattern: boolean) => splitWordsBy(text, canonical, byPattern);
    for (const text of ["she's going to jump... now!! ok? yes; no", 'self - harm, (k!ll) "quote" / a\\b [x]', 'wait --\nnext', ' - -- -x', '..!?..', "mum's @home $5 'quoted'"]) {
      expect(read(text, false)).toEqual(read(text, true));
    }
    const plain = fc.string({ unit: fc.constantFrom(...'ab1 .!?;,:()"/\\[]-\'@$\n\r\t*_x'.split('')), maxLength: 60 });
    fc.assert(fc.property(plain, (text) => expect(read(text, false)).toEqual(read(text, true))), { numRuns: 3000 });
  });

  it('folds case, accents, curly quotes, full-width and look-alike letters, and drops zero-width characters', () => {
    expect(normaliseText('SUICIDAL')).toBe('suicidal');
    expect(normaliseText('sélf‑hárm')).toBe('self-harm');
    expect(normaliseText('she’s')).toBe("she's");
    expect(normaliseText('ｓｕｉｃｉｄｅ')).toBe('suicide');
    expect(normaliseText('suіcіde')).toBe('suicide'); // Cyrillic і
    expect(normaliseText('sui\u200bci\u200dde')).toBe('suicide');
  });

  it.each([
    'SHE WANTS TO DIE',
    'she wants to diiiie',
    'she wants to dieee',
    'sooo worried, she says she wants to kill herselfff',
    'she’s going to kill herself',
    'ｓｈｅ ｗａｎｔｓ ｔｏ ｄｉｅ',
    'she wants to k\u200bill herself',
    'pupil is talking about suіcіde',
    'su1c1dal thoughts',
    'pupil talking about s u i c i d e',
    'she has been self-harming',
    'she has been self harming',
    'she has been selfharming',
    'she has been self - harming',
    'his s/h has got worse',
  ])('reads "%s" as risk', (text) => expect(flagged(text)).toBe(true));

  it.each([
    ['kms', 'she keeps saying kms and means it'],
    ['kys', 'someone told her to kys'],
    ['unalive', 'he wants to unalive himself'],
    ["od'd", "she od'd on paracetamol"],
    ['od', 'worried she will od tonight'],
    ['sh', 'her sh is getting worse'],
    ['gonna', "he's gonna end it all"],
    ['wanna', 'she said she wanna die'],
    ['2nite', "she's going to kill herself 2nite"],
    ['doesnt', 'he doesnt want to be here anymore'],
    ['dont', 'she said i dont want to live'],
    ['cant', "she cant keep herself safe"],
    ["won't", "he won't come down from the roof"],
  ])('reads text-speak and contractions: %s', (_form, text) => expect(flagged(text)).toBe(true));
});

describe('typo tolerance', () => {
  it('measures a swap of two letters as one slip', () => {
    expect(editDistance('suicide', 'suicdie', 3)).toBe(1);
    expect(editDistance('suicide', 'suiside', 3)).toBe(1);
    expect(editDistance('overdose', 'ovrdose', 3)).toBe(1);
    expect(editDistance('paracetamol', 'parcetamoll', 3)).toBe(2);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });

  it.each([
    'pupil talking about suiside', // a letter wrong
    'pupil talking about sucide', // a letter missing
    'pupil talking about suicdie', // two letters swapped
    'pupil talking about suicidde', // a letter doubled
    'she feels suicdal',
    'she has been slef harming',
    'she took 12 paracetemol',
    'she took 12 paracetomol',
    'she took twenty parecetamol tablets',
    'he took an overdoes last night',
    'she has taken an ovredose',
    'she has been self harmimg',
    'he is cutting himslef',
    'she wants to end her lfie',
    'he is threatning to jump off the bridge',
    'she has been groomd online',
  ])('still recognises "%s"', (text) => expect(flagged(text)).toBe(true));

  it.each([
    'Can you pay the bills for the trip?', // bills, not pills
    'He is putting his hand up more in class', // putting, not cutting
    'She hurt her hand in PE', // hand, not hang
    'We had a small bump in the corridor', // bump, not jump
    'Times tables practice for year 4', // tables, not tablets
    'He is changing schools in September', // changing, not hanging
    'A trip to the beach for year 6', // beach, not bleach
    'The fridge in the staff room is broken', // fridge, not bridge
    'The minibus driver is off sick', // driver, not river
    'She is lying about her homework', // lying, not dying
    'Walking in the hills for Duke of Edinburgh', // hills, not pills / kills
    'He has been vaping in the toilets', // vaping, not raping
    'Our suite of resources for parents', // suite, not suicide
    'The ropes course on the residential', // idiom and activity
  ])('does not turn an ordinary word into a risk word: "%s"', (text) => expect(flagged(text)).toBe(false));
});
