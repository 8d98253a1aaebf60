import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bankHolidaysFrom } from '../../../../../bot/domain/bankHolidays';
import { planMove, planWorkshops } from '../../../../../bot/features/workshops/domain/workshops';

const bankHolidays = bankHolidaysFrom(JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', '..', '..', 'bot', 'features', 'networks', 'data', 'bank-holidays.json'), 'utf8')));
const now = new Date('2026-11-23T10:00:00Z');
const context = { now, bankHolidays, schoolHolidayOn: (): string | undefined => undefined };

describe('planning the two workshops in London time', () => {
  it('defaults workshop 2 to six weeks later and converts GMT and BST wall-clock times correctly', () => {
    // 2027-02-16 is GMT; six weeks later, 2027-03-30, is after the clocks go forward (28 March 2027): BST.
    const plan = planWorkshops({ firstDate: '2027-02-16', startTime: '09:30', durationMinutes: 360 }, context);
    expect(plan.errors).toEqual([]);
    expect(plan.warnings).toEqual([]);
    expect(plan.workshops.map((w) => [w.date, w.start.toISOString(), w.localStart, w.localEnd])).toEqual([
      ['2027-02-16', '2027-02-16T09:30:00.000Z', '2027-02-16T09:30:00', '2027-02-16T15:30:00'],
      ['2027-03-30', '2027-03-30T08:30:00.000Z', '2027-03-30T09:30:00', '2027-03-30T15:30:00'],
    ]);
  });

  it('handles the autumn change: 09:30 before the clocks go back (31 October 2027) is BST, after it GMT', () => {
    const plan = planWorkshops({ firstDate: '2027-10-25', startTime: '09:30', secondDate: '2027-12-06', durationMinutes: 120 }, context);
    expect(plan.workshops.map((w) => w.start.toISOString())).toEqual(['2027-10-25T08:30:00.000Z', '2027-12-06T09:30:00.000Z']);
  });

  it('refuses a time that does not exist in London (spring-forward night)', () => {
    const plan = planWorkshops({ firstDate: '2027-03-28', startTime: '01:30', secondDate: '2027-05-10', durationMinutes: 60 }, context);
    expect(plan.errors.join(' ')).toMatch(/not a time that exists in London/);
  });

  it('refuses dates in the past, judged in London time', () => {
    const plan = planWorkshops({ firstDate: '2026-11-23', startTime: '09:30', durationMinutes: 60 }, context);
    expect(plan.errors).toEqual(['Workshop 1: 2026-11-23 at 09:30 is in the past. Choose a later date.']);
  });

  it('warns when the gap is under six weeks', () => {
    const plan = planWorkshops({ firstDate: '2027-02-16', startTime: '09:30', secondDate: '2027-03-16', durationMinutes: 60 }, context);
    expect(plan.errors).toEqual([]);
    expect(plan.warnings).toEqual(['The workshops are 28 days apart; the programme runs them about six weeks (42 days) apart.']);
  });

  it('warns about bank holidays from the GOV.UK list and about weekends', () => {
    // Easter Monday 2027 is 29 March; 2027-05-15 is a Saturday.
    const plan = planWorkshops({ firstDate: '2027-03-29', startTime: '10:00', secondDate: '2027-05-15', durationMinutes: 60 }, context);
    expect(plan.warnings).toEqual(['Workshop 1 is on a bank holiday: Easter Monday (2027-03-29).', 'Workshop 2 is on a weekend (2027-05-15).']);
  });

  it('warns about the area\'s school holidays when term dates say so', () => {
    const plan = planWorkshops(
      { firstDate: '2027-02-16', startTime: '09:30', durationMinutes: 60 },
      { ...context, schoolHolidayOn: (date: string) => (date === '2027-02-16' ? 'February half term' : undefined) },
    );
    expect(plan.warnings).toEqual(['Workshop 1 is in the school holidays: February half term (2027-02-16).']);
  });

  it('refuses a second workshop before the first', () => {
    const plan = planWorkshops({ firstDate: '2027-02-16', startTime: '09:30', secondDate: '2027-02-10', durationMinutes: 60 }, context);
    expect(plan.errors).toEqual(['The second workshop must be after the first.']);
  });

  it('checks a moved workshop against the other one\'s date, even when the other is already past', () => {
    const moved = planMove(2, '2026-12-15', '09:30', 60, '2026-11-20', context);
    expect(moved.errors).toEqual([]);
    expect(moved.warnings).toEqual(['The workshops are 25 days apart; the programme runs them about six weeks (42 days) apart.']);
    expect(moved.workshops.map((w) => w.localStart)).toEqual(['2026-12-15T09:30:00']);
  });
});
