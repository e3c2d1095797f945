import { Transform } from 'class-transformer';

// surrounding spaces are never meaningful in a name, code or reason a person typed; the
// shared validation kit, so every DTO trims the same way
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

// an email or a postcode compares however it was typed
export const TrimLowerCase = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  );
export const TrimUpperCase = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  );
