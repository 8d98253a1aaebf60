// Setting a cohort up, step by step, saving progress on the cohort row after each step so that running it again
// continues where it stopped: look people up, create (or find) the channel, add members, post the welcome card.
import { cohortResultCard, cohortWelcomeCard } from './cards/cohort';
import {
  cohortIdFor,
  memberLines,
  membersToAdd,
  membersToLookUp,
  mergeMembers,
  normaliseCohortName,
  type Cohort,
  type CohortMember,
  type Stored,
} from './domain/cohorts';
import { AppError, validationError } from '../../errors';
import type { AdaptiveCard, Caller } from '../../events';
import type { Services } from '../../platform/services';
import { StorageError } from '../../platform/storage/storageErrors';
import { VISIBILITY_ATTEMPTS, VISIBILITY_PAUSE_MS, type MemberResult } from '../../platform/graph/gateway';
import type { Installation } from '../../platform/conversations/types';

export interface CohortRequest {
  readonly name: string;
  readonly areaId: string;
  /** The team's installation (its conversation id), chosen on the form. */
  readonly teamConversationId: string;
  readonly membershipType: 'standard' | 'private';
  readonly emails: readonly string[];
  readonly facilitator?: string;
}

export interface SetupOutcome {
  readonly cohort: Cohort;
  readonly done: readonly string[];
  /** Why it stopped early, if it did; progress so far is saved. */
  readonly stoppedBy?: AppError;
  /** The step it stopped at, as the card says it ("looking the members up in your directory"). */
  readonly stoppedAt?: string;
}

/** The team installations a cohort channel can go in: active, in a team, with the team's group id known. */
export async function targetTeams(tenantId: string, services: Services): Promise<Installation[]> {
  const installs = await services.installations.listActive(tenantId, 'channel');
  const byTeam = new Map<string, Installation>();
  for (const install of installs) {
    if (install.teamAadGroupId && !byTeam.has(install.teamAadGroupId)) byTeam.set(install.teamAadGroupId, install);
  }
  return [...byTeam.values()].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
}

/** Records the cohort (or reuses the one with this name) and runs every step still to do. */
export async function createCohort(request: CohortRequest, caller: Caller, now: Date, services: Services): Promise<SetupOutcome> {
  const team = await services.installations.get(caller.tenantId, request.teamConversationId);
  if (!team || team.status !== 'active' || !team.teamAadGroupId) {
    throw validationError('I am not installed in that team any more (or Teams has not told me its group id). Add me to the team again, then open a new "cohort create" card.');
  }
  const name = normaliseCohortName(request.name);
  const emails = withFacilitator(request.emails, request.facilitator);
  const { stored, created } = await services.cohorts.insertOrGet({
    tenantId: caller.tenantId,
    id: cohortIdFor(name),
    name,
    areaId: request.areaId,
    teamConversationId: team.conversationId,
    teamAadGroupId: team.teamAadGroupId,
    teamName: team.name,
    membershipType: request.membershipType,
    facilitator: request.facilitator,
    members: emails.map((email) => ({ email, status: 'pending' })),
    status: 'setting-up',
    createdBy: caller.aadObjectId,
    created: now,
    updated: now,
  });
  let current = stored;
  if (!created) {
    const existing = stored.value;
    if (existing.teamAadGroupId !== team.teamAadGroupId) {
      throw validationError(`A cohort called "${existing.name}" already exists in another team (${existing.teamName ?? 'unknown'}). Choose another name.`);
    }
    current = await services.cohorts.save(
      { ...existing, members: mergeMembers(existing.members, emails), facilitator: existing.facilitator ?? request.facilitator, updated: now },
      stored.etag,
    );
  }
  services.logger.info({ event: 'cohort.setup', cohortId: current.value.id, reused: !created, members: current.value.members.length }, 'cohort set-up started');
  return continueSetup(current, caller, now, services, team);
}

