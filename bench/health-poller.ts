// GET <base>/api/health back to back (100 ms apart) in a process of its own, so a busy
// benchmark process (parsing 500 snapshots) cannot make a healthy api look slow. Stops when
// told to, or after `maxSeconds`; reports { checks, unhealthy, errors, slowestMs }.
const [base, maxSeconds] = [process.argv[2], Number(process.argv[3] ?? 300)];
const result = { checks: 0, unhealthy: 0, errors: 0, slowestMs: 0 };
let stopped = false;
process.on('message', () => (stopped = true));

async function main(): Promise<void> {
  const deadline = Date.now() + maxSeconds * 1000;
  while (!stopped && Date.now() < deadline) {
    const t0 = performance.now();
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      // 503: the api answered that its database ping took over 2 s
      if (res.status !== 200) result.unhealthy += 1;
    } catch {
      // no answer within 5 s, or the connection refused
      result.errors += 1;
    }
    result.checks += 1;
    result.slowestMs = Math.max(result.slowestMs, performance.now() - t0);
    await new Promise((r) => setTimeout(r, 100));
  }
  // then let go of the channel, so this process ends
  process.send?.(result, () => process.disconnect());
}

void main();
