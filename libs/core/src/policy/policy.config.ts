import { registerAs } from '@nestjs/config';
import { IsString } from 'class-validator';
import { readEnv, validateConfig } from '../config/validate-config';

class PolicyEnv {
  // folder holding the policy files a council edits (RAG, triage matrix, thresholds, calendar)
  @IsString()
  POLICY_DIR: string = 'config';
}

export const policyConfig = registerAs('policy', () => {
  const env = validateConfig('policy', PolicyEnv, readEnv(['POLICY_DIR']));
  return { dir: env.POLICY_DIR };
});
