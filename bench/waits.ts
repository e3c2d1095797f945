import { readdirSync, readFileSync } from 'node:fs';
import { closedLoop, contactBody, http, startWorld } from './lib';

// npm run bench:waits: the ingest load of figure 1 for 8 s, sampling every 20 ms what each
// database session is doing (pg_stat_activity: waiting on a lock, on the client, on the disk),
// and the CPU the api and this process used. Tells a lock-bound write path from a CPU-bound one.

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

// the CPU of every postgres process on the machine (the server and its backends; only the
// benchmark's runs here), a backend that exits taking its share with it
function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.includes('(postgres)')) total += cpuSeconds(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

async function main(): Promise<void> {
  const w = await startWorld();
  try {
    const token = await w.login('screener@mach.example');
    const samples = new Map<string, number>();
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const { rows } = await w.pool.query(
          `select coalesce(wait_event_type || ':' || wait_event, state) as waiting, left(query, 70) as query
             from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'`,
        );
        for (const r of rows as { waiting: string; query: string }[]) {
          const key = `${r.waiting} | ${r.query.replace(/\s+/g, ' ')}`;
          samples.set(key, (samples.get(key) ?? 0) + 1);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const apiBefore = cpuSeconds(w.api.pid!);
    const pgBefore = postgresCpuSeconds();
    const selfBefore = process.cpuUsage();
    const seconds = 8;
    const t = await closedLoop(10, seconds, async () => {
      const res = await http(w.base, 'POST', '/api/contacts', { token, body: contactBody() });
      if (res.status !== 201) throw new Error(`POST /api/contacts: ${res.status}`);
    });
    const self = process.cpuUsage(selfBefore);
    sampling = false;
    await sampler;
    const apiCpu = cpuSeconds(w.api.pid!) - apiBefore;
    const pgCpu = postgresCpuSeconds() - pgBefore;
    console.log(
      `${t.count} contacts, ${t.perSecond.toFixed(1)}/s, p50 ${t.p50.toFixed(1)} ms, p99 ${t.p99.toFixed(1)} ms`,
    );
    console.log(
      `api cpu ${apiCpu.toFixed(2)} s in ${seconds} s (${((apiCpu / t.count) * 1000).toFixed(1)} ms per contact); ` +
        `load generator and sampler ${((self.user + self.system) / 1e6).toFixed(2)} s; ` +
        `postgres ${pgCpu.toFixed(2)} s (${((pgCpu / t.count) * 1000).toFixed(1)} ms per contact)`,
    );
    console.log('samples | wait | statement');
    for (const [key, n] of [...samples].sort((a, b) => b[1] - a[1]).slice(0, 15))
      console.log(`${String(n).padStart(7)} | ${key}`);
  } finally {
    await w.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
