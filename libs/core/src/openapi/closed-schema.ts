import { ApiSchema, type ApiSchemaOptions } from '@nestjs/swagger';

// a schema that admits no keys but its own (additionalProperties: false). ApiSchema copies
// its options into the schema; its type names only name and description, hence the widening
export function ApiClosedSchema(options: ApiSchemaOptions = {}): ClassDecorator {
  const closed: ApiSchemaOptions & { additionalProperties: false } = {
    ...options,
    additionalProperties: false,
  };
  return ApiSchema(closed);
}
