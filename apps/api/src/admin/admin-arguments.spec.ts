import { DEFAULT_RESET_REASON, parseAdminArguments, UsageError } from './admin-arguments';

// issue 14 item 2: npm run admin -- create-admin --email ... --name ... --agency ... --password-stdin
const create = [
  'create-admin',
  '--email',
  ' A@Council.Example ',
  '--name',
  ' Ada Admin ',
  '--agency',
  'Front door',
];

describe('parseAdminArguments', () => {
  it.each([[[]], [['help']], [['--help']], [['-h']]])(
    'should ask for help when the arguments are %j',
    (argv) => {
      expect(parseAdminArguments(argv)).toEqual({ command: 'help' });
    },
  );

  it('should read create-admin with its email in lower case and its texts trimmed', () => {
    expect(parseAdminArguments(create)).toEqual({
      command: 'create-admin',
      email: 'a@council.example',
      name: 'Ada Admin',
      agency: 'Front door',
      passwordStdin: false,
      json: false,
    });
  });

  it('should read --flag=value and the switches when given', () => {
    expect(
      parseAdminArguments([
        'create-admin',
        '--email=a@council.example',
        '--name=Ada',
        '--agency=Front door',
        '--password-stdin',
        '--json',
      ]),
    ).toMatchObject({ email: 'a@council.example', name: 'Ada', passwordStdin: true, json: true });
  });

  it('should read reset with a default reason when none is given', () => {
    expect(parseAdminArguments(['reset', '--email', 'a@council.example'])).toEqual({
      command: 'reset',
      email: 'a@council.example',
      reason: DEFAULT_RESET_REASON,
      resetMfa: false,
      json: false,
    });
    expect(
      parseAdminArguments(['reset', '--email', 'a@council.example', '--reason', 'lost phone', '--reset-mfa']),
    ).toMatchObject({ reason: 'lost phone', resetMfa: true });
  });

  it.each`
    argv                                                                    | message
    ${['make-admin']}                                                       | ${'unknown command "make-admin"'}
    ${create.slice(0, 5)}                                                   | ${'--agency is required'}
    ${['create-admin', '--name', 'A', '--agency', 'Front door']}            | ${'--email is required'}
    ${[...create.slice(0, 2), 'not-an-email', ...create.slice(3)]}          | ${'--email must be an email address'}
    ${[...create, '--password', 'hunter2hunter2']}                          | ${'there is no --password; use --password-stdin'}
    ${[...create, '--bogus']}                                               | ${'unknown option --bogus'}
    ${[...create, 'extra']}                                                 | ${'unexpected argument "extra"'}
    ${[...create, '--email', 'b@council.example']}                          | ${'--email is given twice'}
    ${['create-admin', '--email', '--name', 'A', '--agency', 'Front door']} | ${'--email needs a value'}
    ${[...create.slice(0, 5), '--agency']}                                  | ${'--agency needs a value'}
    ${[...create.slice(0, 5), '--agency', ' ']}                             | ${'--agency must be 2 to 200 characters'}
    ${[...create, '--json=yes']}                                            | ${'--json takes no value'}
    ${['reset', '--email', 'a@council.example', '--reason', 'no']}          | ${'--reason must be 5 to 500 characters'}
    ${['reset', '--email', 'a@council.example', '--password-stdin']}        | ${'unknown option --password-stdin'}
  `('should refuse $argv with "$message"', ({ argv, message }: { argv: string[]; message: string }) => {
    expect(() => parseAdminArguments(argv)).toThrow(UsageError);
    expect(() => parseAdminArguments(argv)).toThrow(message);
  });
});
