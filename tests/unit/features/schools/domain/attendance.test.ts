// Who took part, pure: the programme's rule (someone from the school at both workshops), reading a Teams attendance
// report against the cohort's members, and when the attendance card is due.
import { attendanceDue, attendeesFromReport, bestProgress, schoolProgress } from '../../../../../bot/features/schools/domain/attendance';

describe('schoolProgress (the taken-part rule)', () => {
  const links = new Map([
    ['amy@a.sch.uk', 'A'],
    ['al@a.sch.uk', 'A'],
    ['ben@b.sch.uk', 'B'],
    ['cat@c.sch.uk', 'C'],
    ['dan@d.sch.uk', 'D'],
  ]);

  it('is "taken part" when someone from the school attended both workshops, "started" after one, else "not yet"', () => {
    const progress = schoolProgress(links, new Set(['amy@a.sch.uk', 'ben@b.sch.uk', 'cat@c.sch.uk']), new Set(['amy@a.sch.uk', 'dan@d.sch.uk']));
    expect(Object.fromEntries(progress)).toEqual({ A: 'taken part', B: 'started', C: 'started', D: 'started' });
  });

  it('needs the same person at both: two colleagues at one workshop each is "started"', () => {
    const progress = schoolProgress(links, new Set(['amy@a.sch.uk']), new Set(['al@a.sch.uk']));
    expect(progress.get('A')).toBe('started');
    expect(progress.get('B')).toBe('not yet');
  });

  it('keeps the best progress over several cohorts', () => {
    expect(bestProgress(undefined, 'not yet')).toBe('not yet');
    expect(bestProgress('started', 'not yet')).toBe('started');
    expect(bestProgress('started', 'taken part')).toBe('taken part');
  });
});

describe('attendeesFromReport', () => {
  const members = [
    { email: 'amy@a.sch.uk', userId: 'u-amy' },
    { email: 'ben@nhs.net', mail: 'Ben.Smith@nhs.net' },
    { email: 'cat@c.sch.uk', userId: 'u-cat' },
  ];

  it('matches by object id or address, adding up rejoins, and counts ten minutes or more', () => {
    const records = [
      { email: '', userId: 'u-amy', seconds: 400 },
      { email: 'amy@a.sch.uk', seconds: 300 },
      { email: 'ben.smith@nhs.net', seconds: 3600 },
      { email: 'cat@c.sch.uk', userId: 'u-cat', seconds: 120 },
      { email: 'stranger@x.org', seconds: 9000 },
    ];
    expect(attendeesFromReport(records, members)).toEqual(['amy@a.sch.uk', 'ben@nhs.net']);
  });
});

describe('attendanceDue', () => {
  const end = new Date('2027-02-01T15:30:00Z');
  it('is due from half an hour after the end for 14 days', () => {
    expect(attendanceDue(end, new Date('2027-02-01T15:45:00Z'))).toBe(false);
    expect(attendanceDue(end, new Date('2027-02-01T16:00:00Z'))).toBe(true);
    expect(attendanceDue(end, new Date('2027-02-15T15:30:00Z'))).toBe(true);
    expect(attendanceDue(end, new Date('2027-02-16T15:30:00Z'))).toBe(false);
  });
});
