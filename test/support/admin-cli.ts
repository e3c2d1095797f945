import { PassThrough } from 'node:stream';
import { runAdminCli } from '../../apps/api/src/admin/admin-cli';

export interface AdminCliRun {
  code: number;
  stdout: string;
  stderr: string;
}

// `npm run admin -- <argv>` in this process: its arguments, standard input, and the
// environment it reads (set for the run only)
export async function runAdmin(
  env: Record<string, string>,
  argv: string[],
  stdin?: string,
): Promise<AdminCliRun> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  const input = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  if (stdin !== undefined) input.end(stdin);
  try {
    const code = await runAdminCli(argv, { stdin: input, stdout, stderr });
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
