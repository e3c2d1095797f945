import { runningServer } from './test-server';

export default async function globalTeardown(): Promise<void> {
  await runningServer()?.stop();
}
