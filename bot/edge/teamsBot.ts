// The Teams activity handler: turns each activity into a plain event for the dispatcher and sends back what it returns.
import {
  ActivityTypes,
  CardFactory,
  TeamsActivityHandler,
  TeamsInfo,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  type TurnContext,
} from 'botbuilder';
import { z } from 'zod';
import type { Dispatcher } from '../routing/dispatch';
import { asAppError, forbidden, validationError, type AppError } from '../errors';
import type { Mention, Reply } from '../events';
import { noticeCard } from '../platform/cards/notice';
import { callerOf, commandTextOf, filesOf, mentionsOf, placeOf, referenceOf, toActivity } from './activities';
import { CARD_ACTION_INVOKE, QUERY_INVOKE, SEARCH_INVOKE, searchValueSchema } from './envelope';
import { errorReplyFor, logAppError } from './errorResponder';

/** Told to anyone whose organisation is not in ALLOWED_TENANT_IDS. */
export const TENANT_REFUSAL =
  'This app is not set up for your organisation, so it cannot help here. If you think it should be, ask your Teams administrator to contact the Link Programme team.';

/** What an Action.Execute must carry; built once (a zod schema costs more to build than to use). */
const cardActionSchema = z.object({ verb: z.string().min(1), data: z.unknown().optional() });

/** Action.Submit fallback data carries the verb beside the fields, since Submit has no verb of its own. */
const submitFallbackSchema = z.object({ verb: z.string().min(1) }).loose();

export class TeamsBot extends TeamsActivityHandler {
  constructor(private readonly dispatcher: Dispatcher) {
    super();
  }

  private get services() {
    return this.dispatcher.services;
  }

  private now(): Date {
    return this.services.clock.now();
  }

