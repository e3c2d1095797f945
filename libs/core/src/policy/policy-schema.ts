// decorators below read and write design-time metadata, whoever imports this first
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsDefined,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
  ValidationArguments,
  registerDecorator,
} from 'class-validator';

// the shapes of the policy files in config/, validated at boot so a council's typo
// stops the service with the file and field named instead of misrouting a child

export const CONTACT_CATEGORIES = [
  'NEGLECT',
  'PHYSICAL_ABUSE',
  'SEXUAL_ABUSE',
  'EMOTIONAL_ABUSE',
  'DOMESTIC_ABUSE',
  'CSE',
  'CCE',
  'MISSING',
  'FGM',
  'SELF_HARM',
  'MENTAL_HEALTH',
  'SUBSTANCE_MISUSE',
  'HOMELESS_16_17',
  'RADICALISATION',
  'DISABILITY',
  'OTHER',
] as const;
export type ContactCategory = (typeof CONTACT_CATEGORIES)[number];

export const RAG_RATINGS = ['RED', 'AMBER', 'GREEN'] as const;
export type RagRating = (typeof RAG_RATINGS)[number];

export const RISK_LEVELS = ['STANDARD', 'MEDIUM', 'HIGH'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const DECISION_OUTCOMES = [
  'NFA',
  'INFORMATION_AND_ADVICE',
  'EARLY_HELP',
  'SOCIAL_CARE_ASSESSMENT',
  'STRATEGY_DISCUSSION',
] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

// working days are counted whole; elapsed hours may be fractional (0.5 = 30 minutes)
function IsWholeWhenWorkingDays() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isWholeWhenWorkingDays',
      target: target.constructor,
      propertyName,
      options: { message: 'must be a whole number of working days' },
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          (args.object as { kind?: string }).kind !== 'workingDays' || Number.isInteger(value),
      },
    });
}

export class TimescaleSchema {
  @IsIn(['elapsedHours', 'workingDays'])
  kind: 'elapsedHours' | 'workingDays';

  @IsNumber()
  @Min(0)
  @Max(1000)
  @IsWholeWhenWorkingDays()
  amount: number;
}

// --- calendar.yml
export class SchoolTermSchema {
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  start: string;

  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  end: string;
}

export class OfficeHoursSchema {
  @Matches(TIME, { message: 'must be a time HH:mm' })
  start: string;

  @Matches(TIME, { message: 'must be a time HH:mm' })
  end: string;
}

export class CalendarPolicySchema {
  @IsString()
  timeZone: string;

  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => OfficeHoursSchema)
  officeHours: OfficeHoursSchema;

  @Matches(TIME, { message: 'must be a time HH:mm' })
  schoolDayStart: string;

  @IsArray()
  @ArrayUnique()
  @Matches(DATE, { each: true, message: 'each entry must be a date YYYY-MM-DD' })
  bankHolidays: string[];

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SchoolTermSchema)
  schoolTerms?: SchoolTermSchema[];
}

// --- rag-policy.yml
export class RagTimescalesSchema {
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => TimescaleSchema)
  RED: TimescaleSchema;

  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => TimescaleSchema)
  AMBER: TimescaleSchema;

  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => TimescaleSchema)
  GREEN: TimescaleSchema;
}

export class RedSuggestionSchema {
  @IsBoolean()
  immediateRisk: boolean;

  @IsArray()
  @IsIn(CONTACT_CATEGORIES, { each: true })
  categories: ContactCategory[];

  @IsArray()
  @IsIn(CONTACT_CATEGORIES, { each: true })
  categoriesWithInjury: ContactCategory[];
}

export class AmberSuggestionSchema {
  @IsArray()
  @IsIn(CONTACT_CATEGORIES, { each: true })
  categories: ContactCategory[];

  @IsInt()
  @Min(1)
  priorContactsInLast12Months: number;
}

export class RagSuggestionSchema {
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => RedSuggestionSchema)
  red: RedSuggestionSchema;

  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => AmberSuggestionSchema)
  amber: AmberSuggestionSchema;
}

export class RagPolicySchema {
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => RagTimescalesSchema)
  timescales: RagTimescalesSchema;

  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => RagSuggestionSchema)
  suggestion: RagSuggestionSchema;
}

