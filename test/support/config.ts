import { ConfigError, loadConfig } from '../../src/config.js';

/** The problems loadConfig reports for `env` ([] when it accepts it); any other error is rethrown. */
export function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}
