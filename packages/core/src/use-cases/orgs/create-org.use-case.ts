import { Type } from '@sinclair/typebox';
import type { SystemContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { Currency, LeadAutoArchiveDays, OrgName, OrgSettingsView, OrgSlug, OrgView, TimeZone } from '../../domain/orgs/org-schemas.js';
import { DEFAULT_DUNNING_DAYS, DEFAULT_LOCALE, type Org, type OrgSettings } from '../../domain/orgs/org.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { OrgDirectory } from '../../ports/org-directory.port.js';

export interface CreateOrgDeps {
  readonly orgs: OrgDirectory;
  readonly ids: IdGenerator;
}

/** The fields an org is created with (bootstrap-owner takes them too). */
export const CreateOrgFields = {
  id: Type.Optional(Uuid({ description: 'Use this id instead of a new one (operators pinning DEFAULT_ORG_ID)' })),
  name: OrgName,
  slug: OrgSlug,
  timeZone: Type.Optional(TimeZone),
  currency: Type.Optional(Currency),
  leadAutoArchiveDays: Type.Optional(LeadAutoArchiveDays),
};

const contract = defineContract({
  name: 'CreateOrg',
  input: Type.Object(CreateOrgFields, { additionalProperties: false }),
  output: Type.Object({ org: OrgView, settings: OrgSettingsView }, { additionalProperties: false, $id: 'CreatedOrg' }),
});

export type CreateOrgInput = ContractInput<typeof contract>;

/**
 * Creates an org and its settings, with a system audit row, atomically (bootstrap, demo seed,
 * platform operators). Defaults: time zone UTC, currency USD, auto-archive off.
 * @throws validation.failed — bad name, slug, zone, currency, days or id.
 * @throws org.slug_taken — the slug is in use.
 */
export class CreateOrg {
  static readonly contract = contract;

  constructor(private readonly deps: CreateOrgDeps) {}

  async execute(sys: SystemContext, input: CreateOrgInput): Promise<{ org: Org; settings: OrgSettings }> {
    const checked = checkInput(contract, input);
    const id = checked.id ?? this.deps.ids.next();
    const org: Org = { id, name: checked.name, slug: checked.slug, createdAt: sys.now };
    const settings: OrgSettings = {
      orgId: id,
      timeZone: checked.timeZone ?? 'UTC',
      currency: checked.currency ?? 'USD',
      leadAutoArchiveDays: checked.leadAutoArchiveDays ?? null,
      locale: DEFAULT_LOCALE,
      notificationsDisabled: [],
      dunningDays: [...DEFAULT_DUNNING_DAYS],
      updatedAt: sys.now,
    };
    await this.deps.orgs.create(org, settings, {
      id: this.deps.ids.next(),
      actorId: sys.actor.id,
      action: 'org.create',
      reason: sys.reason,
      metadata: { org_id: org.id, slug: org.slug },
      requestId: sys.requestId,
      createdAt: sys.now,
    });
    return { org, settings };
  }
}
