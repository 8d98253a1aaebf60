// Who a survey is for and where its card goes. Handlers only see SurveyTargets, so a cohort-backed resolver can replace
// the installation-backed one below without touching them.
import { notFound, validationError } from '../../errors';
import type { Caller, ConversationReference, Place } from '../../events';
import { baseConversationId } from './domain/runs';
import { cohortIdFor, type Cohort, type CohortRepository } from '../cohorts';
import type { InstallationRepository } from '../../platform/conversations/installationRepository';

export interface SurveyTarget {
  /** The surveyRuns PartitionKey: a cohort id, or the channel/chat id for a plain conversation. */
  readonly targetId: string;
  readonly label: string;
  /**
   * What to type after a survey command, anywhere, to reach this target again (`cascade results <name>`): the
   * cohort's name, or the team's or chat's. Unset when only the conversation itself reaches it (a channel other than
   * the team's first, a network), where the command is typed without a name.
   */
  readonly name?: string;
  /** A team's reference (post with `channelId`) or a chat's reference (send to it). */
  readonly reference: ConversationReference;
  /** Set for teams: the channel the survey card starts a new thread in. */
  readonly channelId?: string;
  /** The channel or chat the card lands in. */
  readonly conversationId: string;
  /** The members' Entra ID object ids when the target knows them (a cohort); otherwise the conversation is asked. */
  readonly memberAadObjectIds?: readonly string[];
  /** People who may see this target's results besides coordinators and facilitators. */
  readonly facilitatorAadObjectIds?: readonly string[];
}

export interface SurveyTargets {
  /** `name` empty means "the conversation this command ran in". Throws a user-facing error when nothing matches. */
  resolve(caller: Caller, name: string, place: Place): Promise<SurveyTarget>;
}

/**
 * The name a conversation goes by when it is more than its team or chat, e.g. a network's channel: a survey started
 * there is labelled with the network's name, not the team's. Undefined when it is nothing more.
 */
export type ConversationNames = (tenantId: string, conversationId: string) => Promise<string | undefined>;

const noNames: ConversationNames = () => Promise.resolve(undefined);

/** Targets any team or group chat where the bot is installed, by its stored name or by where the command ran. */
export class InstallationSurveyTargets implements SurveyTargets {
  constructor(
    private readonly installations: InstallationRepository,
    private readonly names: ConversationNames = noNames,
  ) {}

  async resolve(caller: Caller, name: string, place: Place): Promise<SurveyTarget> {
    const wanted = name.trim();
    if (wanted.length === 0) return this.here(caller, place);
    const matches = (await this.installations.listActive(caller.tenantId)).filter(
      (i) => i.scope !== 'personal' && (i.name ?? '').trim().toLowerCase() === wanted.toLowerCase(),
    );
    const [found] = matches;
    if (found === undefined) {
      throw notFound(`I could not find a team or chat called "${wanted}" where I am installed. Check the name, or run the command in that channel without a name.`);
    }
    if (matches.length > 1) {
      throw validationError(`More than one team or chat is called "${wanted}". Run the command in the channel you mean, without a name.`);
    }
    if (found.scope === 'channel') {
      // Below, the team's own name only reaches this channel.
      const channelId = found.channelId ?? found.teamId ?? found.conversationId;
      return { targetId: channelId, label: found.name ?? wanted, name: found.name ?? wanted, reference: found.reference, channelId, conversationId: channelId };
    }
    return { targetId: found.conversationId, label: found.name ?? wanted, name: found.name ?? wanted, reference: found.reference, conversationId: found.conversationId };
  }

  private async here(caller: Caller, place: Place): Promise<SurveyTarget> {
    if (place.scope === 'personal') {
      throw validationError('Say which cohort, e.g. "pulse start Salford Link Programme", or run the command in the cohort\'s channel.');
    }
    if (place.scope === 'channel') {
      const team = place.teamId ? await this.installations.get(caller.tenantId, place.teamId) : undefined;
      if (!team || team.status !== 'active') throw notFound('I have no record of being installed in this team. Remove the app from the team, add it again, then retry.');
      const channelId = place.channelId ?? baseConversationId(place.conversationId);
      const network = await this.names(caller.tenantId, channelId);
      // The team's name reaches one channel only, the one a named target posts to (below), usually its first.
      const name = network === undefined && channelId === (team.channelId ?? team.teamId ?? team.conversationId) ? team.name : undefined;
      return { targetId: channelId, label: network ?? team.name ?? 'this channel', name, reference: team.reference, channelId, conversationId: channelId };
    }
    const chatId = baseConversationId(place.conversationId);
    const chat = await this.installations.get(caller.tenantId, chatId);
    if (!chat || chat.status !== 'active') throw notFound('I have no record of being installed in this chat. Remove the app from the chat, add it again, then retry.');
    const network = await this.names(caller.tenantId, chatId);
    return { targetId: chatId, label: network ?? chat.name ?? 'this chat', name: network === undefined ? chat.name : undefined, reference: chat.reference, conversationId: chatId };
  }
}

/**
 * Cohorts first: a cohort named in the command, or the cohort whose channel the command ran in, with its members and
 * facilitator from the cohort record. Anything else falls back to teams and chats where the bot is installed.
 */
export class CohortSurveyTargets implements SurveyTargets {
  constructor(
    private readonly cohorts: CohortRepository,
    private readonly installations: InstallationRepository,
    private readonly fallback: SurveyTargets = new InstallationSurveyTargets(installations),
  ) {}

  async resolve(caller: Caller, name: string, place: Place): Promise<SurveyTarget> {
    const wanted = name.trim();
    const cohort = wanted
      ? (await this.cohorts.get(caller.tenantId, cohortIdFor(wanted)))?.value
      : place.scope === 'channel' && place.channelId
        ? (await this.cohorts.list(caller.tenantId)).find((c) => c.channelId === place.channelId)
        : undefined;
    if (!cohort) return this.fallback.resolve(caller, name, place);
    return this.targetOf(cohort);
  }

  private async targetOf(cohort: Cohort): Promise<SurveyTarget> {
    if (!cohort.channelId) {
      throw validationError(`The cohort "${cohort.name}" has no channel yet. Finish setting it up with "cohort create", then start the survey.`);
    }
    const team = await this.installations.get(cohort.tenantId, cohort.teamConversationId);
    if (!team || team.status !== 'active') {
      throw notFound(`I am no longer installed in the team that holds "${cohort.name}". Add the app to that team again, then retry.`);
    }
    const members = cohort.members.filter((m) => m.status === 'added' && m.userId).map((m) => m.userId as string);
    const facilitator = cohort.facilitator?.toLowerCase();
    const facilitators = cohort.members.filter((m) => m.userId && m.email.toLowerCase() === facilitator).map((m) => m.userId as string);
    return {
      targetId: cohort.id,
      label: cohort.name,
      name: cohort.name,
      reference: team.reference,
      channelId: cohort.channelId,
      conversationId: cohort.channelId,
      memberAadObjectIds: members,
      facilitatorAadObjectIds: facilitators,
    };
  }
}
