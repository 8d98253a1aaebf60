// Who the tab is in local mode (no MicrosoftAppId, as for the bot): the Agents Playground's current user, Alex Wilber
// (.m365agentsplayground.yml), so the page opened beside the Playground shows what the Playground's coordinator sees.
// Kept here rather than imported from the demo feature so `npm start` never loads the demo's modules; a unit test
// keeps the two in step.
import type { Caller } from '../../events';

export const LOCAL_TAB_USER: Caller = {
  tenantId: '5f0d3c2a-1b4e-4c6d-8e9f-0a1b2c3d4e5f',
  aadObjectId: 'a1e0c0de-0000-4000-8000-000000000020',
  name: 'Alex Wilber',
};
