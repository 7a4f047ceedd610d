/**
 * Every configuration problem found at boot, thrown together: an operator fixes them all in one
 * round instead of discovering them one restart at a time.
 */
export interface ConfigProblem {
  /** The environment variable to change. */
  variable: string;
  /** What is wrong, without the value of a secret. */
  message: string;
  /** What to do about it. */
  fix: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[], appEnv?: string) {
    super(formatProblems(problems, appEnv));
    this.problems = problems;
  }
}

function formatProblems(problems: readonly ConfigProblem[], appEnv: string | undefined): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const mode = appEnv === undefined ? '' : ` with APP_ENV=${appEnv}`;
  const lines = problems.map((p) => `  - ${p.variable}: ${p.message}\n    Fix: ${p.fix}`);
  return [`Invalid configuration${mode} (${count}):`, ...lines].join('\n');
}
