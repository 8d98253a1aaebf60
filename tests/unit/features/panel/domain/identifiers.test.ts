// The identifier guard: every kind found in realistic sentences, near misses and ordinary school text left alone.
import { describeIdentifierKind, isValidNhsNumber, isValidUpn, scanForIdentifiers, upnCheckLetter, type IdentifierMatch } from '../../../../../bot/features/panel/domain/identifiers';
import { generateCorpus, type Sample } from '../../../../../bench/support/identifierCorpus';

const kinds = (text: string): string[] => scanForIdentifiers(text).map((m) => m.kind);

describe('check digits', () => {
  it('accepts the documented NHS example and rejects the documented invalid one', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('9876544321')).toBe(false);
  });

  it('treats a check value of 10 as invalid and 11 as 0', () => {
    // 123456789: remainder 1, check 10 -> no valid number starts with these nine digits.
    for (let d = 0; d <= 9; d++) expect(isValidNhsNumber(`123456789${d}`)).toBe(false);
    // 401023213: sum 11*k -> check 11 -> 0.
    expect(isValidNhsNumber('4010232137')).toBe(true);
  });

  it('matches a worked DfE example: 201 1000 18 042 -> sum 176, remainder 15 -> R; temporary 04V -> T', () => {
    expect(upnCheckLetter('201100018042')).toBe('R');
    expect(isValidUpn('R201100018042')).toBe(true);
    expect(upnCheckLetter('20110001804V')).toBe('T');
    expect(kinds('UPN T20110001804V on file')).toEqual(['upn']);
    expect(kinds('UPN S20110001804V on file')).toEqual([]);
  });

  it('computes the UPN check letter from the 12 digits (weights 2..13, mod 23, no I/O/S)', () => {
    const letter = upnCheckLetter('801200001001');
    expect(letter).toMatch(/^[A-HJ-NP-RT-Z]$/);
    expect(isValidUpn(`${letter}801200001001`)).toBe(true);
    expect(isValidUpn(`${letter === 'A' ? 'B' : 'A'}801200001001`)).toBe(false);
  });
});

describe('scanForIdentifiers on hand-written cases', () => {
  it.each([
    ['NHS number 943 476 5919 on the letter', 'nhs-number'],
    ['NHS no. 943-476-5919', 'nhs-number'],
    ['nhs:9434765919', 'nhs-number'],
    ['Year 9 943 476 5919', 'nhs-number'],
    ['CHI 010203 1231 from Glasgow', 'nhs-number'],
    ['lives at SW1A 1AA now', 'postcode'],
    ['lives at sw1a1aa now', 'postcode'],
    ['postcode M1 1AE', 'postcode'],
    ['postcode b33 8th', 'postcode'],
    ['postcode CR2 6XH', 'postcode'],
    ['postcode DN55 1PT', 'postcode'],
    ['postcode W1A 0AX', 'postcode'],
    ['postcode EC1A 1BB.', 'postcode'],
    ['email jo.bloggs@school.sch.uk please', 'email'],
    ['ring 07700 900123 after 4', 'phone'],
    ['ring +44 7700 900123', 'phone'],
    ['ring +44 (0)161 496 0000', 'phone'],
    ['ring (0161) 496 0000', 'phone'],
    ['ring 020 7946 0018', 'phone'],
    ['DOB 03/04/2012', 'date-of-birth'],
    ['born 3.4.12', 'date-of-birth'],
    ['born on 3 April 2012', 'date-of-birth'],
    ['born 2012-04-03', 'date-of-birth'],
    ['born April 3rd, 2012', 'date-of-birth'],
    ['DOB 03042012', 'date-of-birth'],
  ])('finds %s', (text, kind) => {
    expect(kinds(text)).toEqual([kind]);
  });

  it.each([
    'Ten digits that fail the check: 987 654 4321',
    'She is in Year 9, aged 14, one of 28 pupils.',
    'Meeting at 10:30 in room 2.14, then 11.45 in B12.',
    'We met on 3 April and again on 17th May.',
    'Since September 2025 there have been 4 incidents.',
    'Childline 0800 1111, Samaritans 116 123, NHS 111, 999.',
    'KS4 pupils, Y10 2nd half term.',
    'Room B12 3rd floor.',
    'Score 12/20, then 7/10.',
    'The 2024-25 academic year.',
    'Started in September 2025. 561 636 pupils? No: 1,200 pupils.',
    'Refs 12.5 and 3.75; session 2 of 6 at 09.30-10.15.',
    'We met the team @ St.Mary\'s and tweeted @SchoolNurse about it.',
  ])('lets "%s" through', (text) => {
    expect(scanForIdentifiers(text)).toEqual([]);
  });

  it('reports positions, not text, and describes each kind for a person', () => {
    const text = 'Call 07700 900123.';
    expect(scanForIdentifiers(text)).toEqual([{ kind: 'phone', start: 5, end: 17 }]);
    expect(describeIdentifierKind('nhs-number')).toBe('an NHS or CHI number');
  });

  it('does not join numbers across a sentence end, so each is judged on its own', () => {
    expect(kinds('Referred in 2025. 943 476 5919 is on the letter.')).toEqual(['nhs-number']);
    expect(kinds('Trained on 5 Sept. 2020-04-18 is her date of birth.')).toEqual(['date-of-birth', 'date-of-birth']);
  });

  it('finds several identifiers in one text, in order', () => {
    expect(kinds('943 476 5919, SW1A 1AA, jo@x.org, 07700 900123, 03/04/2012')).toEqual(['nhs-number', 'postcode', 'email', 'phone', 'date-of-birth']);
  });
});

