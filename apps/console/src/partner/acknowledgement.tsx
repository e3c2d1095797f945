import { when } from '../ui';
import type { Acknowledgement } from './referrals';

// who the front door told of the outcome, and when: "Ms J Patel, Acklam Primary School, Today 14:05"
export function AcknowledgementText({ acknowledgement }: { acknowledgement: Acknowledgement }) {
  const { recipient, recordedAt } = acknowledgement;
  return (
    <>
      {recipient.name}, {recipient.organisation}, <time dateTime={recordedAt}>{when(recordedAt)}</time>
    </>
  );
}
