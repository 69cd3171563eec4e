/**
 * Copy Value of a variable whose read returned an empty string: there is nothing to copy,
 * and putting "" on the clipboard while saying "Copied" would hide that (issue 14).
 */
import { showInvisibles } from './characters';

/**
 * The message to show instead of copying, when `value` (a decrypted read, e.g.
 * `VercelEnvWriter.readValue(...).value`) is the empty string; undefined when there is
 * something to copy. `name` is the variable's name as listed. The caller must then leave
 * the clipboard alone. An unreadable value (`undefined`: sensitive, not decrypted) is not
 * empty: that has its own message in the caller.
 */
export function emptyValueNotice(value: string | undefined, name: string): string | undefined {
  return value === '' ? `${showInvisibles(name)} has an empty value: there is nothing to copy, and the clipboard was left as it was.` : undefined;
}
