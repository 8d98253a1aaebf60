// The adapter's last resort: an error escaping an invoke's handler still gets an answer with the mapped status (botbuilder
// would answer 501), and a message gets the friendly error card.
import { errorAnswerFor } from '../../../bot/edge/errorResponder';
import { createTurnErrorHandler } from '../../../bot/edge/turnError';
import { AppError } from '../../../bot/errors';
import type { Services } from '../../../bot/platform/services';
import { captureLogs } from '../../support/logs';

type TurnContext = Parameters<ReturnType<typeof createTurnErrorHandler>>[0];

function fakeContext(activity: Record<string, unknown>) {
  const sent: Record<string, unknown>[] = [];
  const context = { activity, sendActivity: async (a: Record<string, unknown>) => void sent.push(a) } as unknown as TurnContext;
  return { context, sent };
}

describe('the turn error handler', () => {
  const logs = captureLogs();
  const services = { logger: logs.logger, cards: { render: () => ({ type: 'AdaptiveCard' }) } } as unknown as Services;
  const handler = createTurnErrorHandler(services);

  it('answers a failed card action invoke with the mapped status and an error body', async () => {
    const { context, sent } = fakeContext({ type: 'invoke', name: 'adaptiveCard/action', id: 'a1' });
    await handler(context, new AppError('conflict'));
    expect(sent).toEqual([
      { type: 'invokeResponse', value: { status: 409, body: { statusCode: 409, type: 'application/vnd.microsoft.error', value: { code: 'Conflict', message: new AppError('conflict').userMessage } } } },
    ]);
  });

  it('answers a failed search with a message, HTTP 200, and an unknown error without its own text', async () => {
    const { context, sent } = fakeContext({ type: 'invoke', name: 'composeExtension/query', id: 'a2' });
    await handler(context, new Error('secret internals'));
    expect(sent).toEqual([{ type: 'invokeResponse', value: { status: 200, body: { composeExtension: { type: 'message', text: new AppError('internal').userMessage } } } }]);
  });

  it('sends the error card for a message, and nothing for an installation event', async () => {
    const message = fakeContext({ type: 'message', id: 'a3' });
    await handler(message.context, new AppError('validation', 'Fix this.'));
    expect(message.sent[0]).toMatchObject({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }] });
    const installation = fakeContext({ type: 'installationUpdate', id: 'a4' });
    await handler(installation.context, new AppError('internal'));
    expect(installation.sent).toEqual([]);
  });

  it('maps every code to a status: 4xx unless the fault is the bot\'s', () => {
    expect(['validation', 'forbidden', 'not-found', 'conflict', 'throttled'].map((code) => errorAnswerFor(new AppError(code as never)).status)).toEqual([400, 403, 404, 409, 429]);
    expect(['internal', 'graph-permission', 'storage-unavailable'].map((code) => errorAnswerFor(new AppError(code as never)).status)).toEqual([500, 500, 503]);
    expect(errorAnswerFor(new AppError('validation', 'Not saved:', { details: ['Name is missing.'] })).message).toBe('Not saved: Name is missing.');
  });
});
