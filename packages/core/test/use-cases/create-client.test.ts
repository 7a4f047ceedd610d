import { expect } from 'chai';
import { auditRows, coreFixture, expectInvalid, T0, type CoreFixture } from '../support/core-fixture.js';

const addr = (line1: string, extra: Record<string, unknown> = {}) => ({ line1, city: 'Leeds', ...extra });

describe('CreateClient', () => {
  let fx: CoreFixture;
  let orgId: string;

  beforeEach(async () => {
    fx = coreFixture();
    orgId = await fx.newOrg('acme');
  });

  it('creates a client with normalised fields and makes the first address primary when none says so', async () => {
    const [clientId, firstId, secondId] = [fx.ids.peek(1), fx.ids.peek(2), fx.ids.peek(3)];
    const client = await fx.core.clients.create.execute(fx.ctx(orgId), {
      name: '  Smith Household ',
      email: ' Home@Smiths.EXAMPLE ',
      phone: '+44 113 496 0000',
      notes: ' cat indoors ',
      addresses: [
        addr(' 1 High St ', { label: 'Home', accessNotes: ' key under mat ', country: 'gb', isPrimary: false }),
        addr('9 Office Park', { label: 'Office' }),
      ],
    });
    expect(client).to.deep.equal({
      id: clientId,
      orgId,
      name: 'Smith Household',
      email: 'home@smiths.example',
      phone: '+441134960000',
      notes: 'cat indoors',
      sourceLeadId: null,
      archivedAt: null,
      createdAt: T0,
      updatedAt: T0,
      addresses: [
        {
          id: firstId,
          orgId,
          clientId,
          line1: '1 High St',
          line2: null,
          city: 'Leeds',
          region: null,
          postalCode: null,
          country: 'GB',
          label: 'Home',
          accessNotes: 'key under mat',
          isPrimary: true,
          createdAt: T0,
          updatedAt: T0,
        },
        {
          id: secondId,
          orgId,
          clientId,
          line1: '9 Office Park',
          line2: null,
          city: 'Leeds',
          region: null,
          postalCode: null,
          country: null,
          label: 'Office',
          accessNotes: null,
          isPrimary: false,
          createdAt: T0,
          updatedAt: T0,
        },
      ],
    });
    expect(await fx.core.clients.get.execute(fx.ctx(orgId), { id: clientId })).to.deep.equal(client);
  });

  it('honours the address marked primary and lists it first', async () => {
    const client = await fx.core.clients.create.execute(fx.ctx(orgId), {
      name: 'X',
      addresses: [addr('A'), addr('B'), addr('C', { isPrimary: true })],
    });
    expect(client.addresses.map((a) => [a.line1, a.isPrimary])).to.deep.equal([
      ['C', true],
      ['A', false],
      ['B', false],
    ]);
  });

  it('creates a client without addresses or contact details', async () => {
    const client = await fx.core.clients.create.execute(fx.ctx(orgId), { name: 'Solo' });
    expect([client.email, client.phone, client.notes, client.addresses]).to.deep.equal([null, null, null, []]);
  });

  it('accepts exactly 20 addresses', async () => {
    const client = await fx.core.clients.create.execute(fx.ctx(orgId), { name: 'Big', addresses: Array.from({ length: 20 }, (_, i) => addr(`${i} Rd`)) });
    expect(client.addresses).to.have.length(20);
    expect(client.addresses.filter((a) => a.isPrimary).map((a) => a.line1)).to.deep.equal(['0 Rd']);
  });

  it('audits client.create with the whole client, addresses included', async () => {
    const auditId = fx.ids.peek(3);
    const client = await fx.core.clients.create.execute(fx.ctx(orgId, { actorId: 'user-5', role: 'dispatcher' }), { name: 'X', addresses: [addr('A')] });
    expect(auditRows(fx, orgId).at(-1)).to.deep.equal({
      id: auditId,
      orgId,
      actorKind: 'staff',
      actorId: 'user-5',
      actorRole: 'dispatcher',
      action: 'client.create',
      resourceType: 'client',
      resourceId: client.id,
      before: null,
      after: JSON.parse(JSON.stringify(client)),
      metadata: {},
      requestId: 'req-1',
      createdAt: T0,
    });
  });

  describe('validation.failed', () => {
    it('requires a name', async () => {
      await expectInvalid(fx.core.clients.create.execute(fx.ctx(orgId), ({} as never)), ['/name']);
      await expectInvalid(fx.core.clients.create.execute(fx.ctx(orgId), ({ name: null } as never)), ['/name']);
      await expectInvalid(fx.core.clients.create.execute(fx.ctx(orgId), { name: '  ' }), ['/name']);
    });

    it('refuses malformed contact fields', async () => {
      await expectInvalid(fx.core.clients.create.execute(fx.ctx(orgId), { name: 'X', email: 'a@b', phone: '12', notes: 'n'.repeat(5001) }), [
        '/email',
        '/phone',
        '/notes',
      ]);
    });

    it('refuses two primary addresses', async () => {
      const err = await expectInvalid(
        fx.core.clients.create.execute(fx.ctx(orgId), { name: 'X', addresses: [addr('A', { isPrimary: true }), addr('B', { isPrimary: true })] }),
        ['/addresses'],
      );
      expect(err.errors[0]!.detail).to.equal('at most one address can be primary');
    });

    it('refuses more than 20 addresses', async () => {
      const err = await expectInvalid(
        fx.core.clients.create.execute(fx.ctx(orgId), { name: 'X', addresses: Array.from({ length: 21 }, (_, i) => addr(`${i} Rd`)) }),
        ['/addresses'],
      );
      expect(err.errors[0]!.detail).to.equal('must have at most 20 items');
    });

    it('points into the bad address', async () => {
      await expectInvalid(
        fx.core.clients.create.execute(fx.ctx(orgId), ({
          name: 'X',
          addresses: [addr('A', { isPrimary: 'yes' }), { line1: 'B' }, addr('C', { label: 'l'.repeat(51), country: 'G1' })],
        } as never)),
        ['/addresses/0/isPrimary', '/addresses/1/city', '/addresses/2/label', '/addresses/2/country'],
      );
    });

    it('refuses addresses that are not an array, and writes nothing on failure', async () => {
      await expectInvalid(fx.core.clients.create.execute(fx.ctx(orgId), { name: 'X', addresses: { line1: 'A' } as never }), ['/addresses']);
      expect(fx.state.tables.clients.size).to.equal(0);
      expect(fx.state.tables.addresses.size).to.equal(0);
      expect(auditRows(fx, orgId)).to.deep.equal([]);
    });
  });
});
