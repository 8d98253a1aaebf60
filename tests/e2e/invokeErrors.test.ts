// What a card action or a search answers when its handler refuses: one mapping from an AppError's code to the status,
// 4xx for everything that is not the bot's fault (a clash with someone else's change, Microsoft being busy).
import { AppError, conflict, type ErrorCode } from '../../bot/errors';
import type { Dispatcher } from '../../bot/routing/dispatch';
import { appWithConnector } from '../support/connectorStub';
import { loadActivity } from '../support/fixtures';

describe('invoke answers for refused card actions and searches', () => {
  const running = appWithConnector();

  /** Makes the next card actions and searches throw `error`, as a handler would. */
  function handlersThrow(error: Error): void {
    const dispatcher = running.app.app.dispatcher as Dispatcher & Record<string, unknown>;
    dispatcher.onCardAction = async () => {
      throw error;
    };
    dispatcher.onQuery = async () => {
      throw error;
    };
  }
  afterEach(() => {
    const dispatcher = running.app.app.dispatcher as unknown as Record<string, unknown>;
    delete dispatcher.onCardAction;
    delete dispatcher.onQuery;
  });

  async function cardActionAnswer() {
    const response = await running.app.post('/api/messages', loadActivity('adaptive-card-action-personal', { serviceUrl: running.connector.serviceUrl }));
    return { status: response.status, body: response.json as { statusCode: number; type: string; value: { code: string; message: string } } };
  }

  it.each<[ErrorCode, number, string]>([
    ['validation', 400, 'BadRequest'],
    ['forbidden', 403, 'Forbidden'],
    ['not-found', 404, 'NotFound'],
    ['conflict', 409, 'Conflict'],
    ['throttled', 429, 'TooManyRequests'],
    ['storage-unavailable', 503, 'ServiceUnavailable'],
    ['internal', 500, 'InternalServerError'],
  ])('answers a card action refused with %s as %i %s, with the message', async (code, status, invokeCode) => {
    handlersThrow(new AppError(code));
    const answer = await cardActionAnswer();
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ statusCode: status, type: 'application/vnd.microsoft.error', value: { code: invokeCode, message: new AppError(code).userMessage } });
  });

  it('says what clashed for a conflict, not "something went wrong"', async () => {
    handlersThrow(conflict('Someone changed this post at the same moment. Press "Mark answered" again.'));
    const answer = await cardActionAnswer();
    expect(answer.status).toBe(409);
    expect(answer.body.value.message).toBe('Someone changed this post at the same moment. Press "Mark answered" again.');
  });

  it('answers a refused search with a message Teams shows (HTTP 200), worded by the same mapping', async () => {
    handlersThrow(new AppError('throttled'));
    const response = await running.app.post('/api/messages', loadActivity('compose-extension-query', { serviceUrl: running.connector.serviceUrl }));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ composeExtension: { type: 'message', text: new AppError('throttled').userMessage } });
    expect(running.app.logs.lines().at(-1)).toMatchObject({ event: 'turn.error', code: 'throttled', status: 429, where: 'composeExtension/query' });
  });
});
