import type { Readable, Writable } from 'node:stream';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { CreateFirstAdmin, ResetUser } from '@app/accounts';
import { AccountStore, checkPassword } from '@app/auth';
import { DomainError, ErrorCode } from '@app/core';
import { databaseConfig, startEmbeddedPostgres, type EmbeddedDatabase } from '@app/database';
import { DataSource } from 'typeorm';
import { AdminCliModule } from './admin-cli.module';
import { parseAdminArguments, USAGE, UsageError, type AdminCommand } from './admin-arguments';

export interface AdminIo {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: Writable;
  stderr: Writable;
}

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

const MAX_PASSWORD_INPUT = 4096;
// enter, end of input (ctrl-D) and ctrl-C at a terminal
const LINE_END = ['\r', '\n', '\u0004'];
const CANCEL = '\u0003';

// the first line of standard input; typed at a terminal, not echoed
function readPassword(io: AdminIo): Promise<string> {
  const { stdin } = io;
  const terminal = !!stdin.isTTY && !!stdin.setRawMode;
  if (terminal) {
    io.stderr.write('Password (not shown): ');
    stdin.setRawMode!(true);
  }
  stdin.setEncoding('utf8');
  return new Promise<string>((resolve, reject) => {
    let text = '';
    const finish = (outcome: () => void) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.off('error', onError);
      stdin.pause();
      if (terminal) {
        stdin.setRawMode!(false);
        io.stderr.write('\n');
      }
      outcome();
    };
    const settle = () => {
      const cut = Math.min(...LINE_END.map((c) => text.indexOf(c)).filter((i) => i >= 0), text.length);
      const line = text.slice(0, cut);
      finish(() =>
        line.length > 0
          ? resolve(line)
          : reject(new UsageError('--password-stdin: no password on standard input')),
      );
    };
    const onData = (chunk: string) => {
      text += chunk;
      if (text.includes(CANCEL)) finish(() => reject(new UsageError('cancelled')));
      else if (LINE_END.some((c) => text.includes(c)) || text.length > MAX_PASSWORD_INPUT) settle();
    };
    const onEnd = () => settle();
    const onError = (error: Error) => finish(() => reject(error));
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.on('error', onError);
    stdin.resume();
  });
}

// outside production with no DATABASE_URL: the embedded database, the running one if `npm
// start` holds it (its password file and port tell us), else started for the command
async function embeddedDatabase(
  dir: string,
  port: number,
): Promise<{ url: string; started?: EmbeddedDatabase }> {
  const { readFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const password = await readFile(join(dir, 'postgres-password'), 'utf8').then(
    (p) => p.trim(),
    () => undefined,
  );
  if (password) {
    const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/frontdoor`;
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    const running = await client.connect().then(
      () => true,
      () => false,
    );
    await client.end().catch(() => undefined);
    if (running) return { url };
  }
  const started = await startEmbeddedPostgres({ dir, port });
  return { url: started.url, started };
}

const lines = (...text: string[]) => `${text.join('\n')}\n`;

async function run(command: Exclude<AdminCommand, { command: 'help' }>, io: AdminIo, password?: string) {
  const database = databaseConfig();
  const embedded = database.url
    ? undefined
    : await embeddedDatabase(database.embeddedDir, database.embeddedPort);
  const app = await NestFactory.createApplicationContext(
    await AdminCliModule.forRoot({ url: database.url ?? embedded?.url, embedded: false }),
    { logger: ['error'], abortOnError: false },
  );
  try {
    if (command.command === 'create-admin') {
      const created = await app.get(CreateFirstAdmin).execute(null, {
        email: command.email,
        name: command.name,
        agencyName: command.agency,
        password,
      });
      const { user, setupCode } = created;
      if (command.json) {
        io.stdout.write(
          `${JSON.stringify({
            user: {
              id: user.id,
              email: user.email,
              name: user.name,
              role: user.role,
              agency: { id: user.agencyId, name: user.agencyName, kind: user.agencyKind },
            },
            agencyCreated: created.agencyCreated,
            passwordSet: user.passwordSet,
            ...(setupCode
              ? { setupCode: setupCode.code, setupCodeExpiresAt: setupCode.expiresAt.toISOString() }
              : {}),
          })}\n`,
        );
      } else {
        io.stdout.write(
          lines(
            `Administrator ${user.email} made (id ${user.id}),`,
            `in ${user.agencyName} (${user.agencyKind}${created.agencyCreated ? ', made now' : ''}).`,
            ...(setupCode
              ? [
                  `Setup code (shown once, valid until ${setupCode.expiresAt.toISOString()}): ${setupCode.code}`,
                  'They choose a password with POST /api/auth/setup { email, setupCode, password }.',
                ]
              : ['They sign in with the password given.']),
          ),
        );
      }
    } else {
      const id = await app.get(AccountStore).userIdByEmail(app.get(DataSource).manager, command.email);
      if (!id) throw DomainError.notFound('user with that email');
      const reset = await app.get(ResetUser).execute(null, {
        id,
        reason: command.reason,
        resetMfa: command.resetMfa,
      });
      if (command.json) {
        io.stdout.write(
          `${JSON.stringify({
            user: { id, email: reset.user.email, role: reset.user.role },
            setupCode: reset.setupCode,
            setupCodeExpiresAt: reset.setupCodeExpiresAt,
            endedSessions: reset.endedSessions,
            resetMfa: command.resetMfa,
          })}\n`,
        );
      } else {
        io.stdout.write(
          lines(
            `${reset.user.email} reset: ${reset.endedSessions} session(s) ended, the password cleared` +
              `${command.resetMfa ? ', the second factor cleared' : ''}.`,
            `Setup code (shown once, valid until ${reset.setupCodeExpiresAt}): ${reset.setupCode}`,
            'They choose a password with POST /api/auth/setup { email, setupCode, password }.',
          ),
        );
      }
    }
  } finally {
    await app.close();
    await embedded?.started?.stop();
  }
}

function describe(error: DomainError): string {
  const details = (error.details ?? []).map((d) => `  ${d.field}: ${d.message}`);
  return [error.message, ...details].join('\n');
}

// the whole command: its arguments, its input and output, its exit status. One use case in one
// transaction, audited with no actor; never prints a password
export async function runAdminCli(argv: string[], io: AdminIo): Promise<number> {
  let command: AdminCommand;
  let password: string | undefined;
  try {
    command = parseAdminArguments(argv);
    if (command.command === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return EXIT_OK;
    }
    if (command.command === 'create-admin' && command.passwordStdin) {
      password = await readPassword(io);
      const problems = checkPassword(password, { email: command.email, name: command.name });
      if (problems.length > 0) {
        throw new UsageError(
          `the password is not good enough:\n${problems.map((p) => `  ${p.message}`).join('\n')}`,
        );
      }
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`admin: ${error.message}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  try {
    await run(command, io, password);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof DomainError) {
      io.stderr.write(`admin: ${describe(error)}\n`);
      return error.code === ErrorCode.VALIDATION_FAILED ? EXIT_USAGE : EXIT_REFUSED;
    }
    io.stderr.write(`admin: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_REFUSED;
  }
}
