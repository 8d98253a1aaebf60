// Each risk concept recognised in several phrasings, each "must not fire" kind left alone, and the precedence rules.
import { shippedDetector } from '../../../../../support/risk';

const detect = shippedDetector();
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
