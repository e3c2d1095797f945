import { policyConfig } from './policy.config';

let saved: NodeJS.ProcessEnv;

beforeEach(() => {
  saved = process.env;
  process.env = { ...saved };
  delete process.env.POLICY_DIR;
});

afterEach(() => {
  process.env = saved;
});

describe('policyConfig', () => {
  // policy.config.ts: the policy files live in config/ unless POLICY_DIR says otherwise
  it.each`
    value                       | expected
    ${undefined}                | ${'config'}
    ${''}                       | ${'config'}
    ${'/etc/front-door/policy'} | ${'/etc/front-door/policy'}
    ${'council-policies'}       | ${'council-policies'}
  `('should return dir $expected when POLICY_DIR is "$value"', ({ value, expected }) => {
    if (value !== undefined) process.env.POLICY_DIR = value as string;
    expect(policyConfig()).toEqual({ dir: expected });
  });

  it('should expose the namespace key policy when registered', () => {
    expect(policyConfig.KEY).toBe('CONFIGURATION(policy)');
  });
});
