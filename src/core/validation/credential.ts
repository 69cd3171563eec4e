/**
 * The problem with a token or API key as typed or pasted, or undefined. It goes into an
 * `Authorization` header, so no spaces or control characters. Never quotes the credential.
 * `what` names it in the message ("API key", "access token").
 */
export function credentialProblem(credential: string, what: 'API key' | 'access token'): string | undefined {
  if (credential.length === 0) return `Enter an ${what}.`;
  if (/\s/.test(credential)) return `The ${what} must not contain spaces or line breaks.`;
  if (/[^\x21-\x7e]/.test(credential)) return `The ${what} contains characters an ${what} cannot have.`;
  return undefined;
}
