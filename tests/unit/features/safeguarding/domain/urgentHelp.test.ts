import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EMERGENCY_LINE, parseFrontDoor, parseUrgentHelpLines, splitEmergencyLines, urgentHelpSchema } from '../../../../../bot/features/safeguarding/domain/urgentHelp';
import { loadRiskDetector } from '../../../../../bot/features/safeguarding/urgentHelpService';

const root = path.join(__dirname, '..', '..', '..', '..', '..');
const data = urgentHelpSchema.parse(JSON.parse(readFileSync(path.join(root, 'bot', 'features', 'safeguarding', 'data', 'urgent-help.json'), 'utf8')));
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

  it('keeps only the lines in urgent-help.json: the risk words live in bot/features/safeguarding/data/risk/', () => {
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

describe("an area's safeguarding front door", () => {
  it('reads "<name>; <phone>; <hours>[; <out-of-hours phone>]" and keeps the digits a call button dials', () => {
    expect(parseFrontDoor("Salford Children's Services Front Door; 0161 603 4500; Mon-Fri 8:30-16:30; 0161 794 8888")).toEqual({
      ok: true,
      frontDoor: {
        name: "Salford Children's Services Front Door",
        phone: '0161 603 4500',
        tel: '01616034500',
        hours: 'Mon-Fri 8:30-16:30',
        outOfHours: { phone: '0161 794 8888', tel: '01617948888' },
      },
    });
    expect(parseFrontDoor('Oldham MASH; +44 (161) 770-7777; 24 hours;')).toEqual({ ok: true, frontDoor: { name: 'Oldham MASH', phone: '+44 (161) 770-7777', tel: '+441617707777', hours: '24 hours' } });
  });

  it.each([
    ['Oldham MASH; 0161 770 7777', 'separated by semicolons (you gave 2 parts)'],
    ['a; b; c; d; e', 'you gave 5 parts'],
    ['Oldham MASH; ring the office; 24 hours', 'phone: must be a phone number'],
    ['Oldham MASH; 12; 24 hours', 'phone: must have 3 to 15 digits'],
    ['Oldham MASH; 0161 770 7777; 24 hours; 0161 770 7777 0161 770 7777 0161', 'out-of-hours phone: keep it to 30 characters'],
    ['M; 0161 770 7777; 24 hours', "name: give the service's name"],
    [`${'x'.repeat(101)}; 0161 770 7777; 24 hours`, 'name: keep it to 100 characters'],
    ['Oldham MASH; 0161 770 7777; ', 'you gave 2 parts'],
  ])('refuses "%s", saying what is wrong', (text, expected) => {
    const result = parseFrontDoor(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join(' ')).toContain(expected);
  });

  it('puts 999 first whatever order a list has, and supplies it when an area\'s list has none', () => {
    const own = [{ name: 'Crisis line', how: 'Call 0800 953 0285', when: 'Any time', tel: '08009530285' }, { name: '999', how: 'Call 999', when: 'Emergency', tel: '999' }];
    expect(splitEmergencyLines(own)).toEqual({ emergency: [own[1]], others: [own[0]] });
    expect(splitEmergencyLines(data.lines).emergency.map((l) => l.tel)).toEqual(['999']);
    expect(EMERGENCY_LINE.tel).toBe('999');
  });
});
