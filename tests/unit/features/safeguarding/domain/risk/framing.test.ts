// Professional framing and incidents that are past and closed leave risk words alone; a particular child at risk now still fires.
import { createRiskDetector } from '../../../../../../bot/features/safeguarding/domain/risk';
import { shippedLexicons } from '../../../../../support/risk';

const { model: _model, ...rulesOnly } = shippedLexicons();
/** The rules alone: these are rules and exclusions, so the statistical second opinion must not be what passes them. */
const byRules = createRiskDetector(rulesOnly);
const flagged = (text: string) => [text, byRules(text).risk];

describe('professional framing, when no particular child is at risk now', () => {
  it.each([
    ['a guideline or a reading group', 'Our reading group is looking at the new guideline on self-harm in adolescents next week.'],
    ['a definition or terminology', 'What definition of self-harm do the local CYPMHS use? Ours counts hair pulling, theirs does not.'],
    ['terms of reference', 'Draft terms of reference: referrals about suicidal thoughts go to the crisis line first, not to this group.'],
    ['a research trial or programme', 'A university team is running a trial of a peer programme that aims to reduce self harm in secondary schools.'],
    ['a research question', 'Research question: is there good evidence that asking about suicide plants the idea?'],
    ['a talk about dangers', 'The fire service came in to talk to Year 9 about the dangers of swimming in the quarry.'],
    ['a multi-agency meeting about exploitation', 'Who chairs the multi-agency child exploitation meeting in our borough? We need the dates.'],
    ['a local offer for young people at risk', 'Has anyone put together the local offer for young people at risk of child criminal exploitation?'],
    ['a medicines policy', 'Updating the medicines policy: is there guidance on how many doses of paracetamol staff can give a pupil?'],
    ['a case review', 'Lessons learned from a serious case review about a teenager who self-harmed, for our staff briefing.'],
  ])('%s', (_what, text) => {
    expect(flagged(text)).toEqual([text, false]);
  });

  it('keeps "nothing to suggest she would hurt herself" as a negation', () => {
    const text = 'Year 9 girl is very anxious about the mocks. Nothing to suggest she would hurt herself, just nerves.';
    expect(flagged(text)).toEqual([text, false]);
  });

  it.each([
    'After the self-harm training today, a Year 8 pupil of mine showed me fresh cuts on her arm.',
    'We are redrafting our policy, but right now a Year 10 is telling me she has a plan to end her life tonight.',
    'Reading group cancelled: a pupil of mine is on the roof of the sports hall threatening to jump.',
    'For the research project I interviewed a Year 11 who said she took 20 paracetamol this morning.',
    'A 14 year old on my caseload messaged to say she is in a car with men she does not know.',
  ])('still fires for a particular child now: %s', (text) => {
    expect(flagged(text)).toEqual([text, true]);
  });
});

describe('an incident dated in the past and closed, reviewed or well since', () => {
  it.each([
    ['a one-off, with the date', 'The overdose last Easter was a one-off; CAMHS saw her and she is in a good place. Ideas for a phased return?'],
    ['a reviewed incident', 'The ligature incident last November was fully reviewed and she has been well since. Can we close the file?'],
    ['a safety plan closed', 'The pupil who told us last summer that she wanted to die has settled brilliantly; her safety plan was closed in October.'],
    ['a mix-up', 'The missing child alert last Tuesday was a mix-up, he was at his gran as arranged. Nothing to worry about.'],
    ['stopped, through lockdown', 'A lad at my last school who cut himself through lockdown completely stopped once he was back with his friends.'],
  ])('%s', (_what, text) => {
    expect(flagged(text)).toEqual([text, false]);
  });

  it.each([
    'The overdose last Easter was a one-off, but she told me today she has been saving her tablets again.',
    'Her safety plan was closed in October, but last night she posted that she wants to die.',
    'A former pupil, 17, is on the bridge over the bypass sending goodbye messages to her old tutor.',
  ])('still fires when it is happening now: %s', (text) => {
    expect(flagged(text)).toEqual([text, true]);
  });

  it('does not read a date alone as past: "last October" without anything closed still fires', () => {
    const text = 'Since last October she has been cutting her arms and says she cannot stop.';
    expect(flagged(text)).toEqual([text, true]);
  });
});
