import { helpSections } from '../../../../../bot/features/help/domain/helpTopics';

const entry = (name: string) => ({ name, usage: name, description: `does ${name}` });

describe('help sections', () => {
  it('groups commands by topic in the order people need them, keeping each topic together', () => {
    const sections = helpSections([entry('roles grant'), entry('contacts'), entry('help'), entry('cohort create'), entry('workshop book'), entry('contacts area')]);
    expect(sections.map((s) => [s.title, s.commands.map((c) => c.name)])).toEqual([
      ['Getting started', ['help']],
      ['Referral contacts', ['contacts', 'contacts area']],
      ['Cohorts and workshops', ['cohort create', 'workshop book']],
      ['Administration', ['roles grant']],
    ]);
  });

  it('puts a command with no known topic under Other, last', () => {
    expect(helpSections([entry('zebra'), entry('help')]).map((s) => s.title)).toEqual(['Getting started', 'Other']);
  });
});
