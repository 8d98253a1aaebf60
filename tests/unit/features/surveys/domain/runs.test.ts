// Run options, open/closed and who may answer.
import { isOpen, latestRun, mayAnswer, parseStartArgs, parseSurveyArgs } from '../../../../../bot/features/surveys/domain/runs';

describe('survey runs', () => {
  it('reads options from the end of the command, leaving the cohort name', () => {
    expect(parseStartArgs('Salford cohort 3 follow-up confidential closes 2026-12-18')).toEqual({
      name: 'Salford cohort 3',
      phase: 'follow-up',
      confidential: true,
      closesOn: '2026-12-18',
    });
    expect(parseStartArgs('')).toEqual({ name: '', phase: 'baseline', confidential: false, closesOn: undefined });
    expect(parseStartArgs('Oldham baseline')).toMatchObject({ name: 'Oldham', phase: 'baseline' });
  });

  it('says a phase was given only when a phase word ends the command, so a cohort called "Baseline group" names none', () => {
    expect(parseSurveyArgs('Baseline group')).toMatchObject({ options: { name: 'Baseline group' }, phaseGiven: false });
    expect(parseSurveyArgs('Baseline group follow-up')).toMatchObject({ options: { name: 'Baseline group', phase: 'follow-up' }, phaseGiven: true });
    expect(parseSurveyArgs('Salford followup confidential')).toMatchObject({ options: { name: 'Salford', phase: 'follow-up', confidential: true }, phaseGiven: true });
  });

  it('is open from its open time until the earlier of its close time and an early close', () => {
    const run = { openedAt: new Date('2026-11-23T10:00:00Z'), closesAt: new Date('2026-12-18T23:59:00Z') };
    expect(isOpen(run, new Date('2026-11-23T09:59:59Z'))).toBe(false);
    expect(isOpen(run, new Date('2026-12-18T23:58:59Z'))).toBe(true);
    expect(isOpen(run, new Date('2026-12-18T23:59:00Z'))).toBe(false);
    expect(isOpen({ ...run, closedAt: new Date('2026-12-01T12:00:00Z') }, new Date('2026-12-02T00:00:00Z'))).toBe(false);
    expect(isOpen({ openedAt: run.openedAt }, new Date('2030-01-01T00:00:00Z'))).toBe(true);
  });

  it('lets members answer, and anyone inside the posted conversation unless the run is confidential', () => {
    const run = { members: ['6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b'], confidential: false, conversationId: '19:abc@thread.tacv2' };
    expect(mayAnswer(run, '6F1C2A9E-3B4D-4E5F-8A7B-9C0D1E2F3A4B', 'a:personal')).toBe(true);
    expect(mayAnswer(run, 'someone-else', '19:abc@thread.tacv2;messageid=123')).toBe(true);
    expect(mayAnswer(run, 'someone-else', 'a:personal')).toBe(false);
    expect(mayAnswer({ ...run, confidential: true }, 'someone-else', '19:abc@thread.tacv2;messageid=123')).toBe(false);
  });

  it("lets only a cohort's listed members answer, even from inside the channel", () => {
    const run = { members: ['6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b'], membersOnly: true, confidential: false, conversationId: '19:abc@thread.tacv2' };
    expect(mayAnswer(run, '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b', '19:abc@thread.tacv2;messageid=123')).toBe(true);
    expect(mayAnswer(run, 'someone-else', '19:abc@thread.tacv2;messageid=123')).toBe(false);
  });

  it('finds the newest run of a kind and phase', () => {
    const runs = [
      { kind: 'pulse', phase: 'baseline', openedAt: new Date('2026-01-01'), id: 1 },
      { kind: 'pulse', phase: 'follow-up', openedAt: new Date('2026-10-01'), id: 2 },
      { kind: 'pulse', phase: 'baseline', openedAt: new Date('2026-02-01'), id: 3 },
      { kind: 'cascade', phase: 'baseline', openedAt: new Date('2026-12-01'), id: 4 },
    ] as const;
    expect(latestRun(runs, 'pulse')?.id).toBe(2);
    expect(latestRun(runs, 'pulse', 'baseline')?.id).toBe(3);
    expect(latestRun(runs, 'cascade', 'follow-up')).toBeUndefined();
  });
});
