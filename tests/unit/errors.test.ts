// A handler words a repository's conflict its own way without looking at storage: `reworded` keeps the code and the
// cause and changes only the message, and leaves every other failure alone.
import { AppError, conflict, hasCode, reworded, validationError } from '../../bot/errors';

describe('reworded', () => {
  const wording = { conflict: 'Someone changed this post at the same moment. Press Save again.' };

  it('gives a conflict the handler\'s words, keeping the code and the original as its cause', async () => {
    const original = new AppError('conflict', undefined, { cause: new Error('412 from storage') });
    const error = await reworded(Promise.reject(original), wording).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'conflict', userMessage: wording.conflict, cause: original });
  });

  it('leaves other codes, unknown errors and successes as they are', async () => {
    const refused = validationError('The date is not right.', ['Give a date as DD/MM/YYYY.']);
    await expect(reworded(Promise.reject(refused), wording)).rejects.toBe(refused);
    const unknown = new Error('socket hang up');
    await expect(reworded(Promise.reject(unknown), wording)).rejects.toBe(unknown);
    await expect(reworded(Promise.resolve(42), wording)).resolves.toBe(42);
  });

  it('hasCode tells a conflict from anything else', () => {
    expect(hasCode(conflict(), 'conflict')).toBe(true);
    expect(hasCode(conflict(), 'not-found')).toBe(false);
    expect(hasCode(Object.assign(new Error('x'), { code: 'conflict' }), 'conflict')).toBe(false);
  });
});
