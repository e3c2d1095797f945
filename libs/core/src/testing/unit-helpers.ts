// helpers for unit specs only (not exported from @app/core)

// the error a call throws, for assertions on its message; fails when it does not throw
export function captureError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`threw a non-Error: ${String(error)}`, { cause: error });
  }
  throw new Error('expected the call to throw');
}

// each test starts with these settings unset and leaves process.env as it found it
// (jest itself sets NODE_ENV=test)
export function isolateEnv(keys: readonly string[]): void {
  let saved: NodeJS.ProcessEnv;
  beforeEach(() => {
    saved = process.env;
    process.env = { ...saved };
    for (const key of keys) delete process.env[key];
  });
  afterEach(() => {
    process.env = saved;
  });
}
