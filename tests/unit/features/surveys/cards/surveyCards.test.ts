// Survey cards: the verbs in the templates are the handlers' constants, and every card stays under the Teams size limit.
import path from 'node:path';
import { VERB as ANSWER } from '../../../../../bot/features/surveys/cardActions/surveyAnswer';
import { VERB as SHOW } from '../../../../../bot/features/surveys/cardActions/surveyShow';
import { surveyResultsCard } from '../../../../../bot/features/surveys/cards/surveyResults';
import { pageView, savedView } from '../../../../../bot/features/surveys/cards/surveyViews';
import type { SurveyRun } from '../../../../../bot/features/surveys/domain/runs';
import type { Services } from '../../../../../bot/platform/services';
import { CardRenderer, MAX_CARD_BYTES } from '../../../../../bot/platform/cards/render';
import { SurveyDefinitions } from '../../../../../bot/features/surveys/definitions';

const root = path.join(__dirname, '..', '..', '..', '..', '..');
const cards = new CardRenderer();
const services = { cards } as unknown as Services;
const surveys = new SurveyDefinitions(path.join(root, 'bot', 'features', 'surveys', 'data'));
const run = (kind: 'cascade' | 'pulse'): SurveyRun => ({
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  targetId: '19:team@thread.tacv2',
  runId: '5b8f2c1e-0d3a-4c6b-9e7f-1a2b3c4d5e6f',
  kind,
  phase: 'follow-up',
  label: 'A cohort with a fairly long name for its team in Teams',
  confidential: false,
  conversationId: '19:team@thread.tacv2',
  openedAt: new Date('2026-11-23T10:00:00Z'),
  closesAt: new Date('2026-12-18T23:59:00Z'),
  openedBy: 'x',
  members: [],
  salt: 's',
});
const sixtyUsers = Array.from({ length: 60 }, (_, i) => `29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL${i}`);
const bytes = (card: unknown) => Buffer.byteLength(JSON.stringify(card), 'utf8');

describe('survey cards', () => {
  it.each(['cascade', 'pulse'] as const)('renders every %s page with Action.Execute verbs from the handlers, under the size limit', (kind) => {
    const survey = surveys.get(kind);
    for (const page of survey.pages) {
      const card = pageView(services, { survey, run: run(kind), userIds: sixtyUsers, now: new Date('2026-11-24T10:00:00Z') }, page, undefined);
      expect(card.actions).toEqual([expect.objectContaining({ type: 'Action.Execute', verb: ANSWER, data: { run: run(kind).runId, target: run(kind).targetId, page: page.id } })]);
      expect(card.refresh).toMatchObject({ action: { type: 'Action.Execute', verb: SHOW }, userIds: sixtyUsers });
      expect(bytes(card)).toBeLessThan(MAX_CARD_BYTES);
    }
  });

  it('shows a full CASCADE response with an Edit button per card', () => {
    const survey = surveys.get('cascade');
    const pages = Object.fromEntries(survey.pages.map((p) => [p.id, Object.fromEntries(p.questions.map((q) => [q.id, q.type === 'rating' ? 3 : 'x'.repeat(500)]))]));
    const card = savedView(services, { survey, run: run('cascade'), userIds: ['29:a'], now: new Date('2026-11-24T10:00:00Z') }, { respondent: 'a', pages, updated: new Date() }, 'Saved');
    expect((card.actions as { verb: string; title: string }[]).map((a) => [a.verb, a.title])).toEqual(survey.pages.map((p) => [SHOW, `Edit: ${p.title}`]));
    expect(bytes(card)).toBeLessThan(MAX_CARD_BYTES);
  });

  it('keeps the fullest results card (CASCADE with comparison and the most next actions shown) under the size limit', () => {
    const long = 'x'.repeat(199);
    const card = cards.render(surveyResultsCard, {
      title: 'CASCADE results: A cohort with a fairly long name for its team in Teams',
      subtitle: 'Follow-up opened Monday 23 November 2026 · 60 people answered.',
      chart: {
        title: 'Where we are now and where we want to be in a year (mean, 1-5)',
        xAxisTitle: 'CASCADE dimension',
        yAxisTitle: 'Mean rating',
        series: ['Now', 'In a year'].map((legend) => ({ legend, values: Array.from({ length: 7 }, (_, i) => ({ x: `${i + 1}. C`, y: 3.45 })) })),
        facts: Array.from({ length: 7 }, (_, i) => ({ title: `${i + 1}. C`, value: 'now 3.4, in a year 4.6' })),
      },
      dimensions: Array.from({ length: 7 }, (_, i) => ({
        heading: `${i + 1}. C · Clarity on roles, remit and responsibilities of all partners involved in supporting children and young people's mental health`,
        facts: [
          { title: 'Now', value: '3.4 (n=60) · 1:10 2:10 3:10 4:10 5:20' },
          { title: 'In a year', value: '4.6 (n=60) · 1:10 2:10 3:10 4:10 5:20' },
          { title: 'Gap', value: '+1.2 (in a year − now)' },
          { title: 'Now, baseline → follow-up', value: '3.4 (n=60) → 4.6 (n=58): +1.2' },
          { title: 'In a year, baseline → follow-up', value: '3.4 (n=60) → 4.6 (n=58): +1.2' },
        ],
      })),
      changes: [],
      nextActions: Array.from({ length: 15 }, () => `${long}…`),
      footnote: 'Figures based on fewer than 3 responses are hidden so that no one\'s answers can be read off.',
    });
    const chart = (card.body as { type: string; fallback?: { type: string } }[]).find((b) => b.type === 'Chart.VerticalBar.Grouped');
    expect(chart?.fallback?.type).toBe('FactSet');
    expect(bytes(card)).toBeLessThan(MAX_CARD_BYTES);
  });
});
