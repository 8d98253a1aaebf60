// The one area id rule that calendar import, network create, cohort create and panel create check and store.
import { isAreaId } from '../../../bot/domain/areas';

describe('area ids', () => {
  it('accepts the short ids coordinators type, e.g. telford-wrekin', () => {
    for (const id of ['kent', 'telford-wrekin', 'b2', 'north-tyneside-2']) expect(isAreaId(id)).toBe(true);
  });

  it('refuses ids that are too short or too long, capitals, spaces and other characters', () => {
    for (const id of ['', 'k', 'x'.repeat(41), 'Kent', 'north tyneside', '-kent', 'kent/medway']) expect(isAreaId(id)).toBe(false);
    expect(isAreaId('x'.repeat(40))).toBe(true);
  });
});
