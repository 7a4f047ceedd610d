import { expect } from 'chai';
import { AppError, type Client, type ClientAddress, type CreateClientInput } from '@cws/core';
import { MINUTE } from '../support/fixed-clock.js';
import { archiveClientDirectly, auditRows, coreFixture, expectAppError, expectInvalid, T0, type CoreFixture } from '../support/core-fixture.js';

const MISSING = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';

describe('client addresses', () => {
  let fx: CoreFixture;
  let orgId: string;

  beforeEach(async () => {
    fx = coreFixture();
    orgId = await fx.newOrg('acme');
  });

  const createClient = (addresses: CreateClientInput['addresses'] = []) => fx.core.clients.create.execute(fx.ctx(orgId), { name: 'Smiths', addresses });
  const primaryLines = (client: Client) => client.addresses.filter((a) => a.isPrimary).map((a) => a.line1);
  const lines = (client: Client) => client.addresses.map((a) => a.line1);
  const byLine = (client: Client, line1: string): ClientAddress => client.addresses.find((a) => a.line1 === line1)!;

  describe('AddClientAddress', () => {
    it('makes the first address of a client primary even when it says otherwise', async () => {
      const client = await createClient();
      fx.clock.advance(MINUTE);
      const addressId = fx.ids.peek(1);
      const after = await fx.core.clients.addAddress.execute(fx.ctx(orgId), { id: client.id, line1: 'A', city: 'Leeds', isPrimary: false, label: 'Home' });
      expect(after.addresses).to.deep.equal([
        {
          id: addressId,
          orgId,
          clientId: client.id,
          line1: 'A',
          line2: null,
          city: 'Leeds',
          region: null,
          postalCode: null,
          country: null,
          label: 'Home',
          accessNotes: null,
          isPrimary: true,
          createdAt: new Date(T0.getTime() + MINUTE),
          updatedAt: new Date(T0.getTime() + MINUTE),
        },
      ]);
    });

    it('adds a non-primary address by default and a primary one when asked, unmarking the old primary', async () => {
      const client = await createClient([{ line1: 'A', city: 'Leeds' }]);
      const withB = await fx.core.clients.addAddress.execute(fx.ctx(orgId), { id: client.id, line1: 'B', city: 'Leeds' });
      expect(primaryLines(withB)).to.deep.equal(['A']);
      fx.clock.advance(MINUTE);
      const withC = await fx.core.clients.addAddress.execute(fx.ctx(orgId), { id: client.id, line1: 'C', city: 'Leeds', isPrimary: true });
      expect(primaryLines(withC)).to.deep.equal(['C']);
      expect(lines(withC)).to.deep.equal(['C', 'A', 'B']);
      expect(byLine(withC, 'A').updatedAt).to.deep.equal(new Date(T0.getTime() + MINUTE));
    });

    it('audits client.address_add with the new address and its id', async () => {
      const client = await createClient();
      const [addressId, auditId] = [fx.ids.peek(1), fx.ids.peek(2)];
      const after = await fx.core.clients.addAddress.execute(fx.ctx(orgId), { id: client.id, line1: 'A', city: 'Leeds' });
      const row = auditRows(fx, orgId).at(-1)!;
      expect(row).to.deep.include({ id: auditId, action: 'client.address_add', resourceType: 'client', resourceId: client.id, before: null });
      expect(row.metadata).to.deep.equal({ address_id: addressId });
      expect(row.after).to.deep.equal(JSON.parse(JSON.stringify(after.addresses[0])));
    });

    it('validation.failed for a malformed address or client id', async () => {
      const client = await createClient();
      await expectInvalid(fx.core.clients.addAddress.execute(fx.ctx(orgId), ({ id: client.id, line1: ' ', isPrimary: 1 } as never)), [
        '/line1',
        '/city',
        '/isPrimary',
      ]);
      await expectInvalid(fx.core.clients.addAddress.execute(fx.ctx(orgId), { id: 'c1', line1: 'A', city: 'B' }), ['/id']);
    });

    it('validation.failed when the client already has 20 addresses', async () => {
      const client = await createClient(Array.from({ length: 20 }, (_, i) => ({ line1: `${i} Rd`, city: 'Leeds' })));
      const auditBefore = auditRows(fx, orgId).length;
      const err = await expectInvalid(fx.core.clients.addAddress.execute(fx.ctx(orgId), { id: client.id, line1: 'X', city: 'Y' }), ['/']);
      expect(err.errors[0]!.detail).to.equal('a client can have at most 20 addresses');
      expect((await fx.core.clients.get.execute(fx.ctx(orgId), { id: client.id })).addresses).to.have.length(20);
      expect(auditRows(fx, orgId)).to.have.length(auditBefore);
    });

    it('client.not_found for an unknown client', async () => {
      await expectAppError(fx.core.clients.addAddress.execute(fx.ctx(orgId), { id: MISSING, line1: 'A', city: 'B' }), 'client.not_found');
      expect(fx.state.tables.addresses.size).to.equal(0);
    });

    it('client.archived for an archived client', async () => {
      const client = await createClient();
      await archiveClientDirectly(fx, orgId, client.id, T0);
      await expectAppError(fx.core.clients.addAddress.execute(fx.ctx(orgId), { id: client.id, line1: 'A', city: 'B' }), 'client.archived');
      expect(fx.state.tables.addresses.size).to.equal(0);
    });
  });

  describe('UpdateClientAddress', () => {
    let client: Client;

    beforeEach(async () => {
      client = await createClient([
        { line1: 'A', city: 'Leeds', label: 'Home', postalCode: 'LS1' },
        { line1: 'B', city: 'York' },
      ]);
      fx.clock.advance(MINUTE);
    });

    it('changes the given fields and keeps the rest', async () => {
      const a = byLine(client, 'A');
      const after = await fx.core.clients.updateAddress.execute(fx.ctx(orgId), { id: client.id, addressId: a.id, city: ' Bradford ', postalCode: null });
      expect(byLine(after, 'A')).to.deep.equal({ ...a, city: 'Bradford', postalCode: null, updatedAt: new Date(T0.getTime() + MINUTE) });
      expect(byLine(after, 'B')).to.deep.equal(byLine(client, 'B'));
    });

    it('marking another address primary unmarks the old one', async () => {
      const after = await fx.core.clients.updateAddress.execute(fx.ctx(orgId), { id: client.id, addressId: byLine(client, 'B').id, isPrimary: true });
      expect(primaryLines(after)).to.deep.equal(['B']);
      expect(lines(after)).to.deep.equal(['B', 'A']);
    });

    it('accepts unmarking a non-primary address (no change)', async () => {
      const after = await fx.core.clients.updateAddress.execute(fx.ctx(orgId), { id: client.id, addressId: byLine(client, 'B').id, isPrimary: false });
      expect(primaryLines(after)).to.deep.equal(['A']);
    });

    it('audits client.address_update with before, after and the address id', async () => {
      const a = byLine(client, 'A');
      const after = await fx.core.clients.updateAddress.execute(fx.ctx(orgId), { id: client.id, addressId: a.id, label: 'Main' });
      const row = auditRows(fx, orgId).at(-1)!;
      expect(row).to.deep.include({ action: 'client.address_update', resourceId: client.id });
      expect(row.metadata).to.deep.equal({ address_id: a.id });
      expect(row.before).to.deep.equal(JSON.parse(JSON.stringify(a)));
      expect(row.after).to.deep.equal(JSON.parse(JSON.stringify(byLine(after, 'A'))));
    });

    it('validation.failed when unmarking the primary, writing nothing', async () => {
      const auditBefore = auditRows(fx, orgId).length;
      const err = await expectInvalid(
        fx.core.clients.updateAddress.execute(fx.ctx(orgId), { id: client.id, addressId: byLine(client, 'A').id, isPrimary: false, city: 'Hull' }),
        ['/isPrimary'],
      );
      expect(err.errors[0]!.detail).to.equal('mark another address primary instead of unmarking this one');
      expect(await fx.core.clients.get.execute(fx.ctx(orgId), { id: client.id })).to.deep.equal(client);
      expect(auditRows(fx, orgId)).to.have.length(auditBefore);
    });

    it('validation.failed for malformed fields and ids', async () => {
      await expectInvalid(
        fx.core.clients.updateAddress.execute(fx.ctx(orgId), { id: client.id, addressId: byLine(client, 'A').id, line1: '', country: 'X' }),
        ['/line1', '/country'],
      );
      await expectInvalid(fx.core.clients.updateAddress.execute(fx.ctx(orgId), { id: 'x', addressId: 'y', city: 'X' }), ['/id', '/addressId']);
    });

    it('client.not_found and client.address_not_found', async () => {
      await expectAppError(fx.core.clients.updateAddress.execute(fx.ctx(orgId), { id: MISSING, addressId: byLine(client, 'A').id, city: 'X' }), 'client.not_found');
      const err = await expectAppError(
        fx.core.clients.updateAddress.execute(fx.ctx(orgId), { id: client.id, addressId: MISSING, city: 'X' }),
        'client.address_not_found',
      );
      expect(err.details).to.deep.equal({ client_id: client.id, address_id: MISSING });
      const otherClient = await createClient([{ line1: 'Z', city: 'Leeds' }]);
      await expectAppError(
        fx.core.clients.updateAddress.execute(fx.ctx(orgId), { id: client.id, addressId: otherClient.addresses[0]!.id, city: 'X' }),
        'client.address_not_found',
      );
    });

    it('client.archived for an archived client', async () => {
      await archiveClientDirectly(fx, orgId, client.id, T0);
      await expectAppError(
        fx.core.clients.updateAddress.execute(fx.ctx(orgId), { id: client.id, addressId: byLine(client, 'B').id, city: 'X' }),
        'client.archived',
      );
    });
  });

  describe('RemoveClientAddress', () => {
    it('removes a non-primary address and keeps the primary', async () => {
      const client = await createClient([{ line1: 'A', city: 'L' }, { line1: 'B', city: 'L' }]);
      const after = await fx.core.clients.removeAddress.execute(fx.ctx(orgId), { id: client.id, addressId: byLine(client, 'B').id });
      expect(after.addresses).to.deep.equal([byLine(client, 'A')]);
    });

    it('promotes the oldest remaining address when the primary goes', async () => {
      const client = await createClient([{ line1: 'A', city: 'L' }]);
      // C gets the smaller id but the later time; D the larger id but the earlier time: D is the oldest.
      await fx.core.clients.addAddress.execute(fx.ctx(orgId, { now: new Date(T0.getTime() + 5 * MINUTE) }), { id: client.id, line1: 'C', city: 'L' });
      await fx.core.clients.addAddress.execute(fx.ctx(orgId, { now: new Date(T0.getTime() + 1 * MINUTE) }), { id: client.id, line1: 'D', city: 'L' });
      const removeAt = new Date(T0.getTime() + 9 * MINUTE);
      const after = await fx.core.clients.removeAddress.execute(fx.ctx(orgId, { now: removeAt }), { id: client.id, addressId: byLine(client, 'A').id });
      expect(lines(after)).to.deep.equal(['D', 'C']);
      expect(primaryLines(after)).to.deep.equal(['D']);
      expect(byLine(after, 'D').updatedAt).to.deep.equal(removeAt);
    });

    it('leaves a client with no addresses when the last one goes', async () => {
      const client = await createClient([{ line1: 'A', city: 'L' }]);
      const after = await fx.core.clients.removeAddress.execute(fx.ctx(orgId), { id: client.id, addressId: client.addresses[0]!.id });
      expect(after.addresses).to.deep.equal([]);
    });

    it('audits client.address_remove with the removed address', async () => {
      const client = await createClient([{ line1: 'A', city: 'L' }, { line1: 'B', city: 'L' }]);
      const b = byLine(client, 'B');
      await fx.core.clients.removeAddress.execute(fx.ctx(orgId), { id: client.id, addressId: b.id });
      const row = auditRows(fx, orgId).at(-1)!;
      expect(row).to.deep.include({ action: 'client.address_remove', resourceType: 'client', resourceId: client.id, after: null });
      expect(row.before).to.deep.equal(JSON.parse(JSON.stringify(b)));
      expect(row.metadata).to.deep.equal({ address_id: b.id });
    });

    it('validation.failed for non-UUID ids', async () => {
      await expectInvalid(fx.core.clients.removeAddress.execute(fx.ctx(orgId), { id: '1', addressId: '2' }), ['/id', '/addressId']);
    });

    it('client.not_found and client.address_not_found', async () => {
      const client = await createClient([{ line1: 'A', city: 'L' }]);
      await expectAppError(fx.core.clients.removeAddress.execute(fx.ctx(orgId), { id: MISSING, addressId: client.addresses[0]!.id }), 'client.not_found');
      await expectAppError(fx.core.clients.removeAddress.execute(fx.ctx(orgId), { id: client.id, addressId: MISSING }), 'client.address_not_found');
      expect(fx.state.tables.addresses.size).to.equal(1);
    });

    it('client.address_in_use when something still points at it: the address stays and nothing is audited', async () => {
      const client = await createClient([{ line1: 'A', city: 'L' }, { line1: 'B', city: 'L' }]);
      const auditBefore = auditRows(fx, orgId).length;
      fx.uow.overrides = () => ({
        clients: {
          deleteAddress: async (_clientId: string, addressId: string) => {
            throw new AppError('client.address_in_use', `Address ${addressId} is used by a booking`, { details: { address_id: addressId } });
          },
        },
      });
      const a = byLine(client, 'A');
      const err = await expectAppError(fx.core.clients.removeAddress.execute(fx.ctx(orgId), { id: client.id, addressId: a.id }), 'client.address_in_use');
      expect(err.kind).to.equal('conflict');
      fx.uow.overrides = null;
      expect(await fx.core.clients.get.execute(fx.ctx(orgId), { id: client.id })).to.deep.equal(client);
      expect(auditRows(fx, orgId)).to.have.length(auditBefore);
    });

    it('client.archived for an archived client', async () => {
      const client = await createClient([{ line1: 'A', city: 'L' }]);
      await archiveClientDirectly(fx, orgId, client.id, T0);
      await expectAppError(fx.core.clients.removeAddress.execute(fx.ctx(orgId), { id: client.id, addressId: client.addresses[0]!.id }), 'client.archived');
      expect(fx.state.tables.addresses.size).to.equal(1);
    });
  });
});
