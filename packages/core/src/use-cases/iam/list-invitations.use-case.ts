import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { PageOf } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { InvitationStatusView } from '../../domain/iam/iam-schemas.js';
import { invitationStatus } from '../../domain/identity/identity.js';
import type { Page } from '../../domain/shared/pagination.js';
import type { IamDeps } from './iam-support.js';
import type { InvitationView } from './invitation-support.js';

const contract = defineContract({
  name: 'ListInvitations',
  input: Type.Object({}, { additionalProperties: false }),
  output: PageOf(InvitationStatusView, { $id: 'InvitationPage', description: 'The whole list in one page (there is no next page)' }),
});

export type ListInvitationsInput = ContractInput<typeof contract>;

/** The org's invitations to existing accounts, newest first, with their status now, in one page. */
export class ListInvitations {
  static readonly contract = contract;

  constructor(private readonly deps: Pick<IamDeps, 'uow'>) {}

  async execute(ctx: RequestContext, input: ListInvitationsInput = {}): Promise<Page<InvitationView>> {
    checkInput(contract, input);
    const all = await this.deps.uow.run(ctx, (repos) => repos.invitations.list());
    return { items: all.map((invitation) => ({ invitation, status: invitationStatus(invitation, ctx.now) })), nextCursor: null };
  }
}
