// Retention arithmetic: calendar months back from now; a panel case's clock starts at advice (else submission).
import { DEFAULT_RETENTION, panelCaseExpired, retentionCutoff } from '../../../bot/domain/retention';

describe('retention', () => {
  it('defaults to the issue\'s periods', () => {
    expect(DEFAULT_RETENTION).toEqual({ responsesMonths: 24, panelCasesMonths: 12, auditMonths: 72 });
  });

  it('counts calendar months back, clamping to the month\'s end', () => {
    expect(retentionCutoff(new Date('2027-03-31T12:00:00Z'), 1).toISOString()).toBe('2027-02-28T12:00:00.000Z');
    expect(retentionCutoff(new Date('2032-11-23T00:00:00Z'), 72).toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });

  it('starts a panel case\'s retention at advice, or at submission for a case never advised', () => {
    const submitted = new Date('2026-01-01T00:00:00Z');
    const advised = new Date('2026-06-01T00:00:00Z');
    expect(panelCaseExpired(submitted, advised, new Date('2027-05-31T00:00:00Z'), 12)).toBe(false);
    expect(panelCaseExpired(submitted, advised, new Date('2027-06-02T00:00:00Z'), 12)).toBe(true);
    expect(panelCaseExpired(submitted, undefined, new Date('2027-01-02T00:00:00Z'), 12)).toBe(true);
  });
});
