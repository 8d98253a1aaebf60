import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseUrgentHelpLines, urgentHelpSchema } from '../../../bot/domain/urgentHelp';
import { loadRiskDetector } from '../../../bot/services/urgentHelp';

const root = path.join(__dirname, '..', '..', '..');
const data = urgentHelpSchema.parse(JSON.parse(readFileSync(path.join(root, 'bot', 'data', 'urgent-help.json'), 'utf8')));
const detect = loadRiskDetector(root);

describe('urgent help detection', () => {
  it.each([
    'Year 9 pupil talking about suicide',
    'she said she wants to die',
    'SELF-HARM referral',
    'took an overdose last night',
    'child is in danger at home',
    'self harming support',
    'he has been cutting himself',
    'Self-harmed again over the weekend',
    'pupil says he is not safe at home',
  ])(
    'flags "%s"',
    (text) => expect(detect(text).risk).toBe(true),
  );

  it.each([
    'eating disorder referral for a 14 year old',
    'who is our school link practitioner',
    'anxiety support in Salford',
    'cutting-edge support for exam stress',
    'hanging out with friends after school',
    'safeguarding lead contact',
  ])(
    'does not flag "%s"',
    (text) => expect(detect(text).risk).toBe(false),
  );

  it('starts the default list with 999', () => {
    expect(data.lines[0]?.tel).toBe('999');
  });

  it('keeps only the lines in urgent-help.json: the risk words live in bot/data/risk/', () => {
    expect(urgentHelpSchema.safeParse({ ...data, riskPhrases: ['suicide'] }).success).toBe(false);
  });
});

describe('an area\'s own urgent-help list', () => {
  it('accepts a pasted JSON list', () => {
    expect(parseUrgentHelpLines('[{"name": "Salford crisis line", "how": "Call 0800 953 0285", "when": "Any time", "tel": "08009530285"}]')).toEqual({
      ok: true,
      lines: [{ name: 'Salford crisis line', how: 'Call 0800 953 0285', when: 'Any time', tel: '08009530285' }],
    });
  });

  it('names the line and field that is wrong', () => {
    const result = parseUrgentHelpLines('[{"name": "A", "how": "Call", "when": "Any time", "tel": "0800 953"}]');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join()).toContain('line 1 tel');
    expect(parseUrgentHelpLines('nope')).toMatchObject({ ok: false });
    expect(parseUrgentHelpLines('[]')).toMatchObject({ ok: false });
  });
});