/** Runs the steps still to do for a recorded cohort; an AppError from Graph stops it, with progress kept. */
export async function continueSetup(
  start: Stored<Cohort>,
  caller: Caller,
  now: Date,
  services: Services,
  knownTeam?: Installation,
): Promise<SetupOutcome> {
  let stored = start;
  const done: string[] = [];
  // The step under way, for the card when Graph stops it.
  let step = 'looking the members up in your directory';
  const save = async (changes: Partial<Cohort>) => {
    stored = await services.cohorts.save({ ...stored.value, ...changes, updated: now }, stored.etag);
  };
  try {
    const team = knownTeam ?? (await services.installations.get(stored.value.tenantId, stored.value.teamConversationId));
    if (!team || team.status !== 'active') {
      throw validationError(`I am no longer installed in the team of "${stored.value.name}". Add me to that team again, then run this again.`);
    }
    const cohort = () => stored.value;

    // 1. Look people up (guests are directory users too); one $batch per 20 addresses.
    const lookUp = membersToLookUp(cohort().members);
    if (lookUp.length > 0) {
      const users = await services.graph.usersByEmail(lookUp.map((m) => m.email));
      const members = cohort().members.map((m): CohortMember => {
        if (!users.has(m.email)) return m;
        const user = users.get(m.email);
        return user
          ? { email: m.email, status: 'found', userId: user.id, name: user.displayName, guest: user.userType === 'Guest', mail: user.mail ?? null }
          : { email: m.email, status: 'not-found' };
      });
      await save({ members });
      done.push(`Looked up ${lookUp.length} ${lookUp.length === 1 ? 'person' : 'people'}.`);
    }

    // 2. The channel: create it, or find the one a previous run made.
    step = 'creating the channel';
    const teamId = cohort().teamAadGroupId;
    const ownerId = ownerOf(cohort(), caller);
    if (!cohort().channelId) {
      const result = await services.graph.createChannel(teamId, {
        displayName: cohort().name,
        description: `Link Programme cohort, area ${cohort().areaId}`,
        membershipType: cohort().membershipType,
        ownerUserId: ownerId,
      });
      const channel = result.status === 'created' ? result.channel : await services.graph.waitForChannel(teamId, cohort().name);
      if (!channel) {
        throw new AppError(
          'not-found',
          `The team says a channel called "${cohort().name}" exists (it may have been deleted: Teams keeps deleted names for a while), but I cannot see it. Choose another name, or wait a few minutes and run this again.`,
        );
      }
      await save({ channelId: channel.id, channelUrl: channel.webUrl });
      done.push(result.status === 'created' ? `Created the ${cohort().membershipType} channel.` : 'Found the channel a previous run created.');
    }
    const channelId = cohort().channelId as string;

    // 3. Members: team bulk add for a standard channel, channel members for a private one.
    step = `adding the members to the ${cohort().membershipType === 'standard' ? 'team' : 'channel'}`;
    const toAdd = membersToAdd(cohort().members);
    if (toAdd.length > 0) {
      const results =
        cohort().membershipType === 'standard'
          ? await services.graph.addTeamMembers(teamId, toAdd.map((m) => m.userId as string))
          : await addPrivateChannelMembers(services, teamId, channelId, toAdd.map((m) => ({ userId: m.userId as string, owner: m.userId === ownerId })));
      const byUser = new Map(results.map((r) => [r.userId, r]));
      const members = cohort().members.map((m): CohortMember => {
        const result = m.userId ? byUser.get(m.userId) : undefined;
        if (!result) return m;
        return result.added ? { ...m, status: 'added', errorCode: undefined } : { ...m, status: 'failed', errorCode: result.errorCode };
      });
      await save({ members });
      const added = results.filter((r) => r.added).length;
      done.push(`Added ${added} of ${results.length} ${results.length === 1 ? 'member' : 'members'} to the ${cohort().membershipType === 'standard' ? 'team' : 'channel'}.`);
    }

    // 4. The welcome card, once.
    step = 'posting the welcome card in the channel';
    if (!cohort().welcomeActivityId) {
      const card = services.cards.render(cohortWelcomeCard, {
        name: cohort().name,
        area: cohort().areaId,
        facilitator: cohort().facilitator ?? 'to be confirmed',
        memberCount: String(cohort().members.filter((m) => m.status === 'added').length),
      });
      const posted = await services.sender.postToChannel(team.reference, channelId, { card });
      await save({ welcomeActivityId: posted.activityId ?? 'posted' });
      done.push('Posted the welcome card in the channel.');
    }
    if (cohort().status !== 'ready') await save({ status: 'ready' });
    return { cohort: cohort(), done };
  } catch (error) {
    // A step Graph refused stops set-up with what is saved so far; storage failing means nothing may be saved, so it is thrown.
    if (!(error instanceof AppError) || error instanceof StorageError || error.code === 'internal' || error.code === 'conflict' || error.code === 'forbidden') throw error;
    services.logger.warn({ event: 'cohort.setup.stopped', cohortId: stored.value.id, code: error.code }, 'cohort set-up stopped');
    return { cohort: stored.value, done, stoppedBy: error, stoppedAt: step };
  }
}

