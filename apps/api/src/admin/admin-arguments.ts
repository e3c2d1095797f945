import { isEmail } from 'class-validator';

// `npm run admin -- <command> [options]`: what the operator asked for, checked before anything
// boots. Pure: a bad argument is a UsageError (exit 2), never a half-done change
export type AdminCommand =
  | {
      command: 'create-admin';
      email: string;
      name: string;
      agency: string;
      passwordStdin: boolean;
      json: boolean;
    }
  | { command: 'reset'; email: string; reason: string; resetMfa: boolean; json: boolean }
  | { command: 'help' };

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const DEFAULT_RESET_REASON = 'reset at the console (npm run admin -- reset)';

export const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  create-admin --email <email> --name <name> --agency <agency name> [--password-stdin] [--json]
      Make an administrator (the first one, or one more) in the council's children's social
      care agency, which is made (kind LA_SOCIAL_CARE) when there is none of that name.
      --password-stdin  read the password from standard input (not shown when typed); it must
                        meet the password policy. Without it a one-time setup code is printed
                        (valid 72 hours): the administrator sets a password with it at
                        POST /api/auth/setup { email, setupCode, password }.
  reset --email <email> [--reason <why>] [--reset-mfa] [--json]
      When someone (an administrator too) is locked out: end their sessions, clear their
      password and print a new setup code. --reset-mfa also clears their second factor.
  help
      This text.

Settings come from the environment as for the api (DATABASE_URL, NODE_ENV, JWT_SECRET, ...);
with no DATABASE_URL outside production, the embedded database under EMBEDDED_PG_DIR.
Exit status: 0 done; 1 refused or failed (say, the email is taken); 2 bad arguments or a weak password.`;

const FLAGS = {
  'create-admin': { values: ['email', 'name', 'agency'], switches: ['password-stdin', 'json'] },
  reset: { values: ['email', 'reason'], switches: ['reset-mfa', 'json'] },
} as const;

type Verb = keyof typeof FLAGS;

function parseOptions(verb: Verb, args: string[]): { values: Map<string, string>; switches: Set<string> } {
  const spec = FLAGS[verb];
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    const match = /^--([a-z-]+)(?:=([\s\S]*))?$/.exec(arg);
    if (!match) throw new UsageError(`${verb}: unexpected argument "${arg}"`);
    const [, flag, inline] = match;
    if ((spec.switches as readonly string[]).includes(flag)) {
      if (inline !== undefined) throw new UsageError(`${verb}: --${flag} takes no value`);
      switches.add(flag);
    } else if ((spec.values as readonly string[]).includes(flag)) {
      const value = inline ?? args[(i += 1)];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) {
        throw new UsageError(`${verb}: --${flag} needs a value`);
      }
      if (values.has(flag)) throw new UsageError(`${verb}: --${flag} is given twice`);
      values.set(flag, value);
    } else if (flag === 'password') {
      // a password in the arguments ends up in the shell history and the process list
      throw new UsageError(`${verb}: there is no --password; use --password-stdin`);
    } else {
      throw new UsageError(`${verb}: unknown option --${flag}`);
    }
  }
  return { values, switches };
}

function text(values: Map<string, string>, flag: string, verb: Verb, min: number, max: number): string {
  const value = values.get(flag)?.trim();
  if (value === undefined) throw new UsageError(`${verb}: --${flag} is required`);
  if (value.length < min || value.length > max) {
    throw new UsageError(`${verb}: --${flag} must be ${min} to ${max} characters`);
  }
  return value;
}

function email(values: Map<string, string>, verb: Verb): string {
  const value = text(values, 'email', verb, 3, 254).toLowerCase();
  if (!isEmail(value)) throw new UsageError(`${verb}: --email must be an email address`);
  return value;
}

export function parseAdminArguments(argv: string[]): AdminCommand {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === 'help' || verb === '--help' || verb === '-h') return { command: 'help' };
  if (verb === 'create-admin') {
    const { values, switches } = parseOptions(verb, rest);
    return {
      command: verb,
      email: email(values, verb),
      name: text(values, 'name', verb, 1, 200),
      agency: text(values, 'agency', verb, 2, 200),
      passwordStdin: switches.has('password-stdin'),
      json: switches.has('json'),
    };
  }
  if (verb === 'reset') {
    const { values, switches } = parseOptions(verb, rest);
    return {
      command: verb,
      email: email(values, verb),
      reason: values.has('reason') ? text(values, 'reason', verb, 5, 500) : DEFAULT_RESET_REASON,
      resetMfa: switches.has('reset-mfa'),
      json: switches.has('json'),
    };
  }
  throw new UsageError(`unknown command "${verb}"`);
}
