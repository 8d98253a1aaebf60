import { cohortIdFor, cohortNameProblems, describeNotInvited, inviteesOf, memberLines, membersWithoutMail, mergeMembers, parseEmails, type CohortMember } from '../../../../../bot/features/cohorts/domain/cohorts';

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

describe('who a workshop invitation goes to', () => {
  const members: CohortMember[] = [
    { email: 'amy.head@school.sch.uk', status: 'added', userId: 'u1', mail: 'Amy.Head@school.sch.uk' },
    { email: 'meganb@contoso.onmicrosoft.com', status: 'added', userId: 'u2', name: 'Megan Bowen', mail: 'megan.bowen@contoso.org' },
    { email: 'megan.bowen@contoso.org', status: 'added', userId: 'u2', name: 'Megan Bowen', mail: 'megan.bowen@contoso.org' },
    { email: 'ben.smith@nhs.net', status: 'failed', userId: 'u3', guest: true, mail: 'ben.smith@nhs.net', errorCode: 'NotFound' },
    { email: 'cara@unknwon.sch.uk', status: 'not-found' },
    { email: 'dan@school.sch.uk', status: 'pending' },
    { email: 'room@contoso.org', status: 'added', userId: 'u4', name: 'Room B', mail: null },
    { email: 'old@contoso.org', status: 'added', userId: 'u5' },
  ];

  it('invites resolved members at the directory mail address, each address once, guests and failed adds included', () => {
    const { addresses, invited } = inviteesOf(members);
    expect(addresses).toEqual(['amy.head@school.sch.uk', 'megan.bowen@contoso.org', 'ben.smith@nhs.net']);
    expect(invited).toHaveLength(4);
  });

  it('names everyone else with the reason, and never an address as typed for them', () => {
    const { addresses, notInvited } = inviteesOf(members);
    expect(notInvited.map((n) => [n.member.email, n.reason])).toEqual([
      ['cara@unknwon.sch.uk', 'not-found'],
      ['dan@school.sch.uk', 'not-looked-up'],
      ['room@contoso.org', 'no-mailbox'],
      ['old@contoso.org', 'not-looked-up'],
    ]);
    expect(addresses).not.toContain('cara@unknwon.sch.uk');
    expect(describeNotInvited(members[4]!, 'not-found', 'Salford Cohort 3')).toContain('run "cohort add Salford Cohort 3 cara@unknwon.sch.uk"');
    expect(describeNotInvited(members[6]!, 'no-mailbox', 'Salford Cohort 3')).toMatch(/^Room B \(room@contoso.org\): not invited, the directory has no mailbox/);
  });

  it('finds the members whose mail address was never recorded', () => {
    expect(membersWithoutMail(members).map((m) => m.email)).toEqual(['old@contoso.org']);
  });
});
