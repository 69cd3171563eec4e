// Timeouts that grow with the machine's load, so a UI wait that takes 2 s on a quiet
// machine is not cut off at 20 s when both cores are busy (CI, `--load`, other work).
import * as os from 'os';

/** The most a timeout is stretched: beyond that a wait is a hang, not a slow machine. */
const MAX_FACTOR = 4;

/**
 * How much slower than a quiet machine this one is now: the 1-minute load average per
 * core, clamped to 1…4. `UI_TIMEOUT_SCALE` (a number) overrides it, e.g. for debugging.
 */
export function loadFactor(): number {
  const forced = Number(process.env.UI_TIMEOUT_SCALE);
  if (Number.isFinite(forced) && forced > 0) return forced;
  const perCore = os.loadavg()[0] / Math.max(1, os.cpus().length);
  return Math.min(MAX_FACTOR, Math.max(1, perCore));
}

/** `baseMs` (ms on a quiet machine) times the current load factor, in ms. */
export function scaled(baseMs: number): number {
  return Math.round(baseMs * loadFactor());
}
