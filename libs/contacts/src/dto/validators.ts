import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { disabilitiesProblem } from '../policy/child-demographics';
import { isValidNhsNumber, normaliseNhsNumber } from '../policy/nhs-number';
import { isValidUpn, normaliseUpn } from '../policy/upn';

export { Trim } from '@app/core';

// '943 476 5919' and '943-476-5919' are how NHS numbers are written; stored as 10 digits
export const NormaliseNhsNumber = () =>
  Transform(({ value }) => (typeof value === 'string' ? normaliseNhsNumber(value) : value));

export function IsNhsNumber(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isNhsNumber',
      target: target.constructor,
      propertyName,
      options: { message: 'must be a valid 10-digit NHS number (mod-11 check digit)', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidNhsNumber(value) },
    });
}

// a UPN is written with spaces sometimes, and in either case; stored as 13 upper-case characters
export const NormaliseUpn = () =>
  Transform(({ value }) => (typeof value === 'string' ? normaliseUpn(value) : value));

export function IsUpn(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isUpn',
      target: target.constructor,
      propertyName,
      options: {
        message: 'must be a 13-character UPN with its check letter (DfE algorithm)',
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidUpn(value) },
    });
}

// CIN census disability codes, each once, NONE alone; the message says which rule failed
export function IsDisabilityList(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isDisabilityList',
      target: target.constructor,
      propertyName,
      options: {
        message: (args) => disabilitiesProblem(args.value) ?? 'must be CIN census disability codes',
        ...options,
      },
      validator: { validate: (value: unknown) => disabilitiesProblem(value) === null },
    });
}

// UK postcode shape (not a lookup)
export const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i;
export const PHONE = /^[0-9+() -]{6,24}$/;

// CIN census 2025-26 code lists (shared/reference/cin_census/cin_census_codelists.json)
export const REFERRAL_SOURCES = [
  '1A',
  '1B',
  '1C',
  '1D',
  '2A',
  '2B',
  '3A',
  '3B',
  '3C',
  '3D',
  '3E',
  '3F',
  '4',
  '5A',
  '5B',
  '5C',
  '5D',
  '6',
  '7',
  '8',
  '9',
  '10',
] as const;
export const ETHNICITY_CODES = [
  'WBRI',
  'WIRI',
  'WIRT',
  'WOTH',
  'WROM',
  'MWBC',
  'MWBA',
  'MWAS',
  'MOTH',
  'AIND',
  'APKN',
  'ABAN',
  'AOTH',
  'BCRB',
  'BAFR',
  'BOTH',
  'CHNE',
  'OOTH',
  'REFU',
  'NOBT',
] as const;
