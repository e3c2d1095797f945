import { isValidNhsNumber, normaliseNhsNumber } from './nhs-number';

// mod 11 (NHS Data Dictionary): weights 10..2 on the first nine digits, check = 11 - (sum % 11),
// 11 -> 0, 10 -> no valid number
describe('normaliseNhsNumber', () => {
  it.each`
    value                | expected        | rule
    ${'9434765919'}      | ${'9434765919'} | ${'ten digits are already normal'}
    ${'943 476 5919'}    | ${'9434765919'} | ${'API.md Contacts: the NHS-style 3-3-4 grouping with spaces'}
    ${'943-476-5919'}    | ${'9434765919'} | ${'grouped with hyphens'}
    ${' 943 476\t5919 '} | ${'9434765919'} | ${'surrounding spaces and tabs from a paste'}
    ${'943A765919'}      | ${'943A765919'} | ${'letters are kept, for the validator to reject'}
  `('should return $expected when the value is $value ($rule)', ({ value, expected }) => {
    expect(normaliseNhsNumber(value)).toBe(expected);
  });
});

describe('isValidNhsNumber', () => {
  it.each`
    value                     | expected | rule
    ${'9434765919'}           | ${true}  | ${'9*10+4*9+3*8+4*7+7*6+6*5+5*4+9*3+1*2 = 299, 299 % 11 = 2, 11 - 2 = 9 = last digit'}
    ${'4010232137'}           | ${true}  | ${'4*10+0*9+1*8+0*7+2*6+3*5+2*4+1*3+3*2 = 92, 92 % 11 = 4, 11 - 4 = 7 = last digit'}
    ${'9876543210'}           | ${true}  | ${'9*10+8*9+7*8+6*7+5*6+4*5+3*4+2*3+1*2 = 330, 330 % 11 = 0, 11 -> check digit 0'}
    ${'943 476 5919'}         | ${true}  | ${'spaces are ignored'}
    ${'943-476-5919'}         | ${true}  | ${'hyphens are ignored'}
    ${'9434765918'}           | ${false} | ${'check digit should be 9, not 8'}
    ${'4010232138'}           | ${false} | ${'check digit should be 7, not 8'}
    ${'9876543211'}           | ${false} | ${'check 11 means 0, not 1'}
    ${'1234567890'}           | ${false} | ${'1*10+2*9+3*8+4*7+5*6+6*5+7*4+8*3+9*2 = 210, 210 % 11 = 1, check 10: never issued'}
    ${'1234567891'}           | ${false} | ${'check 10 is invalid whatever the last digit'}
    ${'0000000000'}           | ${false} | ${'ten identical digits pass the arithmetic (check 0) but are never issued'}
    ${'1111111111'}           | ${false} | ${'ten identical digits pass the arithmetic (54 % 11 = 10, check 1) but are never issued'}
    ${'9999999999'}           | ${false} | ${'ten identical digits pass the arithmetic but are never issued'}
    ${'943476591'}            | ${false} | ${'9 digits'}
    ${'94347659190'}          | ${false} | ${'11 digits'}
    ${'943476591X'}           | ${false} | ${'letters are not digits'}
    ${'94347 65919a'}         | ${false} | ${'a letter after the digits'}
    ${'943.476.5919'}         | ${false} | ${'only spaces and hyphens are separators'}
    ${'９４３４７６５９１９'} | ${false} | ${'full-width digits are not ASCII digits'}
    ${'+943476591'}           | ${false} | ${'a sign is not a digit'}
    ${''}                     | ${false} | ${'empty'}
    ${'   '}                  | ${false} | ${'only spaces'}
  `('should return $expected when the value is $value ($rule)', ({ value, expected }) => {
    expect(isValidNhsNumber(value)).toBe(expected);
  });
});
