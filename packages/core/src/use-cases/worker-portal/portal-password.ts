/**
 * A worker portal password someone chooses (staff setting one, the worker choosing their own):
 * the staff password rule. Its length is the schema's; how guessable it is, the strength
 * estimator's, with the worker's contact details and names as context.
 */
import { Type } from '@sinclair/typebox';
import { withMessage } from '../../contracts/schema-vocabulary.js';
import { AppError } from '../../errors/app-error.js';
import type { PasswordStrength } from '../../ports/password-strength.port.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../identity/identity-policy.js';

/** 12 to 256 characters (code points), not only spaces. */
export const PortalPassword = withMessage(
  Type.String({
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: MAX_PASSWORD_LENGTH,
    pattern: '\\S',
    examples: ['Sunrise-Mop-Bucket-71'],
    description: `${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters, judged like staff passwords`,
  }),
  `must have at least ${MIN_PASSWORD_LENGTH} characters, not only spaces: a few unrelated words make a long one easy to remember`,
);

/**
 * A chosen portal password must not be easy to guess.
 * @throws validation.failed at `pointer`, saying which rule failed and what would pass.
 */
export function assertPortalPasswordStrength(pointer: string, password: string, strength: PasswordStrength, context: readonly string[]): void {
  const verdict = strength.assess(password, context);
  if (verdict.acceptable) return;
  const detail = [verdict.problem ?? 'is too easy to guess', ...verdict.suggestions].join('. ');
  throw AppError.validation([{ pointer, detail }], `${pointer} ${detail}`);
}
