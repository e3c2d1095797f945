// the environment of an api process started by the cluster launcher: this process's
// settings, with the database and port it is given
export function instanceEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
