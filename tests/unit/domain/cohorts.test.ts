import { cohortIdFor, cohortNameProblems, memberLines, mergeMembers, parseEmails } from '../../../bot/domain/cohorts';

describe('pasted member lists', () => {
  it('reads addresses separated by lines, commas, semicolons and Outlook "Name <address>" forms, without duplicates', () => {
    const pasted = 'Amy Head <Amy.Head@school.sch.uk>; ben.smith@nhs.net,\ncara@council.gov.uk\n\nben.smith@NHS.net';
    expect(parseEmails(pasted)).toEqual({ valid: ['amy.head@school.sch.uk', 'ben.smith@nhs.net', 'cara@council.gov.uk'], invalid: [] });
  });

  it('lists what is not an address', () => {
    expect(parseEmails('amy@school.sch.uk, not-an-email, bob@').invalid).toEqual(['not-an-email', 'bob@']);
  });
});

describe('cohort names and ids', () => {
  it('gives the same id for the same name however it is spaced or capitalised', () => {
    expect(cohortIdFor('Salford  cohort 3 ')).toBe(cohortIdFor('salford Cohort 3'));
    expect(cohortIdFor('Salford cohort 3')).not.toBe(cohortIdFor('Salford cohort 4'));
  });

  it('refuses names Teams does not allow for channels', () => {
    expect(cohortNameProblems('Salford: 3')).toHaveLength(1);
    expect(cohortNameProblems('ab')).toHaveLength(1);
    expect(cohortNameProblems('Salford Cohort 3')).toEqual([]);
  });

  it('keeps existing members\' progress when more are added', () => {
    const merged = mergeMembers([{ email: 'a@x.org', status: 'added', userId: 'u1' }], ['a@x.org', 'b@x.org']);
    expect(merged).toEqual([{ email: 'a@x.org', status: 'added', userId: 'u1' }, { email: 'b@x.org', status: 'pending' }]);
  });
});

describe('member lines on cards', () => {
  it('puts people who need attention first and stays short for big cohorts', () => {
    const members = [
      ...Array.from({ length: 70 }, (_, i) => ({ email: `p${i}@x.org`, status: 'added' as const })),
      { email: 'late@x.org', status: 'not-found' as const },
    ];
    const lines = memberLines(members, 60);
    expect(lines[0]).toBe('late@x.org: not found in your directory; invite them as a guest first, then run this again');
    expect(lines).toHaveLength(61);
    expect(lines[60]).toBe('…and 11 more, all added');
  });
});
