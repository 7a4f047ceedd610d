import { expect } from 'chai';
import { compareAddresses, compareNewestFirst, isAfterKey, type ClientAddress } from '@cws/core';
import { auditEntry, snapshot } from '../../src/domain/audit/audit-builder.js';
import { SequentialIds } from '../support/sequential-ids.js';

const at = (s: string) => new Date(`2026-03-02T${s}:00.000Z`);
const id = (n: number) => SequentialIds.format(n);

describe('compareAddresses', () => {
  const address = (n: number, createdAt: Date, isPrimary: boolean): ClientAddress => ({
    id: id(n),
    orgId: id(100),
    clientId: id(200),
    line1: `${n}`,
    line2: null,
    city: 'c',
    region: null,
    postalCode: null,
    country: null,
    label: null,
    accessNotes: null,
    isPrimary,
    createdAt,
    updatedAt: createdAt,
  });

  it('puts the primary first, then oldest first, then by id', () => {
    const rows = [address(1, at('10:00'), false), address(2, at('09:00'), false), address(3, at('11:00'), true), address(0, at('10:00'), false)];
    expect(rows.sort(compareAddresses).map((a) => a.line1)).to.deep.equal(['3', '2', '0', '1']);
  });
});

describe('newest-first keys', () => {
  it('orders by createdAt descending, then id descending', () => {
    const keys = [
      { createdAt: at('09:00'), id: id(1) },
      { createdAt: at('10:00'), id: id(2) },
      { createdAt: at('10:00'), id: id(3) },
    ];
    expect([...keys].sort(compareNewestFirst).map((k) => k.id)).to.deep.equal([id(3), id(2), id(1)]);
  });

  it('isAfterKey is true only for rows strictly after the key', () => {
    const key = { createdAt: at('10:00'), id: id(5) };
    expect(isAfterKey({ createdAt: at('10:00'), id: id(4) }, key)).to.equal(true);
    expect(isAfterKey({ createdAt: at('09:59'), id: id(9) }, key)).to.equal(true);
    expect(isAfterKey(key, key)).to.equal(false);
    expect(isAfterKey({ createdAt: at('10:00'), id: id(6) }, key)).to.equal(false);
    expect(isAfterKey({ createdAt: at('10:01'), id: id(1) }, key)).to.equal(false);
  });
});

describe('auditEntry', () => {
  it('takes the actor, org, request and time from the context and defaults before/after/metadata', () => {
    const ids = new SequentialIds();
    const ctx = { orgId: id(100), actor: { kind: 'worker' as const, id: 'w-1', role: null }, requestId: 'r-9', now: at('12:00') };
    expect(auditEntry(ctx, ids, { action: 'x.do', resourceType: 'x', resourceId: null })).to.deep.equal({
      id: id(1),
      orgId: id(100),
      actorKind: 'worker',
      actorId: 'w-1',
      actorRole: null,
      action: 'x.do',
      resourceType: 'x',
      resourceId: null,
      before: null,
      after: null,
      metadata: {},
      requestId: 'r-9',
      createdAt: at('12:00'),
    });
  });

  it('snapshot turns dates into ISO strings and drops undefined', () => {
    expect(snapshot({ when: at('08:00'), gone: undefined, nested: { n: 1 } })).to.deep.equal({ when: '2026-03-02T08:00:00.000Z', nested: { n: 1 } });
  });
});
