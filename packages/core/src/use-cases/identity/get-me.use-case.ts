import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import type { Membership } from '../../domain/identity/identity.js';
import { SessionId, SignedInUserView } from '../../domain/identity/identity-schemas.js';
import { loadSession, type ResolvedSession } from './session-support.js';
import type { CredentialDeps } from './sign-in.use-case.js';

const contract = defineContract({
  name: 'GetMe',
  input: Type.Object({ sessionId: SessionId }, { additionalProperties: false }),
  output: SignedInUserView,
});

export type GetMeInput = ContractInput<typeof contract>;

/**
 * The signed-in user, their role here, and every org they may switch to.
 * @throws auth.session_revoked — the session ended.
 */
export class GetMe {
  static readonly contract = contract;

  constructor(private readonly deps: Pick<CredentialDeps, 'uow' | 'users' | 'sessionLookup'>) {}

  async execute(ctx: RequestContext, input: GetMeInput): Promise<ResolvedSession & { orgs: readonly Membership[] }> {
    const resolved = await loadSession(this.deps, ctx, checkInput(contract, input).sessionId);
    const orgs = (await this.deps.users.membershipsOf(resolved.user.id)).filter((m) => m.deactivatedAt === null);
    return { ...resolved, orgs };
  }
}
