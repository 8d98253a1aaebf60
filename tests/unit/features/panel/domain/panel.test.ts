// The panel's pure rules: the case form (choices, caps), the identifier problems it reports, references, create args.
import {
  MAX_FREE_TEXT,
  describeIdentifierProblems,
  formatCaseReference,
  identifierProblems,
  nextMeeting,
  panelCaseFormSchema,
  parseCaseReference,
  parsePanelCreateArgs,
} from '../../../../../bot/features/panel/domain/panel';

const form = {
  area: 'telford',
  ageBand: '12-14',
  yearGroup: 'Year 9',
  needs: 'Anxiety,Low mood',
  duration: '3-6 months',
  tried: 'ELSA sessions',
  asking: 'What next?',
  urgency: 'Routine (next panel)',
};

describe('the panel case form', () => {
  it('accepts the card\'s answers, splitting the multi-select needs', () => {
    expect(panelCaseFormSchema.parse(form).needs).toEqual(['Anxiety', 'Low mood']);
  });

  it('refuses answers that are not on the card\'s lists', () => {
    const result = panelCaseFormSchema.safeParse({ ...form, yearGroup: 'Year 14', needs: 'Anxiety,Something typed' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual(['Choose one option for "Year group".', 'Choose from the list for "Presenting needs".']);
  });

  it('caps free text', () => {
    const result = panelCaseFormSchema.safeParse({ ...form, tried: 'x'.repeat(MAX_FREE_TEXT + 1) });
    expect(result.error?.issues[0]?.message).toBe(`Keep "What has been tried" to ${MAX_FREE_TEXT} characters or fewer.`);
  });
});

describe('identifier problems', () => {
  it('names each field and kind, never the identifier', () => {
    const problems = identifierProblems({ tried: 'Call 07700 900123 or email a@b.com', asking: 'fine' }, { tried: 'What has been tried', asking: 'Asking' });
    expect(describeIdentifierProblems(problems)).toEqual(['Remove a phone number and an email address from "What has been tried".']);
  });

  it('says how to write a date that is fine when a full date is found', () => {
    const problems = identifierProblems({ asking: 'Since 03/04/2025' }, { asking: 'Asking' });
    expect(describeIdentifierProblems(problems)).toEqual([
      'Remove a full date (a possible date of birth) from "Asking".',
      'Dates are fine without the day or the year, e.g. "3 April" or "April 2026".',
    ]);
  });
});

describe('case references and panel set-up', () => {
  it('formats and parses references like P-2026-014', () => {
    expect(formatCaseReference(2026, 14)).toBe('P-2026-014');
    expect(parseCaseReference('p-2026-14')).toBeUndefined();
    expect(parseCaseReference(' p-2026-014 ')).toEqual({ reference: 'P-2026-014', year: 2026, sequence: 14 });
    expect(formatCaseReference(2026, 1234)).toBe('P-2026-1234');
  });

  it('parses an area and meeting dates, refusing impossible dates', () => {
    expect(parsePanelCreateArgs('Telford 2027-01-14, 2026-12-03 2026-12-03')).toEqual({ areaId: 'telford', meetings: ['2026-12-03', '2027-01-14'] });
    expect(parsePanelCreateArgs('telford 2026-02-30')).toHaveProperty('problem');
    expect(parsePanelCreateArgs('telford')).toHaveProperty('problem');
    expect(parsePanelCreateArgs('Tel ford! 2026-12-03')).toHaveProperty('problem');
  });

  it('finds the next meeting on or after today', () => {
    expect(nextMeeting(['2026-12-03', '2027-01-14'], '2026-12-03')).toBe('2026-12-03');
    expect(nextMeeting(['2026-12-03', '2027-01-14'], '2026-12-04')).toBe('2027-01-14');
    expect(nextMeeting(['2026-12-03'], '2027-01-01')).toBeUndefined();
  });
});
