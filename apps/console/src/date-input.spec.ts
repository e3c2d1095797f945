import { ApiFailure } from './api';
import { clockOf, dateOf, instantOf, onDateBoxes, partsOfDate, partsOfInstant } from './date-input';
import { setTimeZone } from './time-zone';

const parts = (day: string, month: string, year: string) => ({ day, month, year });

describe('dateOf (the three boxes as a calendar date)', () => {
  it.each`
    day      | month   | year       | expected        | why
    ${'27'}  | ${'3'}  | ${'2017'}  | ${'2017-03-27'} | ${'a real date, padded'}
    ${'1'}   | ${'1'}  | ${'2026'}  | ${'2026-01-01'} | ${'one digit each'}
    ${'05'}  | ${'09'} | ${'2026'}  | ${'2026-09-05'} | ${'leading zeros'}
    ${' 5 '} | ${' 9'} | ${'2026 '} | ${'2026-09-05'} | ${'spaces round the numbers'}
    ${'29'}  | ${'2'}  | ${'2024'}  | ${'2024-02-29'} | ${'29 February in a leap year'}
    ${'29'}  | ${'2'}  | ${'2000'}  | ${'2000-02-29'} | ${'29 February in a 400th year'}
    ${'29'}  | ${'2'}  | ${'2026'}  | ${undefined}    | ${'29 February in a common year'}
    ${'29'}  | ${'2'}  | ${'1900'}  | ${undefined}    | ${'29 February in a century that is not a leap year'}
    ${'31'}  | ${'4'}  | ${'2026'}  | ${undefined}    | ${'31 April'}
    ${'30'}  | ${'2'}  | ${'2026'}  | ${undefined}    | ${'30 February'}
    ${'0'}   | ${'3'}  | ${'2026'}  | ${undefined}    | ${'day 0'}
    ${'1'}   | ${'13'} | ${'2026'}  | ${undefined}    | ${'month 13'}
    ${'1'}   | ${'0'}  | ${'2026'}  | ${undefined}    | ${'month 0'}
    ${'27'}  | ${'3'}  | ${'17'}    | ${undefined}    | ${'a two-digit year'}
    ${'27'}  | ${'3'}  | ${'02017'} | ${undefined}    | ${'a five-digit year'}
    ${'027'} | ${'3'}  | ${'2017'}  | ${undefined}    | ${'a three-digit day'}
    ${'a'}   | ${'3'}  | ${'2017'}  | ${undefined}    | ${'not a number'}
    ${'1.5'} | ${'3'}  | ${'2017'}  | ${undefined}    | ${'not a whole number'}
    ${''}    | ${'3'}  | ${'2017'}  | ${undefined}    | ${'no day'}
    ${'27'}  | ${''}   | ${'2017'}  | ${undefined}    | ${'no month'}
    ${'27'}  | ${'3'}  | ${''}      | ${undefined}    | ${'no year'}
    ${''}    | ${''}   | ${''}      | ${''}           | ${'nothing typed'}
    ${' '}   | ${''}   | ${'  '}    | ${''}           | ${'only spaces'}
  `('should read $day/$month/$year as $expected ($why)', ({ day, month, year, expected }) => {
    expect(dateOf(parts(day as string, month as string, year as string))).toBe(expected);
  });
});

describe('clockOf (a time as people type it)', () => {
  it.each`
    typed         | expected
    ${'14:30'}    | ${'14:30'}
    ${'1430'}     | ${'14:30'}
    ${'14.30'}    | ${'14:30'}
    ${'9:05'}     | ${'09:05'}
    ${'9.05'}     | ${'09:05'}
    ${'0905'}     | ${'09:05'}
    ${'905'}      | ${'09:05'}
    ${'00:00'}    | ${'00:00'}
    ${'23:59'}    | ${'23:59'}
    ${' 21:05 '}  | ${'21:05'}
    ${'11pm'}     | ${'23:00'}
    ${'11.30am'}  | ${'11:30'}
    ${'11:30 PM'} | ${'23:30'}
    ${'12am'}     | ${'00:00'}
    ${'12pm'}     | ${'12:00'}
    ${'12.15am'}  | ${'00:15'}
    ${'1am'}      | ${'01:00'}
    ${'24:00'}    | ${undefined}
    ${'14:60'}    | ${undefined}
    ${'0pm'}      | ${undefined}
    ${'13pm'}     | ${undefined}
    ${'11.60am'}  | ${undefined}
    ${'1130am'}   | ${undefined}
    ${'14'}       | ${undefined}
    ${'14:3'}     | ${undefined}
    ${'2:30:00'}  | ${undefined}
    ${'noon'}     | ${undefined}
    ${''}         | ${undefined}
  `('should read "$typed" as $expected', ({ typed, expected }) => {
    expect(clockOf(typed as string)).toBe(expected);
  });
});

