import type { OrgSettings } from '../domain/orgs/org.js';

/** Settings of the org the unit of work is bound to. */
export interface OrgSettingsRepository {
  get(): Promise<OrgSettings | null>;
  update(settings: OrgSettings): Promise<void>;
}
