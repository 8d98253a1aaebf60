// Uptake, pure: taken part of open schools in all and by phase, services left out, and the schools not yet reached.
import type { SchoolProgress } from '../../../../../bot/features/schools/domain/attendance';
import type { RegisterEntry } from '../../../../../bot/features/schools/domain/register';
import { notYetRows, uptakeFigures } from '../../../../../bot/features/schools/domain/uptake';

const school = (urn: string, phase: RegisterEntry['phase'], kind: RegisterEntry['kind'] = 'school'): RegisterEntry => ({ urn, name: `School ${urn}`, kind, phase });

describe('uptakeFigures', () => {
  const register = [school('1', 'primary'), school('2', 'primary'), school('3', 'primary'), school('4', 'secondary'), school('5', 'special'), school('S', 'other', 'service')];
  const progress = new Map<string, SchoolProgress>([
    ['1', 'taken part'],
    ['2', 'started'],
    ['4', 'taken part'],
    ['S', 'taken part'],
    ['gone', 'taken part'],
  ]);

  it('counts open schools only (no services, no URNs gone from the register), in numbers and per cent', () => {
    const figures = uptakeFigures(register, progress);
    expect({ open: figures.open, takenPart: figures.takenPart, started: figures.started, percent: figures.percent }).toEqual({ open: 5, takenPart: 2, started: 1, percent: 40 });
  });

  it('gives every phase, with per cents to one decimal', () => {
    const byPhase = Object.fromEntries(uptakeFigures(register, progress).byPhase.map((line) => [line.phase, [line.takenPart, line.open, line.percent]]));
    expect(byPhase).toEqual({
      primary: [1, 3, 33.3],
      secondary: [1, 1, 100],
      special: [0, 1, 0],
      'alternative provision': [0, 0, 0],
      'further education': [0, 0, 0],
      other: [0, 0, 0],
    });
  });

  it('lists the schools not yet taken part with how far they got', () => {
    const figures = uptakeFigures(register, progress);
    expect(notYetRows(figures)).toEqual([
      ['2', 'School 2', 'primary', 'started', '', ''],
      ['3', 'School 3', 'primary', 'not yet', '', ''],
      ['5', 'School 5', 'special', 'not yet', '', ''],
    ]);
  });

  it('is 0% of nothing for an empty register', () => {
    expect(uptakeFigures([], new Map()).percent).toBe(0);
  });
});
