// Whatever arrives, the detector answers and never throws: empty, huge, binary, mixed-script and random text.
import fc from 'fast-check';
import { MAX_RISK_TEXT } from '../../../../../../bot/features/safeguarding/domain/risk';
import { shippedDetector } from '../../../../../support/risk';

const detect = shippedDetector();
const wellFormed = (value: unknown) => {
  const a = value as { risk: unknown; concepts: unknown; kinds: unknown };
  return typeof a.risk === 'boolean' && Array.isArray(a.concepts) && Array.isArray(a.kinds);
};

describe('bad input', () => {
  it('answers "no risk" for empty and blank text', () => {
    expect(detect('')).toEqual({ risk: false, concepts: [], kinds: [] });
    expect(detect('   \n\t  ').risk).toBe(false);
    expect(detect('...,,,!!!').risk).toBe(false);
  });

  it('never throws and always answers in shape, for any string (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => wellFormed(detect(text))),
      { numRuns: 1500, seed: 20261123 },
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom('she', 'wants', 'to', 'die', 'not', 'self', 'harm', 'training', 'but', ',', '.', 'kms', 'od', "od'd", 'x', '1', 'paracetamol', '20', 'roof', 'on', 'the', 'sooo', 's', 'h'), { maxLength: 60 }), (words) => wellFormed(detect(words.join(' ')))),
      { numRuns: 1500, seed: 7 },
    );
  });

  it('reads binary junk, lone surrogates and mixed scripts without throwing, and still finds risk in them', () => {
    const binary = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 37) % 256)).toString('latin1');
    expect(wellFormed(detect(binary))).toBe(true);
    expect(detect(`\ud800\udfff\ud83d ${binary} she wants to kill herself`).risk).toBe(true);
    expect(detect('Ученица сказала, что хочет умереть. She says she wants to die. 她说她想死').risk).toBe(true);
    expect(detect('مرحبا كيف حالك').risk).toBe(false);
  });

  it('reads up to the envelope limit: risk at the end of 100,000 characters is found, beyond it is not read', () => {
    const filler = 'We met about the timetable and the trip. '.repeat(2500);
    const atEnd = `${filler.slice(0, MAX_RISK_TEXT - 40)} she wants to kill herself`;
    expect(atEnd.length).toBeLessThanOrEqual(MAX_RISK_TEXT);
    expect(detect(atEnd).risk).toBe(true);
    expect(detect(`${'a'.repeat(MAX_RISK_TEXT)} she wants to kill herself`).risk).toBe(false);
    expect(detect(`${'a'.repeat(4100)} he wants to kill himself`).risk).toBe(true);
  });

  it('still corrects slips in the first 4,000 characters of a long paste full of new words', () => {
    let seed = 1;
    const junk = Array.from({ length: 700 }, () => {
      seed = (seed * 16807) % 2147483647;
      return seed.toString(36);
    }).join(' ');
    expect(detect(`she is suiside and took 20 paracetemol ${junk}`).risk).toBe(true);
  });
});
