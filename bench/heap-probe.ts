import { getHeapSpaceStatistics } from 'node:v8';

// loaded into an api with BENCH_API_NODE_ARGS='--require ./dist/bench/heap-probe.js': prints to
// stderr, whenever they change, the sizes V8 has given its young and old generations, and RSS
const mib = (n: number) => (n / 2 ** 20).toFixed(0);
let last = '';
setInterval(() => {
  const spaces = new Map(getHeapSpaceStatistics().map((s) => [s.space_name, s.space_size]));
  const line = `new ${mib(spaces.get('new_space') ?? 0)} MiB, old ${mib(spaces.get('old_space') ?? 0)} MiB`;
  if (line !== last)
    process.stderr.write(
      `[heap ${process.pid} ${new Date().toISOString()}] ${line}, rss ${mib(process.memoryUsage.rss())} MiB\n`,
    );
  last = line;
}, 100).unref();
