// The demo area: an invented area (Riverbend) that `npm run dev` loads into empty storage so every feature has
// something to show in the Agents Playground (index.ts: loadDemoArea). It adds no tables, routes or jobs of its own.
import { defineFeature } from '../../routing/feature';

export const demoFeature = defineFeature({ name: 'demo' });
