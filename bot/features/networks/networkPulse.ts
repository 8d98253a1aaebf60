// The after-meeting pulse of a network: a real pulse survey run for the network's conversation, so answers are stored,
// suppressed under 3 and rolled up by `pulse results` there like any other run. A network's first pulse is its
// baseline and every later one a follow-up, so results compare the latest half-term with where the network started.
import { createHash } from 'node:crypto';
import { baseConversationId, pageView, type SurveyRun } from '../surveys';
import { addDays, londonInstant, londonDate } from '../../domain/londonTime';
import type { Services } from '../../platform/services';
import type { FanoutTarget } from '../../platform/messaging/fanout';
import { hasCode } from '../../errors';
import { postToTarget } from '../../platform/messaging/sender';
import { at } from '../../domain/indexed';

export interface NetworkPulseRequest {
  /** The fan-out run (network, half-term and prompt): the survey run's id is derived from it, so a re-send reuses it. */
  readonly sendRunId: string;
  readonly target: FanoutTarget;
  readonly network: string;
  /** The plan's words for this pulse, sent with the card. */
  readonly text: string;
  readonly openDays: number;
  readonly now: Date;
}

export async function postNetworkPulse(request: NetworkPulseRequest, services: Services): Promise<void> {
  const { target } = request;
  const run = await surveyRunFor(request, services);
  const survey = services.surveys.get('pulse');
  const firstPage = at(survey.pages, 0, 'pulse survey pages');
  const card = pageView(services, { survey, run, userIds: [], now: request.now }, firstPage, undefined);
  const message = { card, text: request.text };
  await postToTarget(services.sender, target, message);
}

/** The run for this send, created once: a repeated delivery (a crash mid-send, a retry) finds the same run. */
async function surveyRunFor(request: NetworkPulseRequest, services: Services): Promise<SurveyRun> {
  const { target, now } = request;
  const targetId = target.channelId ?? baseConversationId(target.conversationId);
  const runId = `pulse-${createHash('sha256').update(`${request.sendRunId}\n${target.targetId}`).digest('hex').slice(0, 24)}`;
  const { tenantId } = target;
  const existing = await services.surveyRuns.get(tenantId, targetId, runId);
  if (existing) return existing;
  const earlier = (await services.surveyRuns.listForTarget(tenantId, targetId)).filter((r) => r.kind === 'pulse');
  const run: SurveyRun = {
    tenantId,
    targetId,
    runId,
    kind: 'pulse',
    phase: earlier.length === 0 ? 'baseline' : 'follow-up',
    label: request.network,
    confidential: false,
    conversationId: targetId,
    openedAt: now,
    // Open until the end of the London day `openDays` from now.
    closesAt: londonInstant(addDays(londonDate(now), request.openDays), '23:59'),
    openedBy: 'network-prompt',
    // Anyone in the network's conversation may answer: Teams shows the card only to its members.
    members: [],
    membersOnly: false,
    salt: `${services.ids.newId()}${services.ids.newId()}`,
  };
  try {
    await services.surveyRuns.create(run);
    return run;
  } catch (error) {
    if (!hasCode(error, 'conflict')) throw error;
    return (await services.surveyRuns.get(tenantId, targetId, runId)) ?? run;
  }
}
