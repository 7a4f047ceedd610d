import { AuditEntryView as CoreAuditEntryView } from '@cws/core';
import { wireSchema } from '../routing/wire-schema.js';

/** One audit row: who did what to which resource, with before/after snapshots (the core's view, as the wire names it). */
export const AuditEntryView = wireSchema(CoreAuditEntryView);
