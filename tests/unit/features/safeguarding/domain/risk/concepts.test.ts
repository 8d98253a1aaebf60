// Each risk concept recognised in several phrasings, each "must not fire" kind left alone, and the precedence rules.
import { createRiskDetector } from '../../../../../../bot/features/safeguarding/domain/risk';
import { shippedDetector, shippedLexicons } from '../../../../../support/risk';

const detect = shippedDetector();
/** The shipped lexicons without the statistical second opinion: what the rules alone say. */
function rulesAlone() {
  const { model: _model, ...lexicons } = shippedLexicons();
  return lexicons;
}
const flagged = (text: string) => detect(text).risk;

describe('the risk detector recognises each kind of risk in several phrasings', () => {
  it.each([
    ['suicidal intent said indirectly', [
      "A year 10 told me she doesn't want to be here anymore",
      'He says everyone would be better off without him',
      'She has been giving her things away and said goodbye to her friends',
      'Pupil says she cannot keep herself safe tonight',
      'He wrote a goodbye letter to his mum',
      'She has been researching painless ways to die',
      'He told me there is no point in living',
      'She is planning to end it this weekend',
    ]],
    ['overdose named by what was taken', [
      'She took 16 paracetamol this morning',
      "He has swallowed a load of his mum's tablets",
      'Pupil drank bleach at home',
      'She has been stockpiling her sertraline',
      'Year 9 took a whole packet of ibuprofen last night',
      'He took an overdose at the weekend',
    ]],
    ['self-harm described concretely', [
      'She has fresh cuts on her arm',
      'He is cutting again',
      'She burns herself with a lighter',
      'He keeps hitting himself in the face',
      'She tied a belt round her neck',
      'Deep cuts on his thighs that look self-inflicted',
    ]],
    ['immediate physical danger', [
      'She is on the roof and will not come down',
      'He is threatening to jump off the bridge',
      'A pupil is on the railway line behind school',
      'She has gone to the river and says she will jump',
      'He is standing in the middle of the road',
    ]],
    ['safeguarding emergencies', [
      'Her stepdad hit her last night and she is scared to go home',
      'He brought a knife into school and threatened to use it',
      'She disclosed that her uncle sexually abused her',
      'She is meeting a man she met on Snapchat after school',
      'He has gone missing and police think he is with older men',
      'She is being taken to Pakistan this summer to marry her cousin',
      'Her family are taking her to Somalia in the holidays to be cut',
      'He is terrified to go home tonight',
    ]],
  ])('%s', (_kind, texts) => {
    for (const text of texts) expect([text, flagged(text)]).toEqual([text, true]);
  });

  it('names the concepts and kinds that matched, never the text', () => {
    const assessment = detect('She took 20 paracetamol and says she wants to die');
    expect(assessment.risk).toBe(true);
    expect(assessment.kinds).toEqual(expect.arrayContaining(['overdose-poisoning', 'suicidal-intent']));
    expect(assessment.concepts).toEqual(expect.arrayContaining(['substance-taken-in-quantity', 'suicide-words']));
    expect(JSON.stringify(assessment)).not.toContain('paracetamol');
  });
});

describe('it does not fire on what must not fire', () => {
  it.each([
    ['professional requests', [
      'Can we book suicide prevention training for staff?',
      'Does anyone have a self-harm policy template?',
      'Looking for a lesson plan on suicide awareness for PSHE',
      'How do we handle a disclosure of abuse? Refreshing staff training',
      'Research on overdose admissions in under 18s for our governors report',
      'Assembly ideas for World Suicide Prevention Day',
    ]],
    ['idioms that borrow risk words', [
      'This inspection will be the death of me',
      'Our budget got slashed',
      'A knife-edge decision for the governors',
      'We have a drop-dead deadline on Friday',
      "I've been hanging on the phone to admissions all morning",
      'Year 11 are killing it',
      'I could kill for a coffee',
      'Shoot me an email',
      'I overdosed on caffeine before parents evening',
      'Can we jump on a call?',
      'The printer is dead',
      'Referrals have gone through the roof',
      'We are cutting it fine with the deadline',
      'That meeting was death by PowerPoint',
    ]],
    ['risk that is clearly past and resolved', [
      'She self-harmed in year 7 but stopped over a year ago',
      'He was discharged by CYPMHS after an overdose two years ago and has been well since',
      'Historic self harm, nothing since, now needs help with exam stress',
    ]],
    ['ordinary support requests', [
      'Year 10 with exam anxiety, who can help?',
      'Bereavement support for a pupil whose grandad died',
      'How long is the ADHD waiting list?',
      'A year 9 is not sleeping well',
      'Transition support for year 6',
      'Her uncle took his own life last year and she would like bereavement counselling',
    ]],
  ])('%s', (_kind, texts) => {
    for (const text of texts) expect([text, flagged(text)]).toEqual([text, false]);
  });
});

