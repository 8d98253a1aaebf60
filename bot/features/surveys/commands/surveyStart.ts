// `cascade start` / `pulse start` (coordinators): open a survey run and post its card to the cohort, or 1:1 when confidential.
import { noticeCard } from '../../../platform/cards/notice';
import { pageView } from '../cards/surveyViews';
import { describeLondonDateTime, londonInstant } from '../../../domain/londonTime';
import type { SurveyKind } from '../domain/definition';
import { isOpen, parseStartArgs, type SurveyRun } from '../domain/runs';
import { validationError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';
import { postToTarget, type ConversationMember } from '../../../platform/messaging/sender';
import type { SurveyTarget } from '../targets';
import { at } from '../../../domain/indexed';

export const cascadeStartRoute = {
  name: 'cascade start',
  usage: 'cascade start <cohort> [baseline|follow-up] [confidential] [closes YYYY-MM-DD]',
  description: 'Post the CASCADE survey to a cohort (in its channel, or 1:1 to each member when confidential).',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export const pulseStartRoute = {
  name: 'pulse start',
  usage: 'pulse start <cohort> [baseline|follow-up] [confidential] [closes YYYY-MM-DD]',
  description: 'Post the pulse survey to a cohort, as a baseline or a follow-up.',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export const startCascade = (input: CommandInput, services: Services): Promise<Reply> => start('cascade', input, services);
export const startPulse = (input: CommandInput, services: Services): Promise<Reply> => start('pulse', input, services);

const kindName: Record<SurveyKind, string> = { cascade: 'CASCADE', pulse: 'pulse' };

async function start(kind: SurveyKind, input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'start surveys');
  const options = parseStartArgs(input.args);
  const closesAt = options.closesOn ? closingInstant(options.closesOn, input.now) : undefined;
  const target = await services.surveyTargets.resolve(input.caller, options.name, input.place);
  const runs = await services.surveyRuns.listForTarget(input.caller.tenantId, target.targetId);
  if (runs.some((r) => r.kind === kind && r.phase === options.phase && isOpen(r, input.now))) {
    const name = options.name ? ` ${options.name}` : '';
    throw validationError(`A ${kindName[kind]} ${options.phase} survey is already open for ${target.label}. Close it first with "${kind} close${name}".`);
  }
  const members = await membersOf(target, options.confidential, services);
  const survey = services.surveys.get(kind);
  const run: SurveyRun = {
    tenantId: input.caller.tenantId,
    targetId: target.targetId,
    runId: services.ids.newId(),
    kind,
    phase: options.phase,
    label: target.label,
    confidential: options.confidential,
    conversationId: target.conversationId,
    openedAt: input.now,
    closesAt,
    openedBy: input.caller.aadObjectId,
    members: members.flatMap((m) => (m.aadObjectId ? [m.aadObjectId.toLowerCase()] : [])),
    membersOnly: target.memberAadObjectIds !== undefined,
    salt: `${services.ids.newId()}${services.ids.newId()}`,
  };
  await services.surveyRuns.create(run);
  const firstPage = at(survey.pages, 0, `${survey.kind} survey pages`);
  const view = (userIds: string[]) => ({ card: pageView(services, { survey, run, userIds, now: input.now }, firstPage, undefined) });

  let where: string;
  if (options.confidential) {
    let sent = 0;
    for (const member of members) {
      if (!member.aadObjectId) continue;
      try {
        const personal = await services.sender.createPersonalConversation({
          tenantId: input.caller.tenantId,
          serviceUrl: target.reference.serviceUrl,
          userId: member.aadObjectId,
          botId: target.reference.bot.id,
        });
        await services.sender.send(personal, view(member.id ? [member.id] : []));
        sent += 1;
      } catch (error) {
        // One person without the app must not stop the others; they are counted and reported below.
        services.logger.warn({ event: 'survey.send.failed', run: run.runId, status: (error as { statusCode?: number }).statusCode }, 'could not send a survey 1:1');
      }
    }
    where = `sent privately to ${sent} of ${run.members.length} members of ${target.label}`;
    if (sent < run.members.length) where += ' (the others may not have the app installed)';
  } else {
    // Members' views refresh automatically (Teams allows this for up to 60 people); everyone else taps the card to see theirs.
    const userIds = members.map((m) => m.id).filter((id) => id.length > 0).slice(0, 60);
    try {
      await postToTarget(services.sender, target, view(userIds));
    } catch (error) {
      await services.surveyRuns.close(run, input.now, true);
      throw error;
    }
    where = `posted to ${target.label}`;
  }
  services.logger.info({ event: 'survey.started', run: run.runId, kind, phase: run.phase, confidential: run.confidential, members: run.members.length }, 'survey started');
  // The same commands the help card lists, with the name that finds this survey again (typed anywhere), or, where no
  // name does (a network, a team's other channels), to be typed here.
  const again = (command: string) => (target.name ? `${command} ${target.name}` : `${command} (typed here, in ${target.label})`);
  return reply.card(
    services.cards.render(noticeCard, {
      title: `${kindName[kind]} ${run.phase} survey started`,
      message: `The survey was ${where}. ${closesAt ? `It closes on ${describeLondonDateTime(closesAt)}.` : 'It stays open until you close it.'}`,
      details: [`See results: ${again(`${kind} results`)}`, `Close it early: ${again(`${kind} close`)}`],
      style: 'good',
    }),
  );
}

function closingInstant(date: string, now: Date): Date {
  let closes: Date;
  try {
    closes = londonInstant(date, '23:59');
  } catch {
    throw validationError(`"${date}" is not a date I can use. Give the closing date as YYYY-MM-DD, e.g. closes 2026-12-18.`);
  }
  if (closes.getTime() <= now.getTime()) throw validationError(`The closing date ${date} has already passed. Give a later date.`);
  return closes;
}

/** The cohort's members when it knows them; otherwise whoever is in the conversation. */
async function membersOf(target: SurveyTarget, confidential: boolean, services: Services): Promise<readonly ConversationMember[]> {
  if (target.memberAadObjectIds) return target.memberAadObjectIds.map((aadObjectId) => ({ id: '', aadObjectId }));
  try {
    return await services.sender.listMembers(target.reference);
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    services.logger.warn({ event: 'survey.members.unavailable', status }, 'could not read conversation members');
    if (confidential) {
      throw validationError(`I could not read who is in ${target.label}, so I cannot send the survey privately. Try again later, or start it without "confidential".`);
    }
    // Without a member list, anyone who opens the card in that conversation may answer (Teams only shows it to members).
    return [];
  }
}
