// Folding the feature manifests: a name, a table or a service two features claim, or a service needed before the
// feature that builds it, stops start-up with a message naming the features to fix.
import { buildServices, tablesOf } from '../../../bot/app';
import { reply } from '../../../bot/events';
import { FEATURES } from '../../../bot/features';
import type { PlatformServices } from '../../../bot/platform/services';
import { z } from 'zod';
import { defineCardAction } from '../../../bot/routing/cardAction';
import { defineFeature } from '../../../bot/routing/feature';
import { routeTableFor } from '../../../bot/routing/registerFeatures';

const handle = async () => reply.text('ok');
const command = (name: string) => ({ name, usage: name, description: name, audience: 'everyone' as const, handle });
const cardAction = (verb: string) => defineCardAction({ verb, data: z.object({}), outOfDate: 'This card is out of date.', handle: async () => ({ card: {} }) });
const base = { platform: {} as PlatformServices, root: '.', commands: () => [] };

describe('folding the feature manifests', () => {
  it('names both features when two register the same command or card verb', () => {
    const first = defineFeature({ name: 'cohorts', commands: [command('cohort list')], cardActions: [cardAction('cohort.create')] });
    expect(() => routeTableFor([first, defineFeature({ name: 'workshops', commands: [command('Cohort list')] })])).toThrow(
      'The command "cohort list" is registered twice (by the features "cohorts" and "workshops")',
    );
    expect(() => routeTableFor([first, defineFeature({ name: 'panel', cardActions: [cardAction('cohort.create')] })])).toThrow(
      'The card verb "cohort.create" is registered twice (by the features "cohorts" and "panel")',
    );
  });

  it('refuses a table two features claim, or one the platform has', () => {
    expect(() => tablesOf([defineFeature({ name: 'panel', tables: ['panels'] }), defineFeature({ name: 'posts', tables: ['panels'] })])).toThrow(
      'The table "panels" is claimed by the feature "panel" and by the feature "posts"',
    );
    expect(() => tablesOf([defineFeature({ name: 'posts', tables: ['installations'] })])).toThrow('claimed by the platform and by the feature "posts"');
  });

  it('refuses a service needed before the feature that builds it, naming the list to reorder', () => {
    const surveys = defineFeature({ name: 'surveys', services: ({ need }) => ({ surveyRuns: need('cohorts') as never }) });
    expect(() => buildServices([surveys], base, {})).toThrow('The feature "surveys" needs the service "cohorts", which no feature before it in bot/features/index.ts builds');
  });

  it('builds the shipped features in their listed order, every route claimed once', () => {
    const table = routeTableFor(FEATURES);
    expect(table.allCommands().length).toBeGreaterThan(40);
    expect(new Set(FEATURES.map((feature) => feature.name)).size).toBe(FEATURES.length);
  });
});
