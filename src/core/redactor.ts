/**
 * Remembers every token and secret value this session has handled and masks them
 * in any text before it is logged or shown: a last line of defence behind
 * messages that are built never to contain them.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    // Very short strings would mask ordinary words; real tokens are long.
    if (secret && secret.length >= 4) this.secrets.add(secret);
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) result = result.split(secret).join('***');
    return result;
  }
}
