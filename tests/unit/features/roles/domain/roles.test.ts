import { canSee, effectiveRoles, hasRole } from '../../../../../bot/features/roles/domain/roles';

describe('roles', () => {
  it('lets a coordinator do what a facilitator can, not the other way round', () => {
    expect(hasRole(['coordinator'], 'facilitator')).toBe(true);
    expect(hasRole(['facilitator'], 'coordinator')).toBe(false);
    expect(hasRole([], 'facilitator')).toBe(false);
  });

  it('adds the bootstrap coordinators from configuration, ignoring case', () => {
    expect(effectiveRoles([], 'ABC', ['abc'])).toEqual(['coordinator']);
    expect(effectiveRoles(['facilitator'], 'x', ['abc'])).toEqual(['facilitator']);
  });

  it('shows coordinator commands only to coordinators', () => {
    expect(canSee([], 'everyone')).toBe(true);
    expect(canSee([], 'coordinator')).toBe(false);
    expect(canSee(['coordinator'], 'coordinator')).toBe(true);
  });
});