  protected override async onMessageActivity(context: TurnContext): Promise<void> {
    const activity = context.activity;
    // Only a message without text can be a card's Action.Submit; ordinary messages skip the check.
    const submitted = activity.text ? undefined : submitFallbackSchema.safeParse(activity.value);
    if (submitted?.success) {
      // A client without Action.Execute support sent an Action.Submit: run the same card action, post its card.
      const result = await this.dispatcher.onCardAction({
        verb: submitted.data.verb,
        data: activity.value,
        caller: callerOf(activity),
        place: placeOf(activity),
        now: this.now(),
        activityId: activity.id ?? '',
      });
      // A card for the clicker alone is never posted where others would see it.
      if (result.privately && placeOf(activity).scope !== 'personal') {
        await this.send(context, { messages: [{ text: result.privately.sharedText }] });
        return;
      }
      await this.send(context, { messages: [{ card: result.card }, ...(result.messages ?? [])] });
      return;
    }
    const reply = await this.dispatcher.onText({
      text: commandTextOf(activity),
      mentions: await this.resolveMentions(context, mentionsOf(activity)),
      caller: callerOf(activity),
      place: placeOf(activity),
      now: this.now(),
      activityId: activity.id ?? '',
      files: filesOf(activity),
    });
    await this.send(context, reply);
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const activity = context.activity;
    try {
      const action = cardActionSchema.safeParse(invokeValue?.action);
      if (!action.success) {
        return this.cardActionRefusal(validationError('This card action has no verb, so nothing was saved. Ask for a new card with "help".'), activity.id);
      }
      const result = await this.dispatcher.onCardAction({
        verb: action.data.verb,
        // No data is a card with no inputs; `null` is no card's (handlers refuse it), and must not read as an empty form.
        data: action.data.data === undefined ? {} : action.data.data,
        caller: callerOf(activity),
        place: placeOf(activity),
        now: this.now(),
        activityId: activity.id ?? '',
      });
      if (result.messages && result.messages.length > 0) await this.send(context, { messages: result.messages });
      return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: result.card };
    } catch (thrown) {
      const error = asAppError(thrown);
      logAppError(this.services, error, activity.id, CARD_ACTION_INVOKE);
      return this.cardActionRefusal(error, activity.id);
    }
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== SEARCH_INVOKE) return super.onInvokeActivity(context);
    return { status: 200, body: await this.answerSearch(context) };
  }

  /**
   * A type-ahead search from a card (Teams' "typeahead search in Adaptive Cards"): the choices as a
   * `application/vnd.microsoft.search.searchResponse`, or an error in the Universal Actions error shape.
   */
  private async answerSearch(context: TurnContext): Promise<Record<string, unknown>> {
    const activity = context.activity;
    try {
      // The envelope check has already refused a value of the wrong shape; this types it.
      const value = searchValueSchema.parse(activity.value);
      const result = await this.dispatcher.onDataQuery({
        dataset: value.dataset,
        queryText: value.queryText ?? '',
        skip: value.queryOptions?.skip ?? 0,
        top: value.queryOptions?.top ?? 15,
        caller: callerOf(activity),
        place: placeOf(activity),
        now: this.now(),
        activityId: activity.id ?? '',
      });
      return { type: 'application/vnd.microsoft.search.searchResponse', value: { results: result.results.map(({ title, value: choice }) => ({ title, value: choice })) } };
    } catch (thrown) {
      const error = asAppError(thrown);
      logAppError(this.services, error, activity.id, SEARCH_INVOKE);
      // The Universal Actions error shape, from the one error table; the search invoke itself is answered 200.
      const { type, value } = errorReplyFor(error, 'card-action', { services: this.services, activityId: activity.id }).body;
      return { type, value };
    }
  }

  protected override async handleTeamsMessagingExtensionQuery(context: TurnContext, query: MessagingExtensionQuery): Promise<MessagingExtensionResponse> {
    const activity = context.activity;
    // The envelope check has typed these: a name and a string (or, from some clients, a boolean) value.
    const parameters: Record<string, string> = {};
    for (const parameter of query.parameters ?? []) {
      const value: unknown = parameter.value;
      if (typeof value === 'string' || typeof value === 'boolean') parameters[parameter.name ?? ''] = String(value);
    }
    try {
      const result = await this.dispatcher.onQuery({
        commandId: query.commandId ?? '',
        parameters,
        skip: query.queryOptions?.skip ?? 0,
        count: query.queryOptions?.count ?? 25,
        caller: callerOf(activity),
        place: placeOf(activity),
        now: this.now(),
        activityId: activity.id ?? '',
      });
      if (result.items.length === 0 && result.message) {
        return { composeExtension: { type: 'message', text: result.message } };
      }
      return {
        composeExtension: {
          type: 'result',
          attachmentLayout: 'list',
          attachments: result.items.map((item) => ({
            ...CardFactory.adaptiveCard(item.card),
            preview: CardFactory.thumbnailCard(item.preview.title, item.preview.text ?? ''),
          })),
        },
      };
    } catch (thrown) {
      const error = asAppError(thrown);
      logAppError(this.services, error, activity.id, QUERY_INVOKE);
      return errorReplyFor(error, 'search', { services: this.services, activityId: activity.id }).body;
    }
  }

  /**
   * The whole turn for an activity from a tenant not in ALLOWED_TENANT_IDS: a polite refusal in the shape the activity
   * expects, and no handler, so nothing is read or written in storage. Installation events are simply not recorded.
   */
  async refuseTenant(context: TurnContext): Promise<void> {
    const { activity } = context;
    if (activity.type === ActivityTypes.Message) {
      const card = this.services.cards.render(noticeCard, { title: 'Not available here', message: TENANT_REFUSAL, style: 'attention' });
      await context.sendActivity(toActivity({ card }));
    } else if (activity.type === ActivityTypes.Invoke) {
      const answerContext = { services: this.services, activityId: activity.id };
      const refusal = forbidden(TENANT_REFUSAL);
      const { status, body } = activity.name === QUERY_INVOKE ? errorReplyFor(refusal, 'search', answerContext) : errorReplyFor(refusal, 'card-action', answerContext);
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
    }
  }

  protected override async onInstallationUpdateAddActivity(context: TurnContext): Promise<void> {
    await this.recordInstallation(context, 'added');
  }

  protected override async onInstallationUpdateRemoveActivity(context: TurnContext): Promise<void> {
    await this.recordInstallation(context, 'removed');
  }

  protected override async onTeamsMembersAdded(context: TurnContext): Promise<void> {
    if (this.botIsAmong(context, context.activity.membersAdded)) await this.recordInstallation(context, 'added');
  }

  protected override async onTeamsMembersRemoved(context: TurnContext): Promise<void> {
    if (this.botIsAmong(context, context.activity.membersRemoved)) await this.recordInstallation(context, 'removed');
  }

  protected override async onTeamsTeamDeleted(context: TurnContext): Promise<void> {
    await this.recordInstallation(context, 'removed');
  }

  private botIsAmong(context: TurnContext, members: readonly { id: string }[] | undefined): boolean {
    return (members ?? []).some((member) => member.id === context.activity.recipient?.id);
  }

  private async recordInstallation(context: TurnContext, action: 'added' | 'removed'): Promise<void> {
    const activity = context.activity;
    const channelData = (activity.channelData ?? {}) as { team?: { name?: string | null } | null };
    const welcome = await this.dispatcher.onInstallation({
      action,
      place: placeOf(activity),
      reference: referenceOf(activity),
      now: this.now(),
      activityId: activity.id ?? '',
      name: channelData.team?.name ?? activity.conversation?.name ?? undefined,
    });
    try {
      await this.send(context, welcome);
    } catch (error) {
      // The installation is recorded; a greeting Teams could not take must not fail the install event (Teams would retry it).
      this.services.logger.warn({ event: 'welcome.send-failed', activityId: activity.id, name: (error as Error).name }, 'could not send the welcome card');
    }
  }

  /** Teams mentions carry the Teams user id; look up each person's Entra ID object id where Teams can tell us. */
  private async resolveMentions(context: TurnContext, mentions: Mention[]): Promise<Mention[]> {
    return Promise.all(
      mentions.map(async (mention) => {
        if (mention.aadObjectId) return mention;
        try {
          const member = await TeamsInfo.getMember(context, mention.userId);
          return { ...mention, aadObjectId: member.aadObjectId };
        } catch {
          // Not resolvable here (e.g. a local client); the command will ask for an object id instead.
          return mention;
        }
      }),
    );
  }

  private async send(context: TurnContext, reply: Reply): Promise<void> {
    for (const message of reply.messages) await context.sendActivity(toActivity(message));
  }

  /** A card action's error answer from the one table; botbuilder sends its `statusCode` as the HTTP status. */
  private cardActionRefusal(error: AppError, activityId: string | undefined): AdaptiveCardInvokeResponse {
    // botbuilder types the error body's `value` as a card; the body is the `application/vnd.microsoft.error` shape Teams reads.
    return errorReplyFor(error, 'card-action', { services: this.services, activityId }).body;
  }
}