// config/timeliness.yml: when an open item on any queue turns DUE_SOON (it was in
// rag-policy.yml, but every clock uses it: contacts, DA triage, Encompass, strategy discussions)
export class TimelinessPolicySchema {
  @IsNumber()
  @Min(0.01)
  @Max(0.99)
  dueSoonFraction: number;
}

// --- information-sharing.yml (issue 18): how long an asked agency has to answer, by the
// contact's rating; byAgencyKind overrides any rating for a kind of agency (checked in
// load-policies.ts: the kinds and ratings are known, each timescale valid)
export class InformationSharingPolicySchema {
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => RagTimescalesSchema)
  timescales: RagTimescalesSchema;

  @IsOptional()
  @IsObject()
  byAgencyKind?: Record<string, Record<string, unknown>>;
}

// --- returns.yml (issue 19): the council's identity on the statutory returns
export class CinCensusPolicySchema {
  // the DfE's three-digit code of the local authority (the census Header's LEA)
  @Matches(/^\d{3}$/, { message: 'must be the three digits of the local authority (LEA) code' })
  lea: string;

  @IsString()
  @Length(1, 100)
  softwareCode: string;

  // the id the returns name a child by (LAchildID, Annex A's Child Unique ID): the front door's
  // own (frontDoor, FD and ten digits) or, where the council gave one, its case system's
  @IsOptional()
  @IsIn(['frontDoor', 'caseSystem'], { message: 'must be frontDoor or caseSystem' })
  laChildId?: 'frontDoor' | 'caseSystem';
}

// Ofsted's Annex A lists (issue 19 item 1)
export class AnnexAPolicySchema {
  // a DA notification triaged INFORMATION_ONLY makes no contact (DOMAIN.md); a council whose
  // inspectors count it as one lists each of its children in List 1, from the police
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  informationOnlyNotificationsAsContacts?: boolean;
}

export class ReturnsPolicySchema {
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => CinCensusPolicySchema)
  cinCensus: CinCensusPolicySchema;

  @IsOptional()
  @ValidateNested()
  @Type(() => AnnexAPolicySchema)
  annexA?: AnnexAPolicySchema;
}

// --- quality.yml (issue 21): how the front door checks that thresholds are applied alike
// a contact closed with one of `outcomes` whose child comes back within `windowDays` of the
// decision is a boomerang: the threshold may have been misjudged
export class BoomerangPolicySchema {
  @IsInt()
  @Min(1)
  @Max(365)
  windowDays: number;

  @IsArray()
  @ArrayUnique()
  @IsIn(['NFA', 'INFORMATION_AND_ADVICE', 'EARLY_HELP'], {
    each: true,
    message: 'each must be NFA, INFORMATION_AND_ADVICE or EARLY_HELP (a contact closed at the front door)',
  })
  outcomes: ('NFA' | 'INFORMATION_AND_ADVICE' | 'EARLY_HELP')[];
}

// a screener whose share of NFA on RED and AMBER contacts differs from the rest of the team's
// by more than `nfaShareMargin` (0.15: fifteen points), over at least `minimumDecisions` such
// decisions of theirs, is listed for a manager to look at, with the figures behind it
export class ConsistencyPolicySchema {
  @IsNumber()
  @Min(0.01)
  @Max(1)
  nfaShareMargin: number;

  @IsInt()
  @Min(1)
  minimumDecisions: number;
}

export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export class AuditDrawScheduleSchema {
  @IsIn(WEEKDAYS, { message: 'must be a weekday, MONDAY to FRIDAY' })
  weekday: Weekday;

  @Matches(TIME, { message: 'must be a time HH:mm' })
  time: string;
}

// a sample is a share of each screener's decisions or a number of them: one of the two
function OneOfShareOrNumber() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'oneOfShareOrNumber',
      target: target.constructor,
      propertyName,
      options: { message: 'the sample needs share or perScreener: one of them, not both' },
      validator: {
        validate: (_value: unknown, args: ValidationArguments) => {
          const sample = args.object as { share?: unknown; perScreener?: unknown };
          return (sample.share === undefined) !== (sample.perScreener === undefined);
        },
      },
    });
}

export class AuditSampleSchema {
  @IsOptional()
  @IsNumber()
  @Min(0.01)
  @Max(1)
  share?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  perScreener?: number;

  // (checked here, as a field always given: an absent optional one is not validated)
  @OneOfShareOrNumber()
  @IsInt()
  @Min(1)
  minimumPerScreener: number;
}

