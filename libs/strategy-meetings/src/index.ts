export * from './strategy-meetings.module';
export { StrategyDiscussionOpener, type DiscussionToOpen } from './strategy-discussion-opener';
