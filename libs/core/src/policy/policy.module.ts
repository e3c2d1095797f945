import { Global, Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { TimelinessClock, WorkingCalendar } from '../calendar';
import { loadPolicies, type Policies } from './load-policies';
import { policyConfig } from './policy.config';

// every policy file, loaded together; inject the one concern a class uses instead (below)
export const POLICIES = Symbol('POLICIES');
// one policy per concern: config/rag-policy.yml, da-triage-matrix.yml, threshold-catalogue.yml
export const RAG_POLICY = Symbol('RAG_POLICY');
export const DA_TRIAGE_POLICY = Symbol('DA_TRIAGE_POLICY');
export const THRESHOLD_CATALOGUE = Symbol('THRESHOLD_CATALOGUE');
// config/information-sharing.yml: how long an asked agency has to answer (issue 18)
export const INFORMATION_SHARING_POLICY = Symbol('INFORMATION_SHARING_POLICY');
// config/returns.yml: the council's codes on the statutory returns (issue 19)
export const RETURNS_POLICY = Symbol('RETURNS_POLICY');
// config/quality.yml: boomerangs and the consistency of threshold decisions (issue 21)
export const QUALITY_POLICY = Symbol('QUALITY_POLICY');

// policies are data, loaded and validated once at boot; a bad file stops the service.
// The calendar is the WorkingCalendar, the DUE_SOON fraction the TimelinessClock.
@Global()
@Module({
  providers: [
    {
      provide: POLICIES,
      inject: [policyConfig.KEY],
      useFactory: (config: ConfigType<typeof policyConfig>): Policies => loadPolicies(config.dir),
    },
    { provide: RAG_POLICY, inject: [POLICIES], useFactory: (policies: Policies) => policies.rag },
    { provide: DA_TRIAGE_POLICY, inject: [POLICIES], useFactory: (policies: Policies) => policies.daTriage },
    {
      provide: THRESHOLD_CATALOGUE,
      inject: [POLICIES],
      useFactory: (policies: Policies) => policies.thresholds,
    },
    {
      provide: INFORMATION_SHARING_POLICY,
      inject: [POLICIES],
      useFactory: (policies: Policies) => policies.informationSharing,
    },
    { provide: RETURNS_POLICY, inject: [POLICIES], useFactory: (policies: Policies) => policies.returns },
    { provide: QUALITY_POLICY, inject: [POLICIES], useFactory: (policies: Policies) => policies.quality },
    {
      provide: WorkingCalendar,
      inject: [POLICIES],
      useFactory: (policies: Policies) => new WorkingCalendar(policies.calendar),
    },
    {
      provide: TimelinessClock,
      inject: [POLICIES],
      useFactory: (policies: Policies) => new TimelinessClock(policies.timeliness.dueSoonFraction),
    },
  ],
  exports: [
    POLICIES,
    RAG_POLICY,
    DA_TRIAGE_POLICY,
    THRESHOLD_CATALOGUE,
    INFORMATION_SHARING_POLICY,
    RETURNS_POLICY,
    QUALITY_POLICY,
    WorkingCalendar,
    TimelinessClock,
  ],
})
export class PolicyModule {}
