/**
 * How presenters mask personal data: by the core's policy (packages/core/src/access/
 * personal-data.ts), the same one the list use cases search by, so a role cannot search on what
 * its responses hide. A VIEWER sees enough to recognise a record (the name, the town, the
 * email's first letter and domain, the phone's last two digits), not enough to contact or visit
 * someone; street lines and free text typed about someone are withheld.
 */
import { FULL_PERSONAL_DATA, WITHHELD, masksAny, personalDataView, type PersonalDataView, type RequestContext } from '@cws/core';

export { maskEmail, maskPhone, maskPersonalFields, showEmail, showFreeText, showPhone, showStreet } from '@cws/core';

/** The view a presenter renders for: which kinds of personal data are masked. */
export interface PresentOptions extends PersonalDataView {
  /** Whether anything is masked (older presenters test this one flag). */
  readonly maskPii: boolean;
}

export const FULL_VIEW: PresentOptions = { ...FULL_PERSONAL_DATA, maskPii: false };

/** The caller's view, from the core's policy for its role. */
export function piiPolicy(ctx: RequestContext): PresentOptions {
  const view = personalDataView(ctx.actor);
  return { ...view, maskPii: masksAny(view) };
}

export const MASK = WITHHELD;

/** Withholds a free-text value entirely (null stays null). */
export function maskText(text: string | null): string | null {
  return text === null ? null : MASK;
}