describe('scanForIdentifiers on a large generated set', () => {
  const corpus = generateCorpus(20261123, 700);

  function covers(matches: readonly IdentifierMatch[], sample: Sample): boolean {
    const e = sample.expected!;
    return matches.some((m) => m.kind === e.kind && m.start <= e.start && m.end >= e.end);
  }

  it('has thousands of samples across every family', () => {
    expect(corpus.length).toBeGreaterThan(9000);
    expect(corpus.filter((s) => s.expected).length).toBeGreaterThan(4500);
  });

  it('misses no valid identifier and flags no near miss (false negatives and false positives both counted)', () => {
    const falseNegatives: Sample[] = [];
    const falsePositives: { sample: Sample; found: IdentifierMatch[] }[] = [];
    for (const sample of corpus) {
      const found = scanForIdentifiers(sample.text);
      if (sample.expected) {
        if (!covers(found, sample)) falseNegatives.push(sample);
        const outside = found.filter((m) => m.end <= sample.expected!.start || m.start >= sample.expected!.end);
        if (outside.length > 0) falsePositives.push({ sample, found: outside });
      } else if (found.length > 0) {
        falsePositives.push({ sample, found });
      }
    }
    const show = (s: Sample, found?: IdentifierMatch[]) => `[${s.family}] ${JSON.stringify(s.text)}${found ? ` -> ${found.map((m) => `${m.kind}:${JSON.stringify(s.text.slice(m.start, m.end))}`).join(', ')}` : ''}`;
    expect({ falseNegatives: falseNegatives.length, examples: falseNegatives.slice(0, 10).map((s) => show(s)) }).toEqual({ falseNegatives: 0, examples: [] });
    expect({ falsePositives: falsePositives.length, examples: falsePositives.slice(0, 10).map((f) => show(f.sample, f.found)) }).toEqual({ falsePositives: 0, examples: [] });
  });
});

describe('scanForIdentifiers for texts about deadlines (datesFromYearAllowed)', () => {
  const kinds = (text: string) => scanForIdentifiers(text, { datesFromYearAllowed: 2026 }).map((m) => m.kind);
  it('lets a deadline this year or later through and still finds a date of birth years back', () => {
    expect(kinds('Policy to governors by 31/03/2027, then review on 12 March 2026')).toEqual([]);
    expect(kinds('Pupil born 14/02/2013 needs a plan')).toEqual(['date-of-birth']);
    expect(kinds('Due 31/03/27; child dob 3.4.15')).toEqual(['date-of-birth']);
  });
  it('still finds every other kind', () => {
    expect(kinds('Call mum on 07700 900123 or email jo@example.com')).toEqual(['phone', 'email']);
  });
});
