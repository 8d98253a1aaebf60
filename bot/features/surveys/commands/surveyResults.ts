// `cascade results` / `pulse results` (coordinators and the cohort's facilitator): charts and figures, small numbers hidden.
import { surveyResultsCard } from '../cards/surveyResults';
import { describeLondonDate } from '../../../domain/londonTime';
import { allAnswers, type Answers } from '../domain/answers';
import type { Survey, SurveyKind } from '../domain/definition';
import { latestRun, type SurveyRun } from '../domain/runs';
import { compareRuns, MIN_RESPONDENTS, summariseRun, type ChangeResult, type ItemResult, type RunResults } from '../domain/results';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';
import { requireResultsAccess } from '../resultsAccess';
import { noticeCard } from '../../../platform/cards/notice';

export const cascadeResultsRoute = {
  name: 'cascade results',
  usage: 'cascade results <cohort>',
  description: 'CASCADE results for a cohort: now vs in a year per dimension, and baseline vs follow-up.',
  audience: 'facilitator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export const pulseResultsRoute = {
  name: 'pulse results',
  usage: 'pulse results <cohort>',
  description: 'Pulse survey results for a cohort, baseline compared with follow-up.',
  audience: 'facilitator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export const cascadeResults = (input: CommandInput, services: Services): Promise<Reply> => results('cascade', input, services);
export const pulseResults = (input: CommandInput, services: Services): Promise<Reply> => results('pulse', input, services);

export const SUPPRESSED = `fewer than ${MIN_RESPONDENTS} responses`;
const MAX_NEXT_ACTIONS = 15;
const MAX_NEXT_ACTION_CHARS = 200;

async function results(kind: SurveyKind, input: CommandInput, services: Services): Promise<Reply> {
  const target = await services.surveyTargets.resolve(input.caller, input.args, input.place);
  await requireResultsAccess(input.caller, target, services);
  const survey = services.surveys.get(kind);
  const runs = await services.surveyRuns.listForTarget(input.caller.tenantId, target.targetId);
  const latest = latestRun(runs, kind);
  if (!latest) {
    return reply.card(
      services.cards.render(noticeCard, { title: 'No results yet', message: `No ${kind === 'cascade' ? 'CASCADE' : 'pulse'} survey has run for ${target.label}. Start one with "${kind} start".` }),
    );
  }
  const baseline = latestRun(runs, kind, 'baseline');
  const followUp = latestRun(runs, kind, 'follow-up');
  const wanted = [...new Set([latest, baseline, followUp].filter((r): r is SurveyRun => r !== undefined))];
  // Each run's responses are one partition.
  const answersByRun = new Map(
    await Promise.all(wanted.map(async (run) => [run.runId, (await services.responses.listRun(run.runId)).map(allAnswers)] as const)),
  );
  const summary = summariseRun(survey, answersByRun.get(latest.runId) ?? []);
  const changes = baseline && followUp ? compareRuns(survey, answersByRun.get(baseline.runId) ?? [], answersByRun.get(followUp.runId) ?? []) : [];
  const card = kind === 'cascade' ? cascadeCard(survey, latest, summary, changes) : pulseCard(survey, latest, summary, changes, baseline, followUp, answersByRun);
  services.logger.info({ event: 'survey.results', run: latest.runId, respondents: summary.respondents }, 'survey results shown');
  return reply.card(services.cards.render(surveyResultsCard, card));
}

const fmt = (value: number): string => value.toFixed(1);
const signed = (value: number): string => `${value > 0 ? '+' : value < 0 ? '−' : '±'}${fmt(Math.abs(value))}`;

function itemText(item: ItemResult | undefined): string {
  if (!item || item.mean === undefined) return SUPPRESSED;
  const spread = (item.distribution ?? []).map((d) => `${d.value}:${d.count}`).join(' ');
  return `${fmt(item.mean)} (n=${item.n}) · ${spread}`;
}

function subtitleOf(run: SurveyRun, summary: RunResults): string {
  return `${run.phase === 'baseline' ? 'Baseline' : 'Follow-up'} opened ${describeLondonDate(run.openedAt)} · ${summary.respondents} ${summary.respondents === 1 ? 'person' : 'people'} answered.`;
}

function changeFacts(changes: readonly ChangeResult[]): { title: string; value: string }[] {
  return changes.map((c) => ({
    title: c.label,
    value:
      c.change === undefined
        ? `${SUPPRESSED} in ${c.baselineMean === undefined ? 'baseline' : 'follow-up'} (n=${c.baselineN} → n=${c.followUpN})`
        : `${fmt(c.baselineMean as number)} (n=${c.baselineN}) → ${fmt(c.followUpMean as number)} (n=${c.followUpN}): ${signed(c.change)}`,
  }));
}

function nextActionsOf(summary: RunResults): string[] {
  return summary.nextActions.slice(0, MAX_NEXT_ACTIONS).map((a) => (a.length > MAX_NEXT_ACTION_CHARS ? `${a.slice(0, MAX_NEXT_ACTION_CHARS - 1)}…` : a));
}

function footnote(summary: RunResults): string {
  const more = summary.nextActions.length > MAX_NEXT_ACTIONS ? ` ${summary.nextActions.length - MAX_NEXT_ACTIONS} more next actions are in the CSV export.` : '';
  return `Figures based on ${SUPPRESSED} are hidden so that no one's answers can be read off. Scale 1 (not in place) to 5 (fully embedded); n:count shows how many chose each point.${more}`;
}

function cascadeCard(survey: Survey, run: SurveyRun, summary: RunResults, changes: readonly ChangeResult[]) {
  const items = new Map(summary.items.map((i) => [i.questionId, i]));
  const shown = summary.gaps.filter((g) => g.nowMean !== undefined && g.yearMean !== undefined);
  const x = (letter: string, index: number) => `${index + 1}. ${letter}`;
  const indexOf = (id: string) => survey.dimensions.findIndex((d) => d.id === id);
  return {
    title: `CASCADE results: ${run.label}`,
    subtitle: subtitleOf(run, summary),
    chart: {
      title: 'Where we are now and where we want to be in a year (mean, 1-5)',
      xAxisTitle: 'CASCADE dimension',
      yAxisTitle: 'Mean rating',
      series:
        shown.length === 0
          ? []
          : [
              { legend: 'Now', values: shown.map((g) => ({ x: x(g.letter, indexOf(g.dimensionId)), y: g.nowMean as number })) },
              { legend: 'In a year', values: shown.map((g) => ({ x: x(g.letter, indexOf(g.dimensionId)), y: g.yearMean as number })) },
            ],
      facts: shown.map((g) => ({ title: x(g.letter, indexOf(g.dimensionId)), value: `now ${fmt(g.nowMean as number)}, in a year ${fmt(g.yearMean as number)}` })),
    },
    // Each dimension under its own full name (two dimensions share each of the letters C and A), its figures as short
    // facts that wrap at Teams' card width, and its change since the baseline when there is one.
    dimensions: summary.gaps.map((g, i) => ({
      heading: `${x(g.letter, i)} · ${g.name}`,
      facts: [
        { title: 'Now', value: itemText(items.get(`${g.dimensionId}_now`)) },
        { title: 'In a year', value: itemText(items.get(`${g.dimensionId}_year`)) },
        { title: 'Gap', value: g.gap === undefined ? SUPPRESSED : `${signed(g.gap)} (in a year − now)` },
        ...(['now', 'year'] as const).flatMap((measure) =>
          changeFacts(changes.filter((c) => c.questionId === `${g.dimensionId}_${measure}`)).map((fact) => ({
            ...fact,
            title: `${measure === 'now' ? 'Now' : 'In a year'}, baseline → follow-up`,
          })),
        ),
      ],
    })),
    changes: [],
    nextActions: nextActionsOf(summary),
    footnote: footnote(summary),
  };
}

function pulseCard(
  survey: Survey,
  run: SurveyRun,
  summary: RunResults,
  changes: readonly ChangeResult[],
  baseline: SurveyRun | undefined,
  followUp: SurveyRun | undefined,
  answersByRun: ReadonlyMap<string, readonly Answers[]>,
) {
  const phases = [
    ['Baseline', baseline],
    ['Follow-up', followUp],
  ] as const;
  const perPhase = phases
    .filter(([, r]) => r !== undefined)
    .map(([legend, r]) => ({ legend, items: new Map(summariseRun(survey, answersByRun.get((r as SurveyRun).runId) ?? []).items.map((i) => [i.questionId, i])) }));
  // An item is drawn only when every phase shown has enough answers for it, so bars always compare like with like.
  const drawable = summary.items.filter((item) => perPhase.every((p) => p.items.get(item.questionId)?.mean !== undefined));
  return {
    title: `Pulse survey results: ${run.label}`,
    subtitle: subtitleOf(run, summary),
    chart: {
      title: perPhase.length > 1 ? 'Baseline compared with follow-up (mean)' : `${perPhase[0]?.legend ?? 'Results'} (mean)`,
      xAxisTitle: 'Question',
      yAxisTitle: 'Mean rating',
      series: drawable.length === 0 ? [] : perPhase.map((p) => ({ legend: p.legend, values: drawable.map((item) => ({ x: item.label, y: p.items.get(item.questionId)?.mean as number })) })),
      facts: drawable.map((item) => ({ title: item.label, value: perPhase.map((p) => `${p.legend.toLowerCase()} ${fmt(p.items.get(item.questionId)?.mean as number)}`).join(', ') })),
    },
    table: {
      headers: ['Question', 'Responses', 'Mean', 'Spread (answer:count)'],
      rows: summary.items.map((item) => ({
        cells: [
          item.text,
          String(item.n),
          item.mean === undefined ? SUPPRESSED : fmt(item.mean),
          item.distribution ? item.distribution.map((d) => `${d.value}:${d.count}`).join(' ') : SUPPRESSED,
        ],
      })),
    },
    changes: changeFacts(changes),
    nextActions: nextActionsOf(summary),
    footnote: footnote(summary).replace('Scale 1 (not in place) to 5 (fully embedded); ', 'Ratings run from 1 (lowest) upward; '),
  };
}
