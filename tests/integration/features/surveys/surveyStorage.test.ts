// The survey tables on real Azurite: one row per respondent per run, reads of one partition, and an early close that
// every instance agrees on even though submits read runs from a per-instance cache.
import { isOpen, type SurveyRun } from '../../../../bot/features/surveys/domain/runs';
import { allAnswers } from '../../../../bot/features/surveys/domain/answers';
import { RESPONSES_TABLE, ResponseRepository } from '../../../../bot/features/surveys/responseRepository';
import { CLOSE_GRACE_MS, RUN_CACHE_MS, SURVEY_RUNS_TABLE, SurveyRunRepository } from '../../../../bot/features/surveys/surveyRunRepository';
import { testStorage } from '../../../support/storage';

const now = new Date('2026-11-23T10:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const TEAM = '19:team@thread.tacv2';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = '4a1e2f3b-5c6d-4e7f-8a9b-0c1d2e3f4a5b';
const run = (runId: string, targetId = TEAM, tenantId = TENANT): SurveyRun => ({
  tenantId,
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
    await responses.savePage('run-1', 'AAAA-1', 'p1', { clarity_now: 2 }, now);
    await responses.savePage('run-1', 'aaaa-1', 'p2', { outcomes_now: 3 }, now);
    await responses.savePage('run-1', 'aaaa-1', 'p1', { clarity_now: 4 }, later(60_000));
    await responses.savePage('run-2', 'aaaa-1', 'p1', { clarity_now: 1 }, now);
    const rows = await responses.listRun('run-1');
    expect(rows).toHaveLength(1);
    expect(allAnswers(rows[0]!)).toEqual({ clarity_now: 4, outcomes_now: 3 });
    expect(rows[0]!.updated).toEqual(later(60_000));
    expect(await responses.listRun('never-answered')).toEqual([]);
  });

  it('lets concurrent saves by many people, twice each, land as one row per person', async () => {
    const storage = await testStorage([RESPONSES_TABLE]);
    const responses = new ResponseRepository(storage);
    const people = Array.from({ length: 40 }, (_, i) => `person-${i}`);
    await Promise.all(people.flatMap((p) => [responses.savePage('busy', p, 'p1', { knowledge: 3 }, now), responses.savePage('busy', p, 'p1', { knowledge: 4 }, now)]));
    expect(await responses.listRun('busy')).toHaveLength(40);
  });

  it('stores runs per target', async () => {
    const storage = await testStorage([SURVEY_RUNS_TABLE]);
    const runs = new SurveyRunRepository(storage);
    await runs.create(run('r1'));
    await runs.create({ ...run('r2'), closesAt: new Date('2026-12-18T23:59:00Z') });
    await runs.create(run('r3', '19:other@thread.tacv2'));
    expect((await runs.listForTarget(TENANT, TEAM)).map((r) => r.runId).sort()).toEqual(['r1', 'r2']);
    expect(await runs.get(TENANT, TEAM, 'r2')).toMatchObject({ members: ['aaaa-1'], closesAt: new Date('2026-12-18T23:59:00Z'), closedAt: undefined });
    expect(await runs.get(TENANT, TEAM, 'nope')).toBeUndefined();
  });

  it('keeps two tenants\' runs for the same target id apart (cohort ids are a hash of the name, so they repeat)', async () => {
    const storage = await testStorage([SURVEY_RUNS_TABLE]);
    const runs = new SurveyRunRepository(storage);
    const cohortId = 'a1b2c3d4e5f6a1b2c3d4e5f6';
    await runs.create(run('ours', cohortId, TENANT));
    await runs.create(run('theirs', cohortId, OTHER_TENANT));
    expect((await runs.listForTarget(TENANT, cohortId)).map((r) => [r.tenantId, r.runId])).toEqual([[TENANT, 'ours']]);
    expect((await runs.listForTarget(OTHER_TENANT, cohortId)).map((r) => [r.tenantId, r.runId])).toEqual([[OTHER_TENANT, 'theirs']]);
    expect(await runs.get(OTHER_TENANT, cohortId, 'ours')).toBeUndefined();
    expect(await runs.getForAnswer(OTHER_TENANT, cohortId, 'ours', now)).toBeUndefined();
    expect((await runs.getForAnswer(TENANT, cohortId, 'ours', now))?.targetId).toBe(cohortId);
  });

  it('closes early at an instant every instance sees before it arrives, despite their cached copies', async () => {
    const storage = await testStorage([SURVEY_RUNS_TABLE]);
    const closer = new SurveyRunRepository(storage);
    const otherInstance = new SurveyRunRepository(storage);
    await closer.create(run('r1'));
    // The other instance read the run just before the close, so its copy says open.
    const stale = await otherInstance.getForAnswer(TENANT, TEAM, 'r1', now);
    expect(stale && isOpen(stale, now)).toBe(true);
    const closesAt = await closer.close(stale!, later(1_000));
    expect(closesAt).toEqual(later(1_000 + CLOSE_GRACE_MS));
    // Until its copy expires it may still accept answers, but only because the close has not arrived yet.
    for (const at of [later(2_000), later(RUN_CACHE_MS - 1)]) {
      const copy = await otherInstance.getForAnswer(TENANT, TEAM, 'r1', at);
      expect(isOpen(copy!, at)).toBe(at.getTime() < closesAt.getTime());
    }
    // Its copy is refreshed before the closing instant, and from then on every answer is refused.
    const fresh = await otherInstance.getForAnswer(TENANT, TEAM, 'r1', later(RUN_CACHE_MS + 1));
    expect(fresh?.closedAt).toEqual(closesAt);
    expect(isOpen(fresh!, closesAt)).toBe(false);
    expect(RUN_CACHE_MS).toBeLessThan(CLOSE_GRACE_MS);
  });
});
