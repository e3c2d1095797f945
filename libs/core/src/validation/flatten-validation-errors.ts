import type { ValidationError } from 'class-validator';
import type { FieldError } from '../errors/domain-error';

// class-validator nests errors by property; clients want one list of dotted paths
// ("child.dateOfBirth", "children.0.school")
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      out.push({ field, message: message.replace(/^property (.+) should not exist$/, 'unknown field') });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}
