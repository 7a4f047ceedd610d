/** An audit row as use cases answer it (JSON), and the filters the audit log is read with. */
import { Type, type StringOptions } from '@sinclair/typebox';
import { InstantView, Nullable } from '../../contracts/schema-vocabulary.js';

/** An exact-match filter: trimmed; blank means no filter (decodes to null). */
export function FilterText(max: number, options: StringOptions = {}) {
  return Type.Transform(Type.String({ maxLength: max, ...options }))
    .Decode((value) => (value.trim() === '' ? null : value.trim()))
    .Encode((value) => value ?? '');
}

const Snapshot = Nullable(Type.Record(Type.String(), Type.Unknown()));

/** One audit row: who did what to which resource, with before/after snapshots. */
export const AuditEntryView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    orgId: Type.String({ format: 'uuid' }),
    actorKind: Type.String({ description: 'staff, client, worker, system or public' }),
    actorId: Type.String(),
    adminRole: Nullable(Type.String({ description: 'The staff role the actor acted in' })),
    action: Type.String({ description: '<resource>.<verb>, e.g. lead.create' }),
    resourceType: Type.String(),
    resourceId: Nullable(Type.String()),
    before: Snapshot,
    after: Snapshot,
    metadata: Type.Record(Type.String(), Type.Unknown()),
    requestId: Type.String(),
    createdAt: InstantView(),
  },
  { additionalProperties: false, $id: 'AuditEntry' },
);