export class QualityAuditPolicySchema {
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => AuditDrawScheduleSchema)
  draw: AuditDrawScheduleSchema;

  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => AuditSampleSchema)
  sample: AuditSampleSchema;

  @IsInt()
  @Min(1)
  @Max(20)
  dueWorkingDays: number;

  @IsInt()
  @Min(0)
  @Max(20)
  concernDueWorkingDays: number;
}

export class QualityPolicySchema {
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => QualityAuditPolicySchema)
  audits: QualityAuditPolicySchema;

  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => BoomerangPolicySchema)
  boomerang: BoomerangPolicySchema;

  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => ConsistencyPolicySchema)
  consistency: ConsistencyPolicySchema;
}

// --- da-triage-matrix.yml
export class UrgentContactRuleSchema {
  @IsArray()
  @IsIn(RISK_LEVELS, { each: true })
  riskLevels: RiskLevel[];

  @IsInt()
  @Min(0)
  @Max(27)
  dashScoreAtLeast: number;

  @IsBoolean()
  anyChildInjured: boolean;

  @IsBoolean()
  weaponUsedWithChildPresent: boolean;
}

export class ContactRuleSchema {
  @IsArray()
  @IsIn(RISK_LEVELS, { each: true })
  riskLevels: RiskLevel[];

  @IsInt()
  @Min(0)
  @Max(27)
  dashScoreAtLeast: number;

  @IsBoolean()
  anyChildWitnessed: boolean;

  @IsBoolean()
  victimPregnant: boolean;

  @IsInt()
  @Min(1)
  victimNotificationsInLast12MonthsAtLeast: number;

  @IsBoolean()
  childContactOrReferralInLast12Months: boolean;
}

export class TriageDueSchema {
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => TimescaleSchema)
  URGENT_CONTACT: TimescaleSchema;

  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => TimescaleSchema)
  otherwise: TimescaleSchema;
}

export class MaracRuleSchema {
  @IsArray()
  @IsIn(RISK_LEVELS, { each: true })
  riskLevels: RiskLevel[];

  @IsInt()
  @Min(0)
  @Max(27)
  dashScoreAtLeast: number;

  @IsInt()
  @Min(1)
  policeIncidentsInLast12MonthsAtLeast: number;

  @IsInt()
  @Min(1)
  monthsSincePreviousMaracFlag: number;
}

export class EncompassRuleSchema {
  @IsInt()
  @Min(0)
  schoolAgeFrom: number;

  @IsInt()
  @Max(25)
  schoolAgeTo: number;
}

export class DaTriagePolicySchema {
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => UrgentContactRuleSchema)
  urgentContact: UrgentContactRuleSchema;

  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => ContactRuleSchema)
  contact: ContactRuleSchema;

  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => TriageDueSchema)
  triageDue: TriageDueSchema;

  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => MaracRuleSchema)
  marac: MaracRuleSchema;

  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => EncompassRuleSchema)
  encompass: EncompassRuleSchema;
}

// --- threshold-catalogue.yml
export class AuthorisationRuleSchema {
  @IsArray()
  @IsIn(DECISION_OUTCOMES, { each: true })
  redContactOutcomes: DecisionOutcome[];

  @IsBoolean()
  whenOverridden: boolean;

  @IsInt()
  @Min(1)
  priorContactsInLast12MonthsAtLeast: number;
}

// what a threshold level means, in the words of the council's threshold document
export interface LevelGuidance {
  means: string;
  examples: string[];
}

export class ThresholdCatalogueSchema {
  @IsObject()
  levels: Record<string, string>;

  // checked level by level in load-policies (checkThresholds)
  @IsObject()
  guidance: Record<string, LevelGuidance>;

  @IsObject()
  consistentOutcomes: Record<string, DecisionOutcome[]>;

  @IsArray()
  @IsIn(DECISION_OUTCOMES, { each: true })
  referralOutcomes: DecisionOutcome[];

  @IsInt()
  @Min(1)
  rationaleMinLength: number;

  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => AuthorisationRuleSchema)
  authorisation: AuthorisationRuleSchema;

  @IsInt()
  @Min(1)
  reReferralWindowMonths: number;

  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => TimescaleSchema)
  singleAssessmentDue: TimescaleSchema;

  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => TimescaleSchema)
  strategyDiscussionDue: TimescaleSchema;

  @IsInt()
  @Min(1)
  icpcDueWorkingDays: number;
}
