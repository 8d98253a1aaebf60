import { readFileSync } from 'node:fs';
import path from 'node:path';
import { suggestsImmediateRisk, urgentHelpSchema } from '../../../bot/domain/urgentHelp';

const data = urgentHelpSchema.parse(JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'bot', 'data', 'urgent-help.json'), 'utf8')));

describe('urgent help detection', () => {
  it.each(['Year 9 pupil talking about suicide', 'she said she wants to die', 'SELF-HARM referral', 'took an overdose last night', 'child is in danger at home'])(
    'flags "%s"',
    (text) => expect(suggestsImmediateRisk(text, data.riskPhrases)).toBe(true),
  );

  it.each(['eating disorder referral for a 14 year old', 'who is our school link practitioner', 'anxiety support in Salford'])(
    'does not flag "%s"',
    (text) => expect(suggestsImmediateRisk(text, data.riskPhrases)).toBe(false),
  );

  it('starts the default list with 999', () => {
    expect(data.lines[0]?.tel).toBe('999');
  });
});
