import { claimAt, rolesFromClaim } from './roles';

describe('roles from an identity provider claim', () => {
  it.each([
    [
      ['sales', 'auditor'],
      ['sales', 'auditor'],
    ],
    [['Admin', 'superuser', 'analyst'], ['analyst']],
    ['integration sales', ['sales', 'integration']],
    ['auditor,admin', ['admin', 'auditor']],
    [undefined, []],
    [42, []],
    [[{ role: 'admin' }], []],
  ])('maps %j to %j, ignoring names we do not know', (claim, roles) => expect(rolesFromClaim(claim)).toEqual(roles));

  it('reads a claim by its exact name first (claims may be URLs), then by dotted path', () => {
    const payload = { 'https://crm.example.com/roles': ['sales'], realm_access: { roles: ['auditor'] }, roles: 'admin' };
    expect(claimAt(payload, 'https://crm.example.com/roles')).toEqual(['sales']);
    expect(claimAt(payload, 'realm_access.roles')).toEqual(['auditor']);
    expect(claimAt(payload, 'roles')).toBe('admin');
    expect(claimAt(payload, 'realm_access.groups.roles')).toBeUndefined();
  });
});
