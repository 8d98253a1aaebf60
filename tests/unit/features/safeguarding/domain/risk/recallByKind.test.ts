// Round 3's broader recall, kind by kind: belongings and "when I'm gone", hitting and head-banging, hair pulling,
// starving as self-punishment, and slips of key words that prefix phrases used to hide; with the ordinary look-alikes.
import { createRiskDetector } from '../../../../../../bot/features/safeguarding/domain/risk';
import { shippedLexicons } from '../../../../../support/risk';

const { model: _model, ...rulesOnly } = shippedLexicons();
/** The rules alone: each case here is a phrase, a rule or an exclusion, not something the second opinion learnt. */
const byRules = createRiskDetector(rulesOnly);
const flagged = (text: string) => [text, byRules(text).risk];

describe('recall by kind, in phrasings no labelled set holds', () => {
  it.each([
    ['a pet looked after "when I\'m gone"', 'Year 8 asked the caretaker to look after her guinea pig for her when she is gone.'],
    ['a pet fed after they have gone', 'He asked his form tutor who would feed his dog after he has gone.'],
    ['a sibling looked after', 'She made her cousin promise to take care of her baby sister when she is not around any more.'],
    ['a sibling, if anything happens', 'He keeps asking his best friend to look after his younger brothers if anything happens to him.'],
    ['belongings given, "won\'t need them"', 'She has handed out all her art stuff and her headphones and says she will not need them soon.'],
    ['belongings shared out in writing (rule belongings-shared-out-in-writing)', 'He wrote in his planner who gets his bike and his phone.'],
  ])('suicidal intent: %s', (_what, text) => {
    expect(flagged(text)).toEqual([text, true]);
  });

  it.each([
    ['punching themselves', 'A Year 5 punches himself in the stomach when he is told off.'],
    ['slapping their own face', 'She slaps her own face over and over when the room gets noisy.'],
    ['a fist into a wall', 'He put his fist through the wall in the boys toilets and his hand is a mess.'],
    ['head-banging in a special school', 'Our non-verbal pupil keeps banging his head against the wall of the quiet room.'],
    ['headbutting', 'In the SEMH base a boy has been headbutting the door until his forehead swelled.'],
    ['pulling hair out', 'She has been pulling out all her eyelashes and there are gaps along both lids.'],
    ['pulling hair out in clumps', 'He pulls his hair out in clumps during lessons.'],
    ['starving as self-punishment (rule starving-as-punishment)', 'She has not eaten since Sunday. She says she deserves to starve.'],
    ['an injury on the body, just now (rule injury-on-body-recently)', 'Her wrists - scratches, looked new this morning, she would not say how.'],
  ])('self-harm: %s', (_what, text) => {
    expect(flagged(text)).toEqual([text, true]);
  });

  it.each([
    ['a doubled letter in a word a prefix phrase also starts', 'She took a load of tabletts this morning.'],
    ['a wrong last letter', 'She took a load of tableta this morning.'],
    ['a missing letter', 'He is pullng his hair out again.'],
    ['text-speak with "2"', 'msg from a pupil: i want 2 die'],
    ['"imma"', 'he said imma end myself'],
  ])('typo tolerance and text-speak: %s', (_what, text) => {
    expect(flagged(text)).toEqual([text, true]);
  });
});

describe('the ordinary look-alikes of those phrasings', () => {
  it.each([
    ['pulling my hair out', 'The new report template is going to make me pull my hair out.'],
    ['head banging music', 'Can we turn down the head banging music in the sixth form common room?'],
    ['starving and deserving', 'We skipped lunch for the moderation meeting, we deserve cake.'],
    ['a fussy eater', 'He refuses to eat anything green at lunch, any ideas for the parents?'],
    ['"when I\'m gone" to a course', 'Could someone look after my tutor group while I am away on the course?'],
    ['a bumped head', 'He hit his head on the door frame playing tag; first aid given, mum informed.'],
    ['an accidental cut', 'She sliced her finger chopping peppers in food tech, plaster on.'],
  ])('%s', (_what, text) => {
    expect(flagged(text)).toEqual([text, false]);
  });

  it('reads "has not happened again" as resolved, not as a now-word', () => {
    const text = 'The head-banging last March was reviewed with the LD nurse and has not happened again.';
    expect(flagged(text)).toEqual([text, false]);
  });
});
