// A plain append-only log file under test-results/ that collects everything the
// harness sees (code-server's stdout/stderr, the browser console, harness steps)
// so a failing CI run can be diagnosed from the artifact, and a tail can be printed.
import * as fs from 'fs';
import * as path from 'path';

/** Compiled to out/tools/codeServer/, three levels below the repository. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const resultsDir = path.join(repoRoot, 'test-results');

export class HarnessLog {
  readonly file: string;
  private readonly fd: number;

  constructor(name: string) {
    fs.mkdirSync(resultsDir, { recursive: true });
    this.file = path.join(resultsDir, `${name}.log`);
    // Synchronous writes: the log must be complete even if the process dies mid-run.
    this.fd = fs.openSync(this.file, 'w');
  }

  write(source: string, text: string): void {
    const stamp = new Date().toISOString().slice(11, 23);
    const lines = text.replace(/\s+$/, '').split('\n');
    try {
      fs.writeSync(this.fd, lines.map((l) => `${stamp} [${source}] ${l}\n`).join(''));
    } catch {
      // Closed already (late output during shutdown): nothing useful to do.
    }
  }

  close(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      // Already closed.
    }
  }

  tail(lines = 80): string {
    try {
      const all = fs.readFileSync(this.file, 'utf8').split('\n');
      return all.slice(-lines - 1).join('\n');
    } catch {
      return '';
    }
  }

  printTail(lines = 80): void {
    console.error(`\n----- last ${lines} lines of ${path.relative(process.cwd(), this.file)} -----`);
    console.error(this.tail(lines));
    console.error('----- end of log -----\n');
  }
}

/** Milliseconds since `start`, as "12.3s", for the timing lines the harness prints. */
export function since(start: number): string {
  return `${((Date.now() - start) / 1000).toFixed(1)}s`;
}
