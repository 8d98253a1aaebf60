// The register's pure rules: the uptake phase of an establishment, which GIAS rows are kept, hand-made rows, LA codes
// and what a re-import changes.
import { compareRegisters, judgeGiasRow, judgeHandmadeRow, parseLaCodes, uptakePhaseOf, type RegisterEntry } from '../../../../../bot/features/schools/domain/register';

describe('uptakePhaseOf', () => {
  it.each([
    [{ phase: 'Primary', type: 'Community school', typeGroup: 'Local authority maintained schools' }, 'primary'],
    [{ phase: 'Middle deemed primary', type: 'Academy converter' }, 'primary'],
    [{ phase: 'Secondary', type: 'Academy sponsor led', typeGroup: 'Academies' }, 'secondary'],
    [{ phase: 'Middle deemed secondary', type: 'Foundation school' }, 'secondary'],
    [{ phase: 'All-through', type: 'Free schools' }, 'secondary'],
    [{ phase: 'Not applicable', type: 'Community special school', typeGroup: 'Special schools' }, 'special'],
    [{ phase: 'Secondary', type: 'Academy special converter', typeGroup: 'Special schools' }, 'special'],
    [{ phase: 'Not applicable', type: 'Non-maintained special school', typeGroup: 'Special schools' }, 'special'],
    [{ phase: 'Not applicable', type: 'Other independent special school', typeGroup: 'Independent schools' }, 'special'],
    [{ phase: 'Not applicable', type: 'Pupil referral unit', typeGroup: 'Local authority maintained schools' }, 'alternative provision'],
    [{ phase: 'Secondary', type: 'Academy alternative provision sponsor led', typeGroup: 'Academies' }, 'alternative provision'],
    [{ phase: 'Not applicable', type: 'Free schools alternative provision', typeGroup: 'Free Schools' }, 'alternative provision'],
    [{ phase: '16 plus', type: 'Further education', typeGroup: 'Colleges' }, 'further education'],
    [{ phase: '16 plus', type: 'Sixth form centres', typeGroup: 'Colleges' }, 'further education'],
    [{ phase: '16 plus', type: 'Academy 16-19 converter', typeGroup: 'Academies' }, 'further education'],
    [{ phase: 'Nursery', type: 'Local authority nursery school' }, 'other'],
    [{ phase: 'Not applicable', type: 'Other independent school', typeGroup: 'Independent schools', lowAge: '3', highAge: '11' }, 'primary'],
    [{ phase: 'Not applicable', type: 'Other independent school', typeGroup: 'Independent schools', lowAge: '11', highAge: '18' }, 'secondary'],
    [{ phase: 'Not applicable', type: 'Other independent school', typeGroup: 'Independent schools', lowAge: '3', highAge: '18' }, 'other'],
    [{ phase: 'Not applicable', type: 'Higher education institutions', typeGroup: 'Universities' }, 'other'],
    [{}, 'other'],
  ])('%j is %s', (facts, expected) => {
    expect(uptakePhaseOf(facts)).toBe(expected);
  });
});

describe('judgeGiasRow', () => {
  const telford = new Set(['894']);
  const open = { urn: '123456', name: 'Hadley  Learning Community ', laCode: '894', laName: 'Telford and Wrekin', type: 'Community school', status: 'Open', phase: 'Primary', postcode: 'tf1 5nu' };

  it('keeps an open school of the area, tidied', () => {
    expect(judgeGiasRow(open, telford)).toEqual({
      kept: { urn: '123456', name: 'Hadley Learning Community', kind: 'school', phase: 'primary', laCode: '894', laName: 'Telford and Wrekin', type: 'Community school', postcode: 'TF1 5NU' },
    });
  });

  it('keeps one proposed to close, marked so', () => {
    const verdict = judgeGiasRow({ ...open, status: 'Open, but proposed to close' }, telford);
    expect('kept' in verdict && verdict.kept.proposedToClose).toBe(true);
  });

  it('skips other authorities, closed schools and ones not yet open', () => {
    expect(judgeGiasRow({ ...open, laCode: '352' }, telford)).toEqual({ skipped: 'other LA' });
    expect(judgeGiasRow({ ...open, status: 'Closed' }, telford)).toEqual({ skipped: 'closed' });
    expect(judgeGiasRow({ ...open, status: 'Proposed to open' }, telford)).toEqual({ skipped: 'proposed to open' });
  });

  it('calls a bad row of another authority "other LA", and a bad row of the area malformed with what is wrong', () => {
    expect(judgeGiasRow({ ...open, laCode: '352', urn: 'x' }, telford)).toEqual({ skipped: 'other LA' });
    expect(judgeGiasRow({ ...open, urn: 'abc', name: '' }, telford)).toEqual({ malformed: 'URN "abc" is not a number; EstablishmentName is empty', ofArea: true });
    expect(judgeGiasRow({ ...open, laCode: '' }, telford)).toEqual({ malformed: 'LA (code) "" is not a three-digit code', ofArea: true });
    expect(judgeGiasRow({ ...open, status: 'Shut' }, telford)).toMatchObject({ ofArea: true });
  });
});

describe('judgeHandmadeRow', () => {
  it('keeps schools and services, with phase words people use', () => {
    expect(judgeHandmadeRow({ urn: '123456', name: 'Madeley Academy', phase: 'Secondary' })).toEqual({ kept: { urn: '123456', name: 'Madeley Academy', kind: 'school', phase: 'secondary' } });
    expect(judgeHandmadeRow({ urn: 'cypmhs-1', name: 'Telford CYPMHS', phase: '', kind: 'Service' })).toEqual({ kept: { urn: 'CYPMHS-1', name: 'Telford CYPMHS', kind: 'service', phase: 'other' } });
    expect(judgeHandmadeRow({ urn: '1', name: 'The Bridge', phase: 'PRU' })).toMatchObject({ kept: { phase: 'alternative provision' } });
    expect(judgeHandmadeRow({ urn: '2', name: 'New College Telford', phase: 'FE' })).toMatchObject({ kept: { phase: 'further education' } });
  });

  it('names every problem of a bad row', () => {
    expect(judgeHandmadeRow({ urn: '', name: 'X', phase: 'infants', kind: 'shop' })).toEqual({
      malformed: expect.stringMatching(/URN is empty; phase "infants" is not primary.*; kind "shop" is not school or service/),
    });
  });
});

describe('parseLaCodes', () => {
  it('reads codes separated by spaces or commas, sorted and once each', () => {
    expect(parseLaCodes('894, 352 352')).toEqual({ codes: ['352', '894'] });
    expect(parseLaCodes('89')).toEqual({ bad: '89' });
    expect(parseLaCodes('  ')).toEqual({ none: true });
  });
});

describe('compareRegisters', () => {
  const entry = (urn: string, name: string): RegisterEntry => ({ urn, name, kind: 'school', phase: 'primary' });
  it('reports added, closed and renamed schools by URN', () => {
    const changes = compareRegisters([entry('1', 'A'), entry('2', 'B'), entry('3', 'C')], [entry('1', 'A'), entry('2', 'B Academy'), entry('4', 'D')]);
    expect(changes.added.map((e) => e.urn)).toEqual(['4']);
    expect(changes.closed.map((e) => e.urn)).toEqual(['3']);
    expect(changes.renamed).toEqual([{ urn: '2', from: 'B', to: 'B Academy' }]);
    expect(changes.unchanged).toBe(1);
  });
});
