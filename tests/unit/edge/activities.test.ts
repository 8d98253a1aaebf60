import { placeOf } from '../../../bot/edge/activities';
import { loadActivity } from '../../support/fixtures';

describe('where an activity happened', () => {
  it('keeps the team\'s Microsoft 365 group id, which Graph needs, beside the Teams thread id', () => {
    const place = placeOf(loadActivity('installation-add-team'));
    expect(place).toMatchObject({
      teamId: '19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2',
      teamAadGroupId: '2b4c6d8e-0f1a-4b3c-8d5e-7f9a1b3c5d7e',
    });
  });
});
