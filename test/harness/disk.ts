// What a UI test needs to look for a value on disk: the files that hold it, and a poll
// for conditions without an event (the disk, the emulator's state).
import * as fs from 'fs';
import * as path from 'path';
import { scaled } from './timeouts';

/** Files under `dirs` (recursively; files over 20 MB skipped) whose bytes hold `needle` in UTF-8 or UTF-16 LE. */
export function filesHolding(needle: string, dirs: readonly string[]): string[] {
  const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')];
  const hits: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && fs.statSync(full).size < 20_000_000 && forms.some((f) => fs.readFileSync(full).includes(f))) hits.push(full);
    }
  };
  for (const dir of dirs) walk(dir);
  return hits;
}

/**
 * Resolves to `probe()`'s first defined result, polling every 250 ms (for what has no event
 * to wait on: the disk, the emulator's state); rejects naming `what` after `baseTimeoutMs`
 * scaled by the load.
 */
export async function pollUntil<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, baseTimeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + scaled(baseTimeoutMs);
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
