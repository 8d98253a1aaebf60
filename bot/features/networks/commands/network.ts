// `network create|list|pause|resume`: a half-termly network group is the channel or group chat it was created in.
import defaultPlan from '../data/prompt-plan.json';
import { noticeCard } from '../../../platform/cards/notice';
import { isAreaId } from '../../../domain/areas';
import { promptPlanSchema, promptOccurrences, type PromptPlan } from '../domain/promptPlan';
import { describeLondonDateTime } from '../../../domain/londonTime';
import { conflict, notFound, validationError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';
import { networkIdOf, type Network } from '../domain/networks';
import { networkHomeOf } from '../networkHere';

/** The plan every new network starts with, checked once when the bot loads. */
export const DEFAULT_PLAN = promptPlanSchema.parse(defaultPlan);

export const createRoute = {
  name: 'network create',
  usage: 'network create <area> <name> [meets week <1-8> <monday-friday> <HH:MM>]',
  description: 'Make this channel or group chat a half-termly network for an area; it gets the prompt plan.',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export const listRoute = {
  name: 'network list',
  usage: 'network list',
  description: 'Show the networks, their area, meeting pattern and whether prompts are on.',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export const pauseRoute = {
  name: 'network pause',
  usage: 'network pause [name]',
  description: 'Stop scheduled prompts for this network (or the one named) until resumed.',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export const resumeRoute = {
  name: 'network resume',
  usage: 'network resume [name]',
  description: 'Start scheduled prompts again for this network (or the one named).',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

export { networkIdOf };

export function parseCreateArgs(args: string): { area: string; name: string; plan: PromptPlan } {
  const meets = /\s+meets\s+week\s+(\d)\s+([a-z]+)\s+(\d{1,2}:\d{2})\s*$/i.exec(args);
  const rest = (meets ? args.slice(0, meets.index) : args).trim();
  const [area = '', ...nameWords] = rest.split(/\s+/);
  const name = nameWords.join(' ').trim();
  const problems: string[] = [];
  if (!isAreaId(area.toLowerCase())) problems.push('The area must be a short id: lower-case letters, digits and dashes, e.g. telford-wrekin.');
  if (name.length === 0 || name.length > 80) problems.push('Give the network a name of up to 80 characters after the area.');
  let plan = DEFAULT_PLAN;
  if (meets) {
    const weekday = WEEKDAYS.indexOf((meets[2] as string).toLowerCase()) + 1;
    const time = (meets[3] as string).padStart(5, '0');
    const meeting = promptPlanSchema.shape.meeting.safeParse({ week: Number(meets[1]), weekday, time });
    if (!meeting.success || weekday === 0) problems.push('Write the meeting as "meets week <1-8> <monday-friday> <HH:MM>", e.g. meets week 4 wednesday 15:30.');
    else plan = { ...DEFAULT_PLAN, meeting: meeting.data };
  }
  if (problems.length > 0) throw validationError(`I could not create the network. Usage: ${createRoute.usage}`, problems);
  return { area: area.toLowerCase(), name, plan };
}

export async function create(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'create networks');
  if (input.place.scope === 'personal') {
    throw validationError('Run "network create" in the channel or group chat that is the network, not in a 1:1 chat with me.');
  }
  const { area, name, plan } = parseCreateArgs(input.args);
  const { tenantId } = input.place;
  const conversationId = networkHomeOf(input.place);
  const networkId = networkIdOf(tenantId, conversationId);
  const existing = await services.networks.get(tenantId, networkId);
  if (existing) throw conflict(`This ${input.place.scope === 'channel' ? 'channel' : 'chat'} is already the network "${existing.name}" (${existing.area}).`);
  const installationId = input.place.scope === 'channel' ? (input.place.teamId ?? '') : input.place.conversationId;
  const installation = installationId ? await services.installations.get(tenantId, installationId) : undefined;
  if (!installation || installation.status !== 'active') {
    throw validationError('I do not have the details I need to post here later. Remove the app from this team or chat, add it again, then run the command again.');
  }
  const network: Network = {
    tenantId,
    networkId,
    name,
    area,
    scope: input.place.scope,
    conversationId,
    reference: installation.reference,
    installationId,
    channelId: input.place.scope === 'channel' ? conversationId : undefined,
    plan,
    status: 'active',
    createdBy: input.caller.aadObjectId,
    created: input.now,
    updated: input.now,
  };
  await services.networks.save(network);
  services.logger.info({ event: 'network.created', networkId, by: input.caller.aadObjectId }, 'network created');
  const [calendars, { holidays }] = await Promise.all([services.termCalendars.list(tenantId, area), services.bankHolidays.current()]);
  const next = calendars.flatMap((c) => promptOccurrences(plan, c, holidays)).find((o) => o.at > input.now);
  return reply.card(
    services.cards.render(noticeCard, {
      title: 'Network created',
      message: `${name} (${area}) will get its prompts here: ${plan.prompts.map((p) => p.id).join(', ')}. It meets on ${WEEKDAYS[plan.meeting.weekday - 1]} of week ${plan.meeting.week} of each half-term at ${plan.meeting.time}.`,
      details: next
        ? [`Next prompt: ${next.prompt.title}, ${describeLondonDateTime(next.at)} (${next.halfTerm.label}).`]
        : [`No term dates are imported for ${area} yet: run "calendar import ${area}" with the council's term dates, or prompts cannot be scheduled.`],
      style: 'good',
    }),
  );
}

export async function list(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'list networks');
  const networks = await services.networks.list(input.place.tenantId);
  return reply.card(
    services.cards.render(noticeCard, {
      title: 'Networks',
      message: networks.length === 0 ? 'There are no networks yet. Run "network create <area> <name>" in the network\'s channel or chat.' : `${networks.length} network(s).`,
      details: networks.map(
        (n) => `${n.name} (${n.area}, ${n.scope === 'channel' ? 'channel' : 'group chat'}): prompts ${n.status === 'active' ? 'on' : 'paused'}; meets ${WEEKDAYS[n.plan.meeting.weekday - 1]} of week ${n.plan.meeting.week}, ${n.plan.meeting.time}`,
      ),
    }),
  );
}

async function setStatus(input: CommandInput, services: Services, status: 'active' | 'paused'): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', status === 'paused' ? 'pause networks' : 'resume networks');
  const networks = await services.networks.list(input.place.tenantId);
  const wanted = input.args.trim().toLowerCase();
  const network = wanted
    ? networks.find((n) => n.name.toLowerCase() === wanted)
    : networks.find((n) => n.networkId === networkIdOf(input.place.tenantId, networkHomeOf(input.place)));
  if (!network) {
    throw notFound(wanted ? `There is no network called "${input.args.trim()}". Run "network list" to see the names.` : 'This conversation is not a network. Name one, e.g. "network pause Telford SMHL", or run "network list".');
  }
  if (network.status !== status) await services.networks.setStatus(network.tenantId, network.networkId, status, input.now);
  services.logger.info({ event: `network.${status}`, networkId: network.networkId, by: input.caller.aadObjectId }, 'network status changed');
  return reply.card(
    services.cards.render(noticeCard, {
      title: status === 'paused' ? 'Prompts paused' : 'Prompts resumed',
      message: status === 'paused' ? `${network.name} will get no scheduled prompts until "network resume".` : `${network.name} will get its scheduled prompts again.`,
      style: 'good',
    }),
  );
}

export const pause = (input: CommandInput, services: Services): Promise<Reply> => setStatus(input, services, 'paused');
export const resume = (input: CommandInput, services: Services): Promise<Reply> => setStatus(input, services, 'active');
