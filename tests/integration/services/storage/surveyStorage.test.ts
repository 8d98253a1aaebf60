// The survey tables on real Azurite: one row per respondent per run, saves refused once a run closes, reads of one partition.
import { RESPONSES_TABLE, ResponseRepository, allAnswers } from '../../../../bot/services/storage/responseRepository';
import { SURVEY_RUNS_TABLE, SurveyRunRepository } from '../../../../bot/services/storage/surveyRunRepository';
import type { SurveyRun } from '../../../../bot/domain/surveys/runs';
import { testStorage } from '../../../support/storage';

const now = new Date('2026-11-23T10:00:00Z');
const run = (runId: string, targetId = '19:team@thread.tacv2'): SurveyRun => ({
  targetId,
  runId,
  kind: 'cascade',
  phase: 'baseline',
  label: 'Oldham',
  confidential: false,
  conversationId: targetId,
  openedAt: now,
  openedBy: 'coordinator',
  members: ['AAAA-1'],
  salt: 'salt',
});

describe('survey storage', () => {
  it('keeps one row per respondent: pages merge, a repeat replaces, and other runs stay out of a run\'s read', async () => {
    const storage = await testStorage([RESPONSES_TABLE]);
    const responses = new ResponseRepository(storage);
    await responses.openRun('run-1', now);
    await responses.openRun('run-2', now);
    expect(await responses.savePage('run-1', 'AAAA-1', 'p1', { clarity_now: 2 }, now)).toBe(true);
    expect(await responses.savePage('run-1', 'aaaa-1', 'p2', { outcomes_now: 3 }, now)).toBe(true);
    expect(await responses.savePage('run-1', 'aaaa-1', 'p1', { clarity_now: 4 }, new Date('2026-11-23T11:00:00Z'))).toBe(true);
    expect(await responses.savePage('run-2', 'aaaa-1', 'p1', { clarity_now: 1 }, now)).toBe(true);
    const rows = await responses.listRun('run-1');
    expect(rows).toHaveLength(1);
    expect(allAnswers(rows[0]!)).toEqual({ clarity_now: 4, outcomes_now: 3 });
    expect(rows[0]!.updated).toEqual(new Date('2026-11-23T11:00:00Z'));
  });

  it('refuses every save once the run is closed, and for a run that was never opened', async () => {
    const storage = await testStorage([RESPONSES_TABLE]);
    const responses = new ResponseRepository(storage);
    await responses.openRun('run-1', now);
    expect(await responses.savePage('run-1', 'aaaa-1', 'p1', { clarity_now: 2 }, now)).toBe(true);
    await responses.closeRun('run-1');
    await responses.closeRun('run-1');
    expect(await responses.savePage('run-1', 'aaaa-1', 'p1', { clarity_now: 5 }, now)).toBe(false);
    expect(await responses.savePage('run-1', 'bbbb-2', 'p1', { clarity_now: 5 }, now)).toBe(false);
    expect(await responses.savePage('never-opened', 'bbbb-2', 'p1', { clarity_now: 5 }, now)).toBe(false);
    expect((await responses.listRun('run-1')).map((r) => allAnswers(r))).toEqual([{ clarity_now: 2 }]);
    expect(await responses.listRun('never-opened')).toEqual([]);
  });

  it('lets concurrent saves by many people all land', async () => {
    const storage = await testStorage([RESPONSES_TABLE]);
    const responses = new ResponseRepository(storage);
    await responses.openRun('busy', now);
    const people = Array.from({ length: 40 }, (_, i) => `person-${i}`);
    const results = await Promise.all(people.flatMap((p) => [responses.savePage('busy', p, 'p1', { knowledge: 3 }, now), responses.savePage('busy', p, 'p1', { knowledge: 4 }, now)]));
    expect(results.every(Boolean)).toBe(true);
    const rows = await responses.listRun('busy');
    expect(rows).toHaveLength(40);
  });

  it('stores runs per target and reads back a closed run as closed', async () => {
    const storage = await testStorage([SURVEY_RUNS_TABLE]);
    const runs = new SurveyRunRepository(storage);
    await runs.create(run('r1'));
    await runs.create({ ...run('r2'), closesAt: new Date('2026-12-18T23:59:00Z') });
    await runs.create(run('r3', '19:other@thread.tacv2'));
    expect((await runs.listForTarget('19:team@thread.tacv2')).map((r) => r.runId).sort()).toEqual(['r1', 'r2']);
    const cached = await runs.getForAnswer('19:team@thread.tacv2', 'r1');
    expect(cached).toMatchObject({ members: ['aaaa-1'], closedAt: undefined });
    await runs.close(cached!, new Date('2026-11-30T12:00:00Z'));
    expect(await runs.getForAnswer('19:team@thread.tacv2', 'r1')).toMatchObject({ closedAt: new Date('2026-11-30T12:00:00Z') });
    expect(await runs.get('19:team@thread.tacv2', 'r2')).toMatchObject({ closesAt: new Date('2026-12-18T23:59:00Z'), closedAt: undefined });
    expect(await runs.get('19:team@thread.tacv2', 'nope')).toBeUndefined();
  });
});