describe('instantOf (a date and a time on the front door’s clock)', () => {
  beforeEach(() => setTimeZone('Europe/London'));

  it.each`
    day     | month   | year      | time         | expected                      | why
    ${'15'} | ${'1'}  | ${'2026'} | ${'09:30'}   | ${'2026-01-15T09:30:00.000Z'} | ${'winter: London is UTC'}
    ${'15'} | ${'7'}  | ${'2026'} | ${'0930'}    | ${'2026-07-15T08:30:00.000Z'} | ${'summer: BST is UTC+1'}
    ${'15'} | ${'7'}  | ${'2026'} | ${'11pm'}    | ${'2026-07-15T22:00:00.000Z'} | ${'the 12-hour clock'}
    ${'29'} | ${'2'}  | ${'2028'} | ${'11.30am'} | ${'2028-02-29T11:30:00.000Z'} | ${'29 February in a leap year'}
    ${'29'} | ${'2'}  | ${'2026'} | ${'11:30'}   | ${undefined}                  | ${'not a real date'}
    ${'15'} | ${'7'}  | ${'2026'} | ${'25:00'}   | ${undefined}                  | ${'not a time'}
    ${'15'} | ${'7'}  | ${'2026'} | ${''}        | ${undefined}                  | ${'no time'}
    ${''}   | ${''}   | ${''}     | ${'09:30'}   | ${undefined}                  | ${'no date'}
    ${'25'} | ${'10'} | ${'2026'} | ${'00:30'}   | ${'2026-10-24T23:30:00.000Z'} | ${'the autumn change day starts in BST'}
  `('should read $day/$month/$year $time as $expected ($why)', ({ day, month, year, time, expected }) => {
    expect(
      instantOf({ ...parts(day as string, month as string, year as string), time: time as string }),
    ).toBe(expected);
  });

  it('should read in the zone the api names', () => {
    setTimeZone('America/New_York');
    expect(instantOf({ ...parts('15', '7', '2026'), time: '9:30' })).toBe('2026-07-15T13:30:00.000Z');
  });
});

describe('partsOfDate and partsOfInstant (what the boxes show)', () => {
  beforeEach(() => setTimeZone('Europe/London'));

  it.each`
    date                          | expected
    ${'2026-03-07'}               | ${parts('7', '3', '2026')}
    ${'2024-02-29'}               | ${parts('29', '2', '2024')}
    ${'2026-12-31T23:30:00.000Z'} | ${parts('31', '12', '2026')}
    ${undefined}                  | ${parts('', '', '')}
    ${''}                         | ${parts('', '', '')}
  `('should show the date $date as $expected', ({ date, expected }) => {
    expect(partsOfDate(date as string | undefined)).toEqual(expected);
  });

  it.each`
    iso                           | expected                                           | why
    ${'2026-01-15T09:05:00.000Z'} | ${{ ...parts('15', '1', '2026'), time: '09:05' }}  | ${'winter'}
    ${'2026-07-15T08:30:00.000Z'} | ${{ ...parts('15', '7', '2026'), time: '09:30' }}  | ${'summer: BST'}
    ${'2026-07-15T23:30:00.000Z'} | ${{ ...parts('16', '7', '2026'), time: '00:30' }}  | ${'the next day on the wall clock'}
    ${'2026-12-31T00:00:00.000Z'} | ${{ ...parts('31', '12', '2026'), time: '00:00' }} | ${'midnight'}
    ${undefined}                  | ${{ ...parts('', '', ''), time: '' }}              | ${'none'}
  `('should show the instant $iso as $expected ($why)', ({ iso, expected }) => {
    expect(partsOfInstant(iso as string | undefined)).toEqual(expected);
  });

  it.each(['2026-01-15T09:05:00.000Z', '2026-07-15T22:59:00.000Z', '2026-10-25T09:00:00.000Z'])(
    'should read back the instant it shows (%s)',
    (iso) => {
      expect(instantOf(partsOfInstant(iso))).toBe(iso);
    },
  );
});

describe('onDateBoxes (the api’s date fields onto the first box)', () => {
  const failure = (fields: string[]) =>
    new ApiFailure({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'Validation failed',
      details: fields.map((field) => ({ field, message: 'must be a date' })),
    });
  const boxOf = (field: string) =>
    /^(heldAt|actions\.\d+\.dueDate)$/.test(field) ? `${field}.day` : undefined;

  it('should rename the date fields and keep the others', () => {
    const mapped = onDateBoxes(failure(['heldAt', 'actions.1.dueDate', 'outcome']), boxOf) as ApiFailure;
    expect(mapped).toBeInstanceOf(ApiFailure);
    expect(mapped.error.details?.map((d) => d.field)).toEqual([
      'heldAt.day',
      'actions.1.dueDate.day',
      'outcome',
    ]);
  });

  it('should leave an error without details as it is', () => {
    const error = new Error('offline');
    expect(onDateBoxes(error, boxOf)).toBe(error);
  });
});
