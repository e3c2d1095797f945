// NHS numbers (NHS Data Dictionary): ten digits, the tenth a modulus 11 check digit

// people type and paste them grouped '943 476 5919' or '943-476-5919'
export function normaliseNhsNumber(value: string): string {
  return value.replace(/[\s-]/g, '');
}

export function isValidNhsNumber(value: string): boolean {
  const digits = normaliseNhsNumber(value);
  if (!/^[0-9]{10}$/.test(digits)) return false;
  // ten identical digits pass the arithmetic but are never issued
  if (/^(\d)\1{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  // 11 means a check digit of 0; 10 means no number was ever issued with these nine digits
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}
