import { InputError } from '../errors';

/**
 * Throws the first problem as an InputError: the last guard right before a request, after
 * the prompts showed the same rules while typing. `problems` are the results of the
 * `…Problem()` rules (undefined = fine).
 */
export function assertNoProblem(...problems: Array<string | undefined>): void {
  const problem = problems.find((p) => p !== undefined);
  if (problem !== undefined) throw new InputError(problem);
}
