// what global setup hands to every test file (through the environment, which workers inherit)
export const TEST_ENV = {
  adminUrl: 'FRONTDOOR_TEST_ADMIN_URL',
  template: 'FRONTDOOR_TEST_TEMPLATE',
  stateFile: 'FRONTDOOR_TEST_STATE_FILE',
} as const;

export const TEMPLATE_DATABASE = 'frontdoor_template';

// demo users in the template are hashed cheaply so logins in tests are fast
export const TEST_PASSWORD_HASH_COST = 10;
export const DEMO_PASSWORD = 'demo-password';
