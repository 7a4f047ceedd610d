import { expect } from 'chai';
import { PERMISSIONS, ROLES, can, isPermission, isRole, type Permission } from '@cws/core';

const permissions = Object.keys(PERMISSIONS) as Permission[];

describe('permissions', () => {
  it('lists only known roles, each at most once, for every permission', () => {
    expect(permissions.length).to.be.greaterThan(0);
    for (const p of permissions) {
      const roles = PERMISSIONS[p] as readonly string[];
      expect(roles.length, p).to.be.greaterThan(0);
      for (const role of roles) expect(isRole(role), `${p} lists ${role}`).to.equal(true);
      expect(new Set(roles).size, p).to.equal(roles.length);
    }
  });

  it('gives owner every permission, and admin every one but turning off another member\'s MFA', () => {
    for (const p of permissions) {
      expect(can('owner', p), p).to.equal(true);
      expect(can('admin', p), p).to.equal(p !== 'mfa.reset');
    }
  });

  it('keeps staff management, break-glass and the config viewer to owner and admin', () => {
    for (const p of ['iam.manage', 'breakglass.start', 'config.view'] as const) {
      expect(ROLES.filter((r) => can(r, p)), p).to.deep.equal(['owner', 'admin']);
    }
    expect([can('finance', 'finance.reconcile'), can('dispatcher', 'finance.view'), can('viewer', 'schedule.manage')]).to.deep.equal([true, false, false]);
  });

  it('agrees with the table for every role and permission', () => {
    for (const p of permissions) {
      for (const role of ROLES) expect(can(role, p), `${role} ${p}`).to.equal((PERMISSIONS[p] as readonly string[]).includes(role));
    }
  });

  it('grants nothing without a role', () => {
    for (const p of permissions) expect(can(null, p), p).to.equal(false);
  });

  it('keeps viewers and finance read-only on leads and clients, and dispatchers out of org and audit management', () => {
    expect([can('viewer', 'leads.view'), can('viewer', 'leads.manage'), can('finance', 'clients.manage')]).to.deep.equal([true, false, false]);
    expect([can('dispatcher', 'leads.manage'), can('dispatcher', 'org.manage'), can('dispatcher', 'audit.view')]).to.deep.equal([true, false, false]);
  });

  it('recognises permission and role names exactly', () => {
    expect([isPermission('leads.view'), isPermission('leads.delete'), isPermission('toString'), isPermission('__proto__')]).to.deep.equal([true, false, false, false]);
    expect([isRole('owner'), isRole('Owner'), isRole('superuser')]).to.deep.equal([true, false, false]);
  });
});
