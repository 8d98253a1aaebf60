// `panel create|submit|who|advise|cases`: the anonymous Emotional Health and Wellbeing Panel.
import { noticeCard } from '../../../platform/cards/notice';
import { panelAdviceCard } from '../cards/panel';
import { caseForm } from '../caseForm';
import { SUBMIT_VERB } from '../cardActions/panelSubmit';
import { describeLondonDate, describeLondonDateTime, londonDate } from '../../../domain/londonTime';
import {
  MAX_ADVICE_TEXT,
  describeIdentifierProblems,
  identifierProblems,
  nextMeeting,
  parseCaseReference,
  parsePanelCreateArgs,
  type PanelCase,
} from '../domain/panel';
import { AppError, notFound, validationError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';

export const createRoute = {
  name: 'panel create',
  usage: 'panel create <area> <yyyy-mm-dd> [<yyyy-mm-dd> ...]',
  description: 'Register the wellbeing panel for an area in this channel, with its meeting dates.',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export const submitRoute = {
  name: 'panel submit',
  usage: 'panel submit',
  description: 'Bring a case to the wellbeing panel anonymously (in your personal chat with me). If it suggests a child is at risk now, urgent help comes first: the panel is not an emergency service.',
  audience: 'everyone',
} as const satisfies Omit<CommandRoute, 'handle'>;

export const whoRoute = {
  name: 'panel who',
  usage: 'panel who <case ref> [area]',
  description: 'See who submitted a panel case (personal chat only; audited).',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export const adviseRoute = {
  name: 'panel advise',
  usage: 'panel advise <case ref> <the panel\'s advice>',
  description: 'Send the panel\'s advice to whoever submitted the case, in their personal chat (audited).',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export const casesRoute = {
  name: 'panel cases',
  usage: 'panel cases [area]',
  description: 'How many panel cases are open and advised, per area.',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export async function create(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'set up a panel');
  if (input.place.scope !== 'channel' || !input.place.teamId || !input.place.channelId) {
    throw validationError('Run "panel create" in the team channel where panel members meet, so cases can be posted there.');
  }
  const parsed = parsePanelCreateArgs(input.args);
  if ('problem' in parsed) throw validationError(`${parsed.problem} Usage: ${createRoute.usage}`);
  const { areaId, meetings } = parsed;
  const existing = await services.panels.getPanel(input.caller.tenantId, areaId);
  await services.panels.savePanel({
    tenantId: input.caller.tenantId,
    areaId,
    teamId: input.place.teamId,
    channelId: input.place.channelId,
    conversationId: input.place.conversationId,
    meetings,
    createdBy: input.caller.aadObjectId,
    updated: input.now,
  });
  await services.audit.record({ tenantId: input.caller.tenantId, actor: input.caller.aadObjectId, action: 'panel.create', target: areaId, at: input.now });
  services.logger.info({ event: 'panel.created', area: areaId, meetings: meetings.length, replaced: Boolean(existing) }, 'panel registered');
  const next = nextMeeting(meetings, londonDate(input.now));
  return reply.card(
    services.cards.render(noticeCard, {
      title: existing ? `Panel for ${areaId} updated` : `Panel for ${areaId} set up`,
      message: `Cases for ${areaId} will be posted in this channel under a case reference, never with the submitter's name or school. School staff send a case with "panel submit" in their personal chat with me.`,
      details: [
        `${meetings.length} meeting ${meetings.length === 1 ? 'date' : 'dates'}${next ? `; next on ${describeLondonDate(new Date(`${next}T12:00:00Z`))}` : ''}.`,
        'Reply to a case in its thread; a coordinator sends the advice back with "panel advise <ref> <advice>".',
      ],
      style: 'good',
    }),
  );
}

export async function submit(input: CommandInput, services: Services): Promise<Reply> {
  if (input.place.scope !== 'personal') {
    throw validationError('Send a case from your personal chat with me, so nothing about it is seen here. Open a chat with me and type "panel submit".');
  }
  const form = await caseForm(input.caller.tenantId, SUBMIT_VERB, input.now, services);
  if (!form) throw notFound('No wellbeing panel is set up yet. Ask a coordinator to run "panel create" in the panel\'s channel.');
  return reply.card(form);
}

/** Finds a case by its reference; the area comes from the args, the panel channel, or is unambiguous. */
async function findCase(input: CommandInput, services: Services, referenceText: string | undefined, areaText: string | undefined, usage: string): Promise<PanelCase> {
  const parsed = referenceText ? parseCaseReference(referenceText) : undefined;
  if (!parsed) throw validationError(`Give the case reference, e.g. P-2026-014. Usage: ${usage}`);
  const matches = await services.panels.findByReference(input.caller.tenantId, parsed.reference);
  let area = areaText?.toLowerCase();
  if (!area && matches.length > 1) {
    const channelId = input.place.channelId;
    const here = (await services.panels.listPanels(input.caller.tenantId)).find((p) => p.conversationId === input.place.conversationId || (channelId !== undefined && p.channelId === channelId));
    area = here?.areaId;
  }
  const chosen = area ? matches.filter((c) => c.areaId === area) : matches;
  if (chosen.length === 0) throw notFound(`There is no panel case ${parsed.reference}${area ? ` in ${area}` : ''}. Check the reference in the panel channel.`);
  if (chosen.length > 1) {
    throw validationError(`More than one area has a case ${parsed.reference}; add the area, e.g. ${usage.split(' <')[0]} ${parsed.reference} ${chosen[0]?.areaId}.`, chosen.map((c) => c.areaId));
  }
  return chosen[0] as PanelCase;
}

export async function who(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'see who submitted a panel case');
  if (input.place.scope !== 'personal') {
    throw validationError('Ask "panel who" in your personal chat with me, so the panel channel never sees who submitted a case.');
  }
  const [referenceText, areaText] = input.args.split(/\s+/).filter((w) => w.length > 0);
  const found = await findCase(input, services, referenceText, areaText, whoRoute.usage);
  await services.audit.record({ tenantId: input.caller.tenantId, actor: input.caller.aadObjectId, action: 'panel.who', target: `${found.areaId}:${found.reference}`, at: input.now });
  services.logger.info({ event: 'panel.who', area: found.areaId, reference: found.reference, by: input.caller.aadObjectId }, 'case submitter looked up');
  return reply.card(
    services.cards.render(noticeCard, {
      title: `Who submitted ${found.reference}`,
      message: `${found.submitter.name || 'Someone without a display name'} (${found.submitter.aadObjectId}) submitted this case to the ${found.areaId} panel on ${describeLondonDateTime(found.submittedAt)}.`,
      details: [
        found.status === 'advised' && found.advisedAt ? `Advice was sent on ${describeLondonDateTime(found.advisedAt)}.` : 'No advice has been sent yet.',
        'This look-up is recorded in the audit log.',
      ],
    }),
  );
}

export async function advise(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'send the panel\'s advice');
  const match = /^(\S+)\s*([\s\S]*)$/.exec(input.args.trim());
  const referenceText = match?.[1];
  let advice = (match?.[2] ?? '').trim();
  let areaText: string | undefined;
  const areaPrefix = /^area[:=]\s*([a-z0-9-]+)\s+/i.exec(advice);
  if (areaPrefix) {
    areaText = areaPrefix[1];
    advice = advice.slice(areaPrefix[0].length).trim();
  }
  const found = await findCase(input, services, referenceText, areaText, adviseRoute.usage);
  if (advice.length < 3) throw validationError(`Write the panel's advice after the reference. Usage: ${adviseRoute.usage}`);
  if (advice.length > MAX_ADVICE_TEXT) throw validationError(`Keep the advice to ${MAX_ADVICE_TEXT} characters or fewer (this is ${advice.length}).`);
  const problems = identifierProblems({ advice }, { advice: 'the advice' });
  if (problems.length > 0) {
    throw validationError('The advice was not sent: it contains something that could identify a child. Nothing was saved.', describeIdentifierProblems(problems));
  }
  const reference = await submitterReference(found, services);
  const card = services.cards.render(panelAdviceCard, { reference: found.reference, advice });
  await services.sender.send(reference, { card });
  await services.panels.recordAdvice(found.tenantId, found.areaId, found.reference, { text: advice, by: input.caller.aadObjectId, at: input.now });
  await services.audit.record({ tenantId: input.caller.tenantId, actor: input.caller.aadObjectId, action: 'panel.advise', target: `${found.areaId}:${found.reference}`, at: input.now });
  if (found.thread) {
    await services.sender.send(found.thread, { text: `Advice on ${found.reference} was sent to the school.` });
  }
  services.logger.info({ event: 'panel.advised', area: found.areaId, reference: found.reference, by: input.caller.aadObjectId, chars: advice.length }, 'panel advice sent');
  return reply.card(
    services.cards.render(noticeCard, {
      title: `Advice sent for ${found.reference}`,
      message: 'The person who submitted the case has the panel\'s advice in their personal chat with me.',
      details: found.status === 'advised' ? ['Advice had been sent for this case before; this is an update.'] : [],
      style: 'good',
    }),
  );
}

/** The submitter's personal chat: the stored installation if there is one, else a new 1:1 conversation. */
async function submitterReference(found: PanelCase, services: Services) {
  const installed = await services.installations.get(found.tenantId, found.submitter.conversationId);
  if (installed?.status === 'active') return installed.reference;
  const botId = found.thread?.bot.id ?? (await services.installations.listActive(found.tenantId)).find((i) => i.reference.bot.id)?.reference.bot.id;
  if (!botId) throw new AppError('not-found', 'I cannot reach the person who submitted this case: the bot is no longer installed for them. Ask them to open a chat with me and try again.');
  return services.sender.createPersonalConversation({ tenantId: found.tenantId, serviceUrl: found.submitter.serviceUrl, userId: found.submitter.aadObjectId, botId });
}

export async function cases(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'see panel case counts');
  const wanted = input.args.trim().toLowerCase();
  const panels = (await services.panels.listPanels(input.caller.tenantId)).filter((p) => !wanted || p.areaId === wanted);
  if (panels.length === 0) throw notFound(wanted ? `There is no panel for ${wanted}. "panel cases" with no area lists them all.` : 'No wellbeing panel is set up yet; run "panel create" in the panel\'s channel.');
  // Counts are worked out from the stored cases every time, so erased or purged cases drop out at once.
  const lines: string[] = [];
  for (const panel of panels) {
    const all = await services.panels.casesOfArea(input.caller.tenantId, panel.areaId);
    const open = all.filter((c) => c.status === 'open').length;
    lines.push(`${panel.areaId}: ${all.length} ${all.length === 1 ? 'case' : 'cases'} (${open} open, ${all.length - open} advised)`);
  }
  return reply.card(services.cards.render(noticeCard, { title: 'Panel cases', message: `${panels.length} ${panels.length === 1 ? 'panel' : 'panels'}.`, details: lines }));
}
