import type { Schema } from '../api-client';

// issue 18 (decision 0029): what the console calls the api's codes for information requests
export type StaffRequest = Schema<'InformationRequestViewDto'>;
export type PartnerRequest = Schema<'PartnerInformationRequestViewDto'>;
export type AnyRequest = StaffRequest | PartnerRequest;
export type LawfulBasis = Schema<'RequestInformationDto'>['lawfulBasis'];
export type RequestStatus = StaffRequest['status'];
export type Response = Schema<'InformationResponseDto'>;

// the front door's own view has the asked agency and who asked; the asked agency's has neither
export const isStaffRequest = (request: AnyRequest): request is StaffRequest => 'agencyName' in request;

export const LAWFUL_BASIS_WORDS: Record<LawfulBasis, string> = {
  CONSENT: 'Consent given',
  PUBLIC_TASK_S17: 'Public task: section 17 (child in need)',
  PUBLIC_TASK_S47: 'Public task: section 47 (child protection)',
  VITAL_INTERESTS: 'Vital interests',
};

export const LAWFUL_BASIS_HINTS: Record<LawfulBasis, string> = {
  CONSENT: 'The family agreed to information being shared',
  PUBLIC_TASK_S17: 'Children Act 1989 section 17: to work out whether the child is in need',
  PUBLIC_TASK_S47:
    'Children Act 1989 section 47: the child may be suffering, or likely to suffer, significant harm',
  VITAL_INTERESTS: 'To protect the child’s life when there is no time to ask',
};

export const LAWFUL_BASES = Object.keys(LAWFUL_BASIS_WORDS) as LawfulBasis[];

// a status is a blue or grey tag, with its words (CONSOLE.md 5: red, orange and green are RAG)
export const STATUS_WORDS: Record<RequestStatus, string> = {
  OPEN: 'Waiting for an answer',
  ANSWERED: 'Answered',
  DECLINED: 'Declined',
};

export const CONSENT_WORDS: Record<string, string> = {
  GIVEN: 'Given',
  REFUSED: 'Refused',
  NOT_SOUGHT: 'Not sought',
  OVERRIDDEN: 'Overridden',
};

// the api's limits (libs/information-sharing policy): the server stays the authority
export const QUESTIONS_MIN = 10;
export const TEXT_MAX = 5000;
export const REASON_MIN = 10;
export const REASON_MAX = 2000;

export const chasesWords = (n: number) =>
  n === 0 ? 'Not chased' : n === 1 ? 'Chased once' : `Chased ${n} times`;
