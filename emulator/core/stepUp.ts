/**
 * Step-up authentication: Vercel may answer a read of env variables with 403 and one of these
 * codes when it wants the user to confirm their identity in the dashboard (vercel-api-facts.md).
 * `/_emulator/config` `{stepUp: code | null}` switches it on for every env read.
 */
export const stepUpCodes = ['challenge_required', 'challenge_required_email_otp', 'user_auth_required'] as const;
export type StepUpCode = typeof stepUpCodes[number];

/** Reads of env variables and their values (project, shared, pull): what step-up guards. */
export function isEnvRead(method: string, template: string): boolean {
  return method === 'GET' && /\/env(\/|$)/.test(template);
}

export const stepUpMessage = 'You need to confirm your identity to view environment variables. Open the Vercel dashboard to continue.';
