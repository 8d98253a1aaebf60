// A small area's programme for the dashboard tests, written through the features' own repositories: Salford's register
// (four schools and a service), one cohort in a channel with its members linked to schools, attendance at both
// workshops, a pulse baseline (4 people) and follow-up (3 people, one question answered by only 1 of them) and a
// CASCADE run answered by 2 people, so the dashboard and the report show real figures and suppressed ones.
import type { Cohort } from '../../bot/features/cohorts';
import type { Services } from '../../bot/platform/services';

export const PROGRAMME_AREA = 'salford';
export const PROGRAMME_COHORT_ID = 'c0ffee00c0ffee00c0ffee01';
export const PROGRAMME_COHORT_NAME = 'Salford Cohort 1';
export const PROGRAMME_CHANNEL = '19:5a1f0rd0c0h0r71@thread.tacv2';

/** What the seeded figures come to, as a person reads them on the page or in the report. */
export const EXPECTED = {
  /** 2 of the 4 schools were at both workshops: St Mary's (primary) and Buile Hill (secondary). */
  uptake: '2 of 4 open schools have taken part (50%)',
  /** The mean of 4, 4, 5, 3 for contact frequency at baseline; 5, 5, 4 at follow-up. */
  contactBaseline: '4.00 (n=4',
  contactFollowUp: '4.67 (n=3',
  contactChange: '+0.67',
  schoolNotYet: 'Lower Kersal Primary',
} as const;

const PULSE_QUESTIONS = ['contact_frequency', 'communication', 'relationships', 'referral_routes', 'knowledge', 'referral_handling', 'referral_timeliness', 'referral_appropriateness'] as const;

function pulseAnswers(contact: number, rest: number, withHandling = true): Record<string, number> {
  const answers: Record<string, number> = {};
  for (const id of PULSE_QUESTIONS) answers[id] = id === 'contact_frequency' ? contact : id === 'referral_handling' ? Math.min(rest, 4) : rest;
  if (!withHandling) delete answers.referral_handling;
  return answers;
}

export async function seedProgramme(services: Services, tenantId: string, coordinatorAad: string, now: Date): Promise<void> {
  const area = await services.schools.repository.area(tenantId, PROGRAMME_AREA);
  await services.schools.repository.replace(
    tenantId,
    PROGRAMME_AREA,
    [
      { urn: '105900', name: 'St Mary’s RC Primary School', kind: 'school', phase: 'primary', postcode: 'M27 4AS' },
      { urn: '105901', name: 'Lower Kersal Primary', kind: 'school', phase: 'primary' },
      { urn: '105902', name: 'Buile Hill Academy', kind: 'school', phase: 'secondary' },
      { urn: '105903', name: 'Oakwood Academy', kind: 'school', phase: 'special' },
      { urn: 'S1', name: 'Salford CYPMHS', kind: 'service', phase: 'other' },
    ],
    { generation: 'g1', importedBy: coordinatorAad, now, ...(area ? { expected: area } : {}) },
  );
  const people = ['amy@stmarys.sch.uk', 'ben@builehill.sch.uk', 'kit@lowerkersal.sch.uk', 'cam@cypmhs.nhs.uk'];
  const cohort: Cohort = {
    tenantId,
    id: PROGRAMME_COHORT_ID,
    name: PROGRAMME_COHORT_NAME,
    areaId: PROGRAMME_AREA,
    teamConversationId: '19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2',
    teamAadGroupId: '2b4c6d8e-0f1a-4b3c-8d5e-7f9a1b3c5d7e',
    membershipType: 'standard',
    channelId: PROGRAMME_CHANNEL,
    members: people.map((email, i) => ({ email, status: 'added' as const, userId: `0000000${i}-0000-4000-8000-00000000000${i}` })),
    status: 'ready',
    createdBy: coordinatorAad,
    created: now,
    updated: now,
  };
  await services.cohorts.insertOrGet(cohort);
  const link = (email: string, urn: string) => ({ email, urn, schoolName: urn, areaId: PROGRAMME_AREA, linkedBy: 'coordinator' as const, linked: now });
  await services.schoolLinks.save(tenantId, PROGRAMME_COHORT_ID, [link(people[0]!, '105900'), link(people[1]!, '105902'), link(people[2]!, '105901'), link(people[3]!, 'S1')]);
  const attended = (number: 1 | 2, emails: string[]) => services.attendance.save(tenantId, PROGRAMME_COHORT_ID, { number, attended: emails, confirmedBy: coordinatorAad, confirmed: now, fromReport: false });
  await attended(1, people);
  await attended(2, [people[0]!, people[1]!]);

  const run = async (runId: string, kind: 'pulse' | 'cascade', phase: 'baseline' | 'follow-up', answers: readonly Record<string, number>[]) => {
    await services.surveyRuns.create({
      tenantId,
      targetId: PROGRAMME_CHANNEL,
      runId,
      kind,
      phase,
      label: PROGRAMME_COHORT_NAME,
      confidential: false,
      conversationId: PROGRAMME_CHANNEL,
      openedAt: new Date(now.getTime() - 86_400_000),
      closedAt: new Date(now.getTime() - 3_600_000),
      openedBy: coordinatorAad,
      members: cohort.members.map((member) => member.userId ?? ''),
      salt: `salt-${runId}`,
    });
    await Promise.all(answers.map((page, i) => services.responses.savePage(runId, cohort.members[i]?.userId ?? `r${i}`, 'p1', page, now)));
  };
  await run('pulse-baseline-1', 'pulse', 'baseline', [pulseAnswers(4, 3), pulseAnswers(4, 2), pulseAnswers(5, 3), pulseAnswers(3, 2)]);
  await run('pulse-follow-up-1', 'pulse', 'follow-up', [pulseAnswers(5, 4), pulseAnswers(5, 4, false), pulseAnswers(4, 5, false)]);
  await run('cascade-1', 'cascade', 'baseline', [{ clarity_now: 2, clarity_year: 4 }, { clarity_now: 3, clarity_year: 5 }]);
}
