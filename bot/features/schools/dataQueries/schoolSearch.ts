// The school picker's type-ahead (`application/search`, dataset `schools`): the register of the area of the cohort
// whose channel the card is in, searched by name, postcode or URN. A register is read once per generation.
import type { DataQueryInput, DataQueryResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { SCHOOLS_DATASET } from '../cards/schools';
import { cohortOfChannel } from '../links';

export const DATASET = SCHOOLS_DATASET;

/** Teams shows at most 15 choices; a client asking for more gets 15. */
const MOST = 15;

export async function handle(input: DataQueryInput, services: Services): Promise<DataQueryResult> {
  const cohort = await cohortOfChannel(input.place.tenantId, input.place.channelId, services);
  const results = await services.schools.search(input.place.tenantId, cohort.areaId, input.queryText.slice(0, 100), input.skip, Math.min(Math.max(input.top, 1), MOST));
  return { results };
}
