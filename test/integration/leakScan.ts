/**
 * The pure part of the suite-wide leak check: given the secrets of a run and some text
 * (a log file, a settings file, a dump of globalState, the messages shown), find every
 * place a secret appears, also when it was written JSON-escaped, JSON-in-JSON, URL- or
 * base64-encoded, or as UTF-16. No `vscode` here, so test/unit/leakScanner.test.ts can
 * prove on fabricated input that the check finds a leak (and stays quiet without one).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Secret {
  /** Where the secret comes from, for the report (never the value itself). */
  readonly label: string;
  readonly value: string;
}

export interface Finding {
  readonly secret: string;
  /** How it was written where it was found: raw, json, json-in-json, url, base64, utf16le… */
  readonly form: string;
  /** The file path, or a name such as `globalState` or `message #12 (showErrorMessage)`. */
  readonly source: string;
  /** Where the hit starts: a character index in text, a byte index for utf16le. */
  readonly offset: number;
  /** 1-based line of the hit in the source (0 for binary hits). */
  readonly line: number;
  /** The text around the hit with the secret replaced by «label», so a report never repeats it. */
  readonly excerpt: string;
}

export type SourceKind = 'file' | 'message' | 'prompt' | 'state' | 'settings' | 'other';

export interface Coverage {
  readonly secrets: number;
  /** Too short to look for without matching ordinary words (e.g. a test typing "x"). */
  readonly skipped: number;
  readonly sources: Record<SourceKind, { count: number; bytes: number }>;
}

/**
 * Shorter values match ordinary text ("x", "v", "1"): they are left out and counted.
 * Every demo token, seeded value and value typed by the tests that matters is longer.
 */
export const minSecretLength = 6;

