import type { PasswordStrength, PasswordVerdict } from '@cws/core';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

/** zxcvbn's scores: 4 = "very unguessable" (at least 10^10 guesses). */
export type ZxcvbnScore = 0 | 1 | 2 | 3 | 4;

export interface ZxcvbnPasswordStrengthOptions {
  /** The lowest score accepted; default 4 (3 lets "Summer2026!!" through: ~10^8 guesses). */
  readonly minScore?: ZxcvbnScore;
}

/**
 * The PasswordStrength port on zxcvbn-ts: pattern matching (repeats, sequences, keyboard walks,
 * dates, l33t) against the common-password and English dictionaries, plus the person's own words
 * (email, names, the org's name). A refusal carries zxcvbn's warning and suggestions.
 */
export class ZxcvbnPasswordStrength implements PasswordStrength {
  readonly #zxcvbn: ZxcvbnFactory;
  readonly #minScore: ZxcvbnScore;

  constructor(options: ZxcvbnPasswordStrengthOptions = {}) {
    this.#minScore = options.minScore ?? 4;
    this.#zxcvbn = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
      // Bounded cost: matching grows fast with length and l33t variants (a 256-character password
      // took 2 s of CPU with the defaults, ~0.2 s now). The first 64 characters decide.
      maxLength: 64,
      l33tMaxSubstitutions: 10,
    });
    // Builds the dictionaries now, not on the first person's request.
    this.#zxcvbn.check('warm up the matchers', []);
  }

  assess(password: string, context: readonly string[]): PasswordVerdict {
    const result = this.#zxcvbn.check(password, [...context]);
    if (result.score >= this.#minScore) return { acceptable: true, problem: null, suggestions: [] };
    const tries = `it could be guessed in about 10^${Math.max(1, Math.floor(result.guessesLog10))} tries`;
    const warning = result.feedback.warning === null || result.feedback.warning === '' ? null : result.feedback.warning.replace(/\.$/, '');
    return {
      acceptable: false,
      problem: warning === null ? `is too easy to guess (${tries})` : `is too easy to guess: ${warning} (${tries})`,
      suggestions: result.feedback.suggestions.length > 0 ? result.feedback.suggestions.map((s) => s.replace(/\.$/, '')) : ['Add another word or two; uncommon words are better'],
    };
  }
}
