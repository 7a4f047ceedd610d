import { Type } from '@sinclair/typebox';
import { DateTime, Nullable, Uuid } from './common.schemas.js';

/** One audit row: who did what to which resource, with before/after snapshots. */
export const AuditEntryView = Type.Object({
  id: Uuid,
  org_id: Uuid,
  actor_kind: Type.String(),
  actor_id: Type.String(),
  admin_role: Nullable(Type.String()),
  action: Type.String(),
  resource_type: Type.String(),
  resource_id: Nullable(Type.String()),
  before: Nullable(Type.Record(Type.String(), Type.Unknown())),
  after: Nullable(Type.Record(Type.String(), Type.Unknown())),
  metadata: Type.Record(Type.String(), Type.Unknown()),
  request_id: Type.String(),
  created_at: DateTime,
});
