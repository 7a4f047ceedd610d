import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { OrgSettingsView } from '../../domain/orgs/org-schemas.js';
import type { OrgSettings } from '../../domain/orgs/org.js';
import { AppError } from '../../errors/app-error.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface GetOrgSettingsDeps {
  readonly uow: UnitOfWork;
}

const contract = defineContract({ name: 'GetOrgSettings', input: Type.Object({}, { additionalProperties: false }), output: OrgSettingsView });

export type GetOrgSettingsInput = ContractInput<typeof contract>;

/**
 * The settings of the caller's org.
 * @throws org.not_found — the org has no settings row (it does not exist).
 */
export class GetOrgSettings {
  static readonly contract = contract;

  constructor(private readonly deps: GetOrgSettingsDeps) {}

  async execute(ctx: RequestContext, input: GetOrgSettingsInput = {}): Promise<OrgSettings> {
    checkInput(contract, input);
    const settings = await this.deps.uow.run(ctx, (repos) => repos.orgSettings.get());
    if (settings === null) throw orgSettingsMissing(ctx.orgId);
    return settings;
  }
}

export function orgSettingsMissing(orgId: string): AppError {
  return new AppError('org.not_found', `Organisation ${orgId} has no settings`, { details: { org_id: orgId } });
}
