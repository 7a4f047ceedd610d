/**
 * A one-time code presented again is refused (sign-in, verification); the holder is told, since
 * whoever replayed it watched a code and likely knows the password.
 */
import type { RequestContext } from '../../context.js';
import type { UserAccount } from '../../domain/identity/identity.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { enqueueMessage, type MessageDeps } from '../outbox/enqueue-message.js';

/** Why a code was refused as already used: the time step of the code presented again (not shown to the caller). */
export class TotpCodeReplayed extends Error {
  override readonly name = 'TotpCodeReplayed';
  constructor(readonly step: number) {
    super('A one-time code was presented again');
  }
}

/** The time step of a replayed code when `err` (or an error it wraps) refused one, else null. */
export function replayedTotpStep(err: unknown): number | null {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof TotpCodeReplayed) return e.step;
  }
  return null;
}

/**
 * Tells the holder that a one-time code of theirs was used again and refused (someone may have
 * their password and have watched a code): one mail per time step of the code however many
 * replays, unless the org turned `security_notice` off. Runs in a small unit of work of its own
 * once the refusing one has rolled back: the refusal throws, so the notice cannot ride in that
 * unit, and the holder must hear of it all the same. A failure to enqueue never replaces the
 * refusal the caller is about to get.
 */
export async function noticeTotpReplay(
  deps: MessageDeps & { readonly uow: UnitOfWork },
  ctx: RequestContext,
  user: Pick<UserAccount, 'id' | 'email'>,
  refusal: unknown,
  clientIp: string | null,
): Promise<void> {
  const step = replayedTotpStep(refusal);
  if (step === null) return;
  await deps.uow
    .run(ctx, (repos) =>
      enqueueMessage(deps, repos, ctx, {
        channel: 'email',
        dedupeKey: `account:${user.id}:totp_replay:${step}`,
        template: 'security_totp_replay',
        to: user.email,
        toName: null,
        data: { at: ctx.now.toISOString(), clientIp },
        notification: 'security_notice',
      }),
    )
    .catch(() => undefined);
}
