// What a UI test needs to look for a value on disk: the files that hold it.
import * as fs from 'fs';
import * as path from 'path';

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
