import { expect } from 'chai';
import {
  FULL_PERSONAL_DATA,
  ROLES,
  maskEmail,
  maskPersonalFields,
  maskPhone,
  personalDataView,
  searchableFields,
  showEmail,
  showFreeText,
  showPhone,
  showStreet,
  type Actor,
  type Role,
} from '@cws/core';

const staff = (role: Role): Actor => ({ kind: 'staff', id: `user-${role}`, role });
const viewer = personalDataView(staff('viewer'));

describe('personal data policy', () => {
  it('masks contact details, street lines and free text for viewers only', () => {
    expect(viewer).to.deep.equal({ contact: true, street: true, free_text: true });
    for (const role of ROLES.filter((r) => r !== 'viewer')) expect(personalDataView(staff(role)), role).to.deep.equal(FULL_PERSONAL_DATA);
  });

  it('masks nothing for jobs and portals, whose surfaces show only their own or assigned records', () => {
    for (const kind of ['system', 'client', 'worker', 'public'] as const) expect(personalDataView({ kind, id: 'x', role: null })).to.deep.equal(FULL_PERSONAL_DATA);
  });

  it('lets a role search only the fields it sees in full: names for viewers, everything for the others', () => {
    expect(searchableFields(viewer)).to.deep.equal(['name']);
    for (const role of ROLES.filter((r) => r !== 'viewer')) expect(searchableFields(personalDataView(staff(role))), role).to.deep.equal(['name', 'email', 'phone']);
  });

  it('shows an email’s first letter and domain, a phone’s last two digits, and withholds street lines and free text', () => {
    expect(maskEmail('maria@example.com')).to.equal('m***@example.com');
    expect(maskEmail('@odd')).to.equal('***');
    expect(maskPhone('+12125550147')).to.equal('***47');
    expect(maskPhone('12')).to.equal('***');
    expect([showEmail(viewer, 'maria@example.com'), showPhone(viewer, '+12125550147'), showStreet(viewer, '221 W 79th St'), showFreeText(viewer, 'Gate 4412')]).to.deep.equal([
      'm***@example.com',
      '***47',
      '***',
      '***',
    ]);
    expect([showEmail(viewer, null), showPhone(viewer, null), showStreet(viewer, null), showFreeText(viewer, null)]).to.deep.equal([null, null, null, null]);
    expect(showFreeText(FULL_PERSONAL_DATA, 'Gate 4412')).to.equal('Gate 4412');
  });

  it('masks personal fields by name at any depth of a snapshot, in either spelling, and leaves the rest', () => {
    const snapshot = {
      id: 'b1',
      status: 'cancelled',
      notes: 'Alarm 7731',
      cancellationReason: 'Moved, call 917-555-0133',
      client: { email: 'wes.private@example.com', phone: '+19175550188', name: 'Wes' },
      addresses: [{ line1: '1 Secret Lane', line2: null, city: 'Springfield', access_notes: 'Key under mat' }],
      metadata: { reason: 'gate code 5521', client_id: 'c1' },
    };
    expect(maskPersonalFields(viewer, snapshot)).to.deep.equal({
      id: 'b1',
      status: 'cancelled',
      notes: '***',
      cancellationReason: '***',
      client: { email: 'w***@example.com', phone: '***88', name: 'Wes' },
      addresses: [{ line1: '***', line2: null, city: 'Springfield', access_notes: '***' }],
      metadata: { reason: '***', client_id: 'c1' },
    });
    expect(maskPersonalFields(FULL_PERSONAL_DATA, snapshot)).to.equal(snapshot);
    expect(maskPersonalFields(viewer, null)).to.equal(null);
  });
});
