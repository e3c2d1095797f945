import { Global, Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { WorkingCalendar } from '../calendar';
import { loadPolicies, type Policies } from './load-policies';
import { policyConfig } from './policy.config';

export const POLICIES = Symbol('POLICIES');

// policies are data, loaded and validated once at boot; a bad file stops the service
@Global()
@Module({
  providers: [
    {
      provide: POLICIES,
      inject: [policyConfig.KEY],
      useFactory: (config: ConfigType<typeof policyConfig>): Policies => loadPolicies(config.dir),
    },
    {
      provide: WorkingCalendar,
      inject: [POLICIES],
      useFactory: (policies: Policies) => new WorkingCalendar(policies.calendar),
    },
  ],
  exports: [POLICIES, WorkingCalendar],
})
export class PolicyModule {}
