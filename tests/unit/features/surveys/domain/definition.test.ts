// The shipped survey definitions load, and a definition's wording and scales come from data, not code.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSurveyFile, questionsOf, type RatingQuestion } from '../../../../../bot/features/surveys/domain/definition';

const dataFile = (kind: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', '..', '..', 'bot', 'features', 'surveys', 'data', `${kind}.json`), 'utf8')) as Record<string, unknown>;

describe('survey definitions', () => {
  it('CASCADE asks now and in a year for all seven dimensions on 1-5, over several cards, plus an optional next action', () => {
    const survey = parseSurveyFile(dataFile('cascade'), 'cascade.json');
    expect(survey.dimensions.map((d) => d.letter).join('')).toBe('CASCADE');
    expect(survey.pages.length).toBeGreaterThan(1);
    const ratings = questionsOf(survey).filter((q): q is RatingQuestion => q.type === 'rating');
    expect(ratings).toHaveLength(14);
    expect(ratings.every((q) => q.min === 1 && q.max === 5 && q.required)).toBe(true);
    expect(ratings.filter((q) => q.measure === 'now').map((q) => q.text)).toEqual(Array(7).fill('Where are we now?'));
    expect(ratings.filter((q) => q.measure === 'year')[0]?.text).toBe('Where do we want to be in a year?');
    const nextAction = questionsOf(survey).find((q) => q.type === 'text');
    expect(nextAction).toMatchObject({ id: 'next_action', required: false });
  });

  it('the pulse survey has the evaluation measures, with referral handling on 1-4', () => {
    const survey = parseSurveyFile(dataFile('pulse'), 'pulse.json');
    const items = questionsOf(survey) as RatingQuestion[];
    expect(items.map((q) => q.id)).toEqual([
      'contact_frequency',
      'communication',
      'relationships',
      'referral_routes',
      'knowledge',
      'referral_handling',
      'referral_timeliness',
      'referral_appropriateness',
    ]);
    const handling = items.find((q) => q.id === 'referral_handling')!;
    expect(handling.choices.map((c) => c.label)).toEqual(['Not at all satisfied', 'Not very satisfied', 'Fairly satisfied', 'Very satisfied']);
  });

  it('takes item text and scales from the file, so they change without code', () => {
    const file = dataFile('pulse') as { scales: Record<string, { max: number; labels: Record<string, string> }>; pages: { items: { text: string }[] }[] };
    file.pages[0]!.items[0]!.text = 'How often do you talk to CAMHS?';
    file.scales.frequency!.max = 3;
    file.scales.frequency!.labels = { '1': 'Rarely', '2': 'Sometimes', '3': 'Often' };
    const first = questionsOf(parseSurveyFile(file, 'edited.json'))[0] as RatingQuestion;
    expect(first.text).toBe('How often do you talk to CAMHS?');
    expect(first.choices).toEqual([{ value: 1, label: 'Rarely' }, { value: 2, label: 'Sometimes' }, { value: 3, label: 'Often' }]);
  });

  it('refuses a file with problems, naming the file and what is wrong', () => {
    const noScale = { ...dataFile('pulse'), scales: {} };
    expect(() => parseSurveyFile(noScale, 'bad-pulse.json')).toThrow(/bad-pulse.json uses scale "frequency"/);
    const missingDimension = dataFile('cascade') as { pages: { dimensions: string[] }[] };
    missingDimension.pages[0]!.dimensions = ['clarity'];
    expect(() => parseSurveyFile(missingDimension, 'bad-cascade.json')).toThrow(/missing: contact, structures/);
    expect(() => parseSurveyFile({ kind: 'poll' }, 'odd.json')).toThrow(/odd.json is not valid/);
    const labelOutside = dataFile('pulse') as { scales: Record<string, { labels: Record<string, string> }> };
    labelOutside.scales.agreement!.labels['7'] = 'Off the scale';
    expect(() => parseSurveyFile(labelOutside, 'labels.json')).toThrow(/scale labels must be keyed by values inside min..max/);
  });
});
