// One place that tears down what the harness started (code-server's process group,
// Chromium, the emulator, temp dirs), in reverse order, on normal exit, on failure,
// and on SIGINT/SIGTERM, so an interrupted run never leaves a server on a port.

interface Task {
  name: string;
  run: () => Promise<void> | void;
  /** Last resort from process.on('exit'), where nothing async can run. */
  sync?: () => void;
}

const tasks: Task[] = [];
let installed = false;
let running: Promise<void> | undefined;
let signalled = false;

/** True once SIGINT/SIGTERM arrived: failures after that are the shutdown, not the product. */
export function interrupted(): boolean {
  return signalled;
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => {
      signalled = true;
      console.error(`\n${signal} received: stopping what this run started…`);
      void cleanupAll().finally(() => process.exit(code));
    });
  }
  process.on('exit', () => {
    for (const task of tasks.splice(0).reverse()) {
      try {
        task.sync?.();
      } catch {
        // Best effort while exiting.
      }
    }
  });
}

/** Registers a teardown step; returns a function that runs it now (once). */
export function onCleanup(name: string, run: () => Promise<void> | void, sync?: () => void): () => Promise<void> {
  install();
  const task: Task = { name, run, sync };
  tasks.push(task);
  return async () => {
    const i = tasks.indexOf(task);
    if (i < 0) return;
    tasks.splice(i, 1);
    await runTask(task);
  };
}

async function runTask(task: Task): Promise<void> {
  // A hung close() must not keep CI waiting: give each step 15 s, then fall back to sync.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), 15_000);
  });
  try {
    const result = await Promise.race([Promise.resolve().then(task.run), timeout]);
    if (result === 'timeout') {
      console.error(`cleanup: ${task.name} did not finish in 15 s; forcing`);
      task.sync?.();
    }
  } catch (err) {
    console.error(`cleanup: ${task.name} failed: ${String(err)}`);
    try {
      task.sync?.();
    } catch {
      // Nothing more to try.
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every registered teardown, newest first. Safe to call more than once. */
export function cleanupAll(): Promise<void> {
  running ??= (async () => {
    while (tasks.length > 0) {
      const task = tasks.pop();
      if (task) await runTask(task);
    }
  })().finally(() => {
    running = undefined;
  });
  return running;
}
