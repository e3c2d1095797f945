export * from './thresholds.module';
export { RecordDecision } from './use-cases/record-decision';
export { RecordDecisionDto } from './dto/decision.dto';
