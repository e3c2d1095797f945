import type { NextFunction, Request, Response } from 'express';
import { DomainError, type FieldError } from '@app/core';

// no body the api takes nests anywhere near this; a deeper one is refused before any code
// walks it recursively (class-transformer, class-validator, the idempotency hash)
export const MAX_BODY_DEPTH = 32;
// names that reach Object.prototype when code copies a parsed body: never a field of ours
const PROTOTYPE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);
const MAX_DETAILS = 20;

// text PostgreSQL can store: no NUL, no lone surrogate (JSON's \u0000 and \udfff parse
// into strings a text column refuses)
function textProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain a NUL character';
  if (!value.isWellFormed()) return 'must be valid Unicode text (a lone surrogate was sent)';
  return undefined;
}

function join(path: string, key: string | number): string {
  return path ? `${path}.${key}` : String(key);
}

// what is wrong with a parsed JSON body, walked without recursion (so a body nested 20,000
// deep cannot overflow the stack here either); field paths as the validation errors name them
export function bodyProblems(body: unknown): FieldError[] {
  if (body === undefined) return [];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return [{ field: 'body', message: 'must be a JSON object' }];
  }
  const problems: FieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 1 }];
  while (stack.length > 0 && problems.length < MAX_DETAILS) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) problems.push({ field: path || 'body', message: problem });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_BODY_DEPTH) {
      problems.push({
        field: path || 'body',
        message: `is nested too deeply (at most ${MAX_BODY_DEPTH} levels)`,
      });
      break;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i -= 1)
        stack.push({ value: value[i], path: join(path, i), depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(value)) {
      // the key is the client's text: a bad one is not echoed back
      if (textProblem(key)) {
        problems.push({ field: path || 'body', message: 'has a field name that is not valid text' });
        continue;
      }
      if (PROTOTYPE_KEYS.has(key)) {
        problems.push({ field: join(path, key), message: 'unknown field' });
        continue;
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: join(path, key), depth: depth + 1 });
    }
  }
  return problems;
}

// query values and the path, as the router will decode them
export function urlProblems(url: string, query: unknown): FieldError[] {
  const problems: FieldError[] = [];
  const path = url.split('?')[0];
  if (/%00/.test(path)) problems.push({ field: 'path', message: 'must not contain a NUL character' });
  if (query && typeof query === 'object') {
    for (const [key, raw] of Object.entries(query as Record<string, unknown>)) {
      const values = Array.isArray(raw) ? raw : [raw];
      const keyProblem = textProblem(key);
      if (keyProblem) {
        problems.push({ field: 'query', message: 'has a parameter name that is not valid text' });
        continue;
      }
      for (const value of values) {
        const problem = typeof value === 'string' ? textProblem(value) : undefined;
        if (problem) {
          problems.push({ field: key, message: problem });
          break;
        }
      }
    }
  }
  return problems;
}

// runs after the body parser, before any route: input no handler could store is a 400
// naming the field, and nothing is stored
export function requestHygiene(req: Request, _res: Response, next: NextFunction): void {
  const problems = [...urlProblems(req.originalUrl ?? req.url, req.query), ...bodyProblems(req.body)];
  if (problems.length > 0) {
    next(DomainError.validation(problems.slice(0, MAX_DETAILS)));
    return;
  }
  next();
}