/** The reply card: what was done, member by member, and a button to finish when anything is left. */
export function setupResultCard(outcome: SetupOutcome, services: Services, retryVerb: string, retryData: Record<string, unknown>): AdaptiveCard {
  const { cohort, stoppedBy } = outcome;
  const missing = cohort.members.filter((m) => m.status !== 'added');
  const added = cohort.members.length - missing.length;
  const title = stoppedBy ? `Stopped: ${cohort.name}` : missing.length === 0 ? `Cohort ready: ${cohort.name}` : `Cohort set up with gaps: ${cohort.name}`;
  const message = stoppedBy
    ? `${stoppedBy.userMessage} What is done is saved; running it again continues from here.`
    : `${added} of ${cohort.members.length} members are in the ${cohort.membershipType} channel in ${cohort.teamName ?? 'the team'}.${missing.length > 0 ? ' The others are listed below with what to do.' : ''}`;
  return services.cards.render(cohortResultCard, {
    title,
    message,
    style: stoppedBy ? 'attention' : missing.length === 0 ? 'good' : 'warning',
    steps: stepLines(outcome),
    members: memberLines(cohort.members),
    retryVerb: stoppedBy || cohort.members.some((m) => m.status === 'failed' || m.status === 'pending' || m.status === 'found') ? retryVerb : '',
    retryData,
  });
}

/** What was done, then the step that stopped and what to do; "Nothing new to do" only when nothing is left. */
function stepLines({ done, stoppedAt, stoppedBy }: SetupOutcome): string[] {
  if (stoppedBy) {
    return [
      ...done,
      `Stopped while ${stoppedAt ?? 'setting the cohort up'}: nothing after that is done yet. Press "Run again to finish" once the problem above is sorted (in a few minutes if Microsoft Graph was busy); what is done is not repeated.`,
    ];
  }
  return done.length > 0 ? [...done] : ['Nothing new to do.'];
}

function withFacilitator(emails: readonly string[], facilitator: string | undefined): string[] {
  return facilitator && !emails.includes(facilitator) ? [...emails, facilitator] : [...emails];
}

/** A private channel made with application permissions needs an owner: the facilitator when found, else the coordinator. */
function ownerOf(cohort: Cohort, caller: Caller): string {
  const facilitator = cohort.members.find((m) => m.email === cohort.facilitator && m.userId);
  return facilitator?.userId ?? caller.aadObjectId;
}

/** A brand-new private channel may 404 for a short while: retry just those members, for a bounded time. */
async function addPrivateChannelMembers(
  services: Services,
  teamId: string,
  channelId: string,
  members: readonly { userId: string; owner: boolean }[],
): Promise<MemberResult[]> {
  const results = new Map<string, MemberResult>();
  let pending = [...members];
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    for (const result of await services.graph.addChannelMembers(teamId, channelId, pending)) results.set(result.userId, result);
    const notVisible = pending.filter((m) => results.get(m.userId)?.errorCode === 'ChannelNotFound');
    if (notVisible.length === 0 || attempt >= VISIBILITY_ATTEMPTS) break;
    await services.graph.pause(VISIBILITY_PAUSE_MS);
    pending = notVisible;
  }
  return members.map((m) => results.get(m.userId) as MemberResult);
}
