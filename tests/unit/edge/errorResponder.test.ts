// The one error table: every code through every channel (message card, card-action invoke, search, other invoke), so
// no code can be missing a status or answer, a person always reads our words, and only our own faults show a reference.
import { ERROR_CHANNELS, ERROR_TABLE, errorReplyFor, logAppError } from '../../../bot/edge/errorResponder';
import { MAX_CARD_BYTES } from '../../../bot/platform/cards/render';
import { AppError, ERROR_CODES, type ErrorCode } from '../../../bot/errors';
import { CardRenderer } from '../../../bot/platform/cards/render';
import { captureLogs } from '../../support/logs';

const services = { cards: new CardRenderer() };
const ACTIVITY_ID = 'f:1234567890';

/** The status Teams gets for each code on an invoke; fixed here so a change to the table is a decision, not a slip. */
const EXPECTED_STATUS: Record<ErrorCode, number> = {
  validation: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  throttled: 429,
  'graph-permission': 500,
  'storage-unavailable': 503,
  internal: 500,
};

/** Every text a person would read on a card. */
function textsOf(card: Record<string, unknown>): string[] {
  return (card.body as { text?: string }[]).map((block) => block.text ?? '');
}

describe('the error table', () => {
  it('has a row for every code, with the status Teams gets for it', () => {
    expect(Object.keys(ERROR_TABLE).sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) expect(ERROR_TABLE[code].status).toBe(EXPECTED_STATUS[code]);
  });

  describe.each(ERROR_CODES.map((code) => [code]))('%s', (code) => {
    const error = new AppError(code, `What happened for ${code}. What to do next.`, { details: ['The first detail.'], cause: new Error('secret internals at db.ts:42') });
    const ours = code === 'internal' || code === 'storage-unavailable';

    it.each(ERROR_CHANNELS.map((channel) => [channel]))('never shows the cause\'s own text on %s', (channel) => {
      const reply = errorReplyFor(error, channel, { services, activityId: ACTIVITY_ID });
      expect(JSON.stringify(reply)).not.toMatch(/secret internals|db\.ts/);
    });

    it('as a message: a notice card with the message, the details, and a reference only when the fault is ours', () => {
      const { card } = errorReplyFor(error, 'message', { services, activityId: ACTIVITY_ID });
      const texts = textsOf(card);
      expect(texts[0]).toBe(ERROR_TABLE[code].title);
      expect(texts).toContain(`What happened for ${code}. What to do next.`);
      expect(texts).toContain('- The first detail.');
      expect(texts.some((text) => text.includes(ACTIVITY_ID))).toBe(ours);
    });

    it('as a card action: the mapped status, in the HTTP status and the Universal Actions error body', () => {
      const { status, body } = errorReplyFor(error, 'card-action', { services, activityId: ACTIVITY_ID });
      expect(status).toBe(EXPECTED_STATUS[code]);
      expect(body).toEqual({
        statusCode: EXPECTED_STATUS[code],
        type: 'application/vnd.microsoft.error',
        value: { code: ERROR_TABLE[code].invokeCode, message: `What happened for ${code}. What to do next. The first detail.` },
      });
    });

    it('as a search: HTTP 200 with a message, the only answer Teams shows', () => {
      expect(errorReplyFor(error, 'search', { services })).toEqual({
        status: 200,
        body: { composeExtension: { type: 'message', text: `What happened for ${code}. What to do next. The first detail.` } },
      });
    });

    it('as any other invoke: the mapped status alone', () => {
      expect(errorReplyFor(error, 'other-invoke', { services })).toEqual({ status: EXPECTED_STATUS[code] });
    });

    it('is logged with its code and status, and the cause\'s stack only when the fault is ours', () => {
      const logs = captureLogs();
      logAppError({ logger: logs.logger }, error, ACTIVITY_ID, 'message');
      const [line] = logs.lines();
      expect(line).toMatchObject({ event: 'turn.error', code, status: EXPECTED_STATUS[code], activityId: ACTIVITY_ID, where: 'message' });
      expect(line?.cause !== undefined).toBe(ours);
      expect(logs.raw()).not.toContain('What happened');
    });
  });

  it('still answers when the details quote a huge paste: lines cut short, as many as fit, then how many more', () => {
    // What the fuzz test once found: a member list of 4,231 NUL characters (6 bytes each in JSON) made the card too
    // large to send, so the person was told nothing.
    const pasted = new AppError('validation', 'Some members are not email addresses. Nothing was saved.', {
      details: ['\u0000'.repeat(4231), ...Array.from({ length: 500 }, (_, i) => `Line ${i + 2}: "${'x'.repeat(250)}" is not an email address.`)],
    });
    const { card } = errorReplyFor(pasted, 'message', { services, activityId: ACTIVITY_ID });
    expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThanOrEqual(MAX_CARD_BYTES);
    const texts = textsOf(card);
    expect(texts).toContain('Some members are not email addresses. Nothing was saved.');
    expect(texts.find((text) => text.startsWith('- \u0000'))?.length).toBeLessThanOrEqual(2 + 300);
    expect(texts.at(-1)).toMatch(/^- …and \d+ more\.$/);
    const { body } = errorReplyFor(pasted, 'card-action', { services });
    expect(Buffer.byteLength(JSON.stringify(body), 'utf8')).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(body.value.message).toMatch(/…and \d+ more\.$/);
  });

  it('uses each code\'s default wording when the thrower gave none', () => {
    for (const code of ERROR_CODES) {
      const { body } = errorReplyFor(new AppError(code), 'search', { services });
      expect(body.composeExtension.text).toBe(new AppError(code).userMessage);
    }
  });
});