describe('precedence', () => {
  it('lets professional context explain only its own part: a present risk elsewhere still fires', () => {
    expect(flagged("She said she'll kill herself tonight, also can you send the policy template")).toBe(true);
    expect(flagged('We did the suicide prevention training, but one of my pupils has been cutting herself')).toBe(true);
    expect(flagged('Booking the suicide prevention training. Separately, a Y10 told me she wants to die.')).toBe(true);
  });

  it('lets a disclosure or "now" lift professional context in the same part', () => {
    expect(flagged('Following the self-harm training, a pupil told me she is self harming')).toBe(true);
    expect(flagged('For the policy: she disclosed she was raped')).toBe(true);
  });

  it('lets past context explain what comes before it in the sentence, not what follows', () => {
    expect(flagged('She self-harmed in year 8 but has not done so for over a year')).toBe(false);
    expect(flagged('She says she is much better now but showed me fresh cuts on her arm')).toBe(true);
    expect(flagged('She used to self-harm years ago and started cutting again last night')).toBe(true);
  });

  it('lets an idiom cover only its own words', () => {
    expect(flagged('This inspection will be the death of me')).toBe(false);
    expect(flagged('This inspection will be the death of me, and a pupil says she wants to die')).toBe(true);
  });

  it('drops a negated mention, but not a phrase whose meaning holds the negation', () => {
    expect(flagged('No self-harm or suicidal thoughts, just exam stress')).toBe(false);
    expect(flagged('She is not suicidal, she is anxious about exams')).toBe(false);
    expect(flagged("She doesn't want to be alive")).toBe(true);
    expect(flagged("He hasn't come home since Friday and is with older men")).toBe(true);
  });

  it('keeps risk when someone is unsure', () => {
    expect(flagged("I'm not sure if she is suicidal")).toBe(true);
    expect(flagged("I don't know whether he has taken an overdose")).toBe(true);
  });
});

describe('risk said without the usual words', () => {
  const byRules = createRiskDetector(rulesAlone());
  it.each([
    ['absence-pinned-to-a-time', 'My tutee told me she will not be around after half term so there is no need to plan her options'],
    ['belongings-and-absence', 'He gave his little sister his Xbox and said he will not be needing it where he is going'],
    ['farewell-in-writing', 'She left a note on her desk saying sorry for everything and that she loves us all'],
    ['ending-soon', 'A year 11 told his girlfriend he is going to get it over with tonight'],
    ['plan-and-hopelessness', 'She says there is no point any more and she has it all sorted'],
    ['countdown-to-ending', 'He has been counting down the days until he ends it'],
    ['reunion-with-the-dead', 'Since his brother died he keeps saying he wants to join his brother'],
    ['harm-act-on-purpose', 'She has been digging her nails into her arms on purpose until they bleed'],
    ['blood-on-clothing', 'There was blood on her shirt sleeve and she would not roll it up'],
    ['taken-with-symptoms', 'He drank some of his dad methadone and now he is really drowsy'],
    ['unknown-taken-with-symptoms', 'She took something at the party and now she is being sick and can not stay awake'],
    ['unauthorised-collection', 'A man is at the gate trying to take a year 4 boy, he has a court order against him'],
    ['sexual-contact-by-trusted-adult', 'She says her football coach touches her when they are alone'],
    ['gifts-from-exploiter', 'A man at the chip shop keeps giving the year 9 girls vapes and lifts home'],
    ['carrying-for-someone', 'Older lads gave him a package to take to a flat in Leeds after school'],
    ['fgm-with-a-country', 'Her aunt said she is getting done when they go to Somalia, the flights are booked for Saturday'],
  ])('%s: "%s"', (rule, text) => expect(byRules(text).concepts).toContain(rule));
});

describe('context that explains risk words away', () => {
  it.each([
    ['a year group that was then', 'She self-harmed in Year 8 but she is in Year 11 now and has had no incidents since.'],
    ['an earlier year group beside a later one', 'A Year 12 lad disclosed at the start of Year 9 that he had been hurt by a relative; police dealt with it and he is settled now.'],
    ['category labels in a records question', 'We are mapping our CPOMS categories: "Self-harm", "Suicidal ideation", "Missing" and "Overdose". How do other schools record them?'],
    ['a screening question answered no', 'I asked him directly about self-harm and whether he ever feels he does not want to be alive, and he said no.'],
    ['an ordinary departure', 'It is my last day today and I am giving away my classroom plants. I will not need them where I am going, a new job in Leeds!'],
    ['a figure gone off a cliff', 'Our attendance figures have gone off a cliff since the snow.'],
    ['throwing oneself into work', 'I am going to throw myself into the new scheme of work this weekend.'],
    ['weather killing plans', 'The rain is killing our plans for sports day.'],
    ['overdosing on food', 'Overdosed on mince pies at the staff party.'],
    ['an accident in a lesson', 'He burnt his hand on the oven in food tech; it was run under cold water and he is fine.'],
    ['fiction', 'Our drama piece is about a character who jumps from a bridge; how do we support rehearsals?'],
  ])('%s', (_kind, text) => expect(flagged(text)).toBe(false));

  it('keeps risk when the year group is today\'s, the risk is happening again, or the answer was yes', () => {
    expect(flagged('A girl in Year 10 told me a boy in Year 11 has been threatening to stab her after school.')).toBe(true);
    expect(flagged('She self-harmed in Year 8 and told me today she has started cutting again.')).toBe(true);
    expect(flagged('I asked her directly about self-harm and she said yes, she cut last night.')).toBe(true);
  });
});