/** The ways a program may have written `value` into text, each named; duplicates removed. */
export function encodedForms(value: string): Array<{ form: string; text: string }> {
  const json = JSON.stringify(value).slice(1, -1);
  const forms: Array<{ form: string; text: string }> = [
    { form: 'raw', text: value },
    { form: 'json', text: json },
    // Some JSON writers escape "/" (e.g. in URLs): postgres:\/\/…
    { form: 'json-slash', text: json.replace(/\//g, '\\/') },
    // A JSON string inside JSON (a state database value, a logged JSON body).
    { form: 'json-in-json', text: JSON.stringify(json).slice(1, -1) },
    // JSON writers that escape every non-ASCII character.
    { form: 'json-ascii', text: json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) },
    { form: 'url', text: encodeURIComponent(value) },
    { form: 'form', text: encodeURIComponent(value).replace(/%20/g, '+') },
    { form: 'base64', text: Buffer.from(value, 'utf8').toString('base64').replace(/=+$/, '') },
  ];
  const seen = new Set<string>();
  return forms.filter((f) => {
    if (seen.has(f.text)) return false;
    seen.add(f.text);
    return true;
  });
}

/** Deduplicated by value (the first label wins); short values set aside. */
export function prepareSecrets(secrets: readonly Secret[]): { kept: Secret[]; skipped: Secret[] } {
  const byValue = new Map<string, Secret>();
  const skipped: Secret[] = [];
  for (const secret of secrets) {
    if (typeof secret.value !== 'string' || secret.value.length === 0) continue;
    if (secret.value.length < minSecretLength) {
      if (!skipped.some((s) => s.value === secret.value)) skipped.push(secret);
      continue;
    }
    if (!byValue.has(secret.value)) byValue.set(secret.value, secret);
  }
  return { kept: [...byValue.values()], skipped };
}

/** Finds every secret in `text`; pure. Excerpts mask every secret, not only the one found. */
export function findSecrets(secrets: readonly Secret[], source: string, text: string): Finding[] {
  const findings: Finding[] = [];
  for (const secret of secrets) {
    for (const { form, text: needle } of encodedForms(secret.value)) {
      let at = text.indexOf(needle);
      while (at >= 0) {
        findings.push({ secret: secret.label, form, source, offset: at, line: lineOf(text, at), excerpt: excerpt(secrets, text, at, needle.length, secret.label) });
        at = text.indexOf(needle, at + needle.length);
      }
    }
  }
  return dedupe(findings);
}

/** Like findSecrets, on bytes: UTF-8 text forms, plus UTF-16LE (some state stores). */
export function findSecretsInBytes(secrets: readonly Secret[], source: string, bytes: Buffer): Finding[] {
  const findings = findSecrets(secrets, source, bytes.toString('utf8'));
  for (const secret of secrets) {
    const needle = Buffer.from(secret.value, 'utf16le');
    let at = bytes.indexOf(needle);
    while (at >= 0) {
      findings.push({ secret: secret.label, form: 'utf16le', source, offset: at, line: 0, excerpt: `(UTF-16 text at byte ${at})` });
      at = bytes.indexOf(needle, at + needle.length);
    }
  }
  return findings;
}

/** Accumulates findings and what was looked at, for the coverage line the leak check prints. */
export class LeakScanner {
  readonly secrets: readonly Secret[];
  readonly skipped: readonly Secret[];
  readonly findings: Finding[] = [];
  private readonly sources: Record<SourceKind, { count: number; bytes: number }> = {
    file: { count: 0, bytes: 0 }, message: { count: 0, bytes: 0 }, prompt: { count: 0, bytes: 0 },
    state: { count: 0, bytes: 0 }, settings: { count: 0, bytes: 0 }, other: { count: 0, bytes: 0 },
  };
  /** Real paths already read, so a folder inside another is not counted twice. */
  private readonly filesSeen = new Set<string>();

  constructor(secrets: readonly Secret[]) {
    const { kept, skipped } = prepareSecrets(secrets);
    this.secrets = kept;
    this.skipped = skipped;
  }

  scanText(kind: SourceKind, source: string, text: string): Finding[] {
    this.count(kind, Buffer.byteLength(text));
    const found = findSecrets(this.secrets, source, text);
    this.findings.push(...found);
    return found;
  }

  /** One file; returns false when it was read already (or is not a file). */
  scanFile(file: string, kind: SourceKind = 'file'): boolean {
    let real: string;
    try {
      real = fs.realpathSync(file);
      if (!fs.statSync(real).isFile()) return false;
    } catch {
      return false;
    }
    if (this.filesSeen.has(real)) return false;
    this.filesSeen.add(real);
    const bytes = fs.readFileSync(real);
    this.count(kind, bytes.length);
    this.findings.push(...findSecretsInBytes(this.secrets, file, bytes));
    return true;
  }

  /** Every file below `dir` (symbolic links are not followed); returns how many were read. */
  scanTree(dir: string, kind: SourceKind = 'file'): number {
    let read = 0;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return 0;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) read += this.scanTree(full, kind);
      else if (entry.isFile() && this.scanFile(full, kind)) read += 1;
    }
    return read;
  }

  coverage(): Coverage {
    return { secrets: this.secrets.length, skipped: this.skipped.length, sources: structuredClone(this.sources) };
  }

  /** One line per source kind; never a secret. */
  summary(): string {
    const c = this.coverage();
    const parts = (Object.entries(c.sources) as Array<[SourceKind, { count: number; bytes: number }]>)
      .filter(([, s]) => s.count > 0)
      .map(([kind, s]) => `${s.count} ${s.count === 1 ? kind : plural[kind]} (${s.bytes} bytes)`);
    return `${c.secrets} secrets checked (${c.skipped} shorter than ${minSecretLength} characters skipped) in ${parts.join(', ')}`;
  }

  /** A readable list of findings for an assertion message. */
  static describe(findings: readonly Finding[]): string {
    return findings.map((f) => `- ${f.secret} [${f.form}] in ${f.source}${f.line ? `:${f.line}` : ''}: ${f.excerpt}`).join('\n');
  }

  private count(kind: SourceKind, bytes: number): void {
    this.sources[kind].count += 1;
    this.sources[kind].bytes += bytes;
  }
}

const plural: Record<SourceKind, string> = {
  file: 'files', message: 'messages', prompt: 'prompts', state: 'states', settings: 'settings', other: 'others',
};

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

/**
 * 40 characters either side of the hit, on one line, with the hit and every other secret
 * replaced by «label». Masking runs on a window wider by the longest secret, so a secret
 * cut by the excerpt's edge is masked before it is cut, and no fragment of it shows.
 */
function excerpt(secrets: readonly Secret[], text: string, at: number, length: number, label: string): string {
  const pad = 40;
  const longest = Math.max(0, ...secrets.flatMap((s) => encodedForms(s.value).map((f) => f.text.length)));
  const mask = (part: string) => {
    let shown = part;
    for (const secret of secrets) {
      for (const { text: needle } of encodedForms(secret.value)) shown = shown.split(needle).join(`«${secret.label}»`);
    }
    return shown;
  };
  const before = mask(text.slice(Math.max(0, at - pad - longest), at)).slice(-pad);
  const after = mask(text.slice(at + length, at + length + pad + longest)).slice(0, pad);
  return `${at > pad ? '…' : ''}${before}«${label}»${after}${at + length + pad < text.length ? '…' : ''}`.replace(/\s+/g, ' ');
}

/** One secret found by two forms at one place (json-slash inside json-in-json…): reported once. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.secret}\u0000${f.source}\u0000${f.offset}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
