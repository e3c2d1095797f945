import { loadPolicies, WorkingCalendar } from '@app/core';
import {
  completeAttendance,
  isQuorate,
  missingRequired,
  s47Dates,
  type Agency,
  type Attendance,
} from './strategy-rules';

const policies = loadPolicies('config');
const calendar = new WorkingCalendar(policies.calendar);
const ICPC = policies.thresholds.icpcDueWorkingDays;

describe('strategy discussion rules (DOMAIN.md "Strategy discussions")', () => {
  it.each<[string, Agency[], Agency[]]>([
    ['all three required invited', ['LA_SOCIAL_CARE', 'POLICE', 'HEALTH', 'EDUCATION'], []],
    ['health left out', ['LA_SOCIAL_CARE', 'POLICE', 'EDUCATION'], ['HEALTH']],
    ['only education', ['EDUCATION'], ['LA_SOCIAL_CARE', 'POLICE', 'HEALTH']],
  ])('should name the missing required agencies when %s', (_what, invited, missing) => {
    expect(missingRequired(invited.map((agency) => ({ agency })))).toEqual(missing);
  });

  it.each<[string, [Agency, Attendance][], boolean]>([
    // required: LA children's social care, police, health, all ATTENDED
    [
      'all three attended',
      [
        ['LA_SOCIAL_CARE', 'ATTENDED'],
        ['POLICE', 'ATTENDED'],
        ['HEALTH', 'ATTENDED'],
      ],
      true,
    ],
    [
      'health sent apologies',
      [
        ['LA_SOCIAL_CARE', 'ATTENDED'],
        ['POLICE', 'ATTENDED'],
        ['HEALTH', 'APOLOGIES'],
      ],
      false,
    ],
    [
      'police absent',
      [
        ['LA_SOCIAL_CARE', 'ATTENDED'],
        ['POLICE', 'ABSENT'],
        ['HEALTH', 'ATTENDED'],
      ],
      false,
    ],
    [
      'health not listed',
      [
        ['LA_SOCIAL_CARE', 'ATTENDED'],
        ['POLICE', 'ATTENDED'],
        ['EDUCATION', 'ATTENDED'],
      ],
      false,
    ],
  ])('should decide quorum when %s', (_what, rows, quorate) => {
    const attendance = completeAttendance(rows.map(([agency, status]) => ({ agency, status })));
    expect(isQuorate(attendance)).toBe(quorate);
  });

  it('should record an unlisted required agency as ABSENT', () => {
    expect(completeAttendance([{ agency: 'POLICE', status: 'ATTENDED' }])).toEqual([
      { agency: 'POLICE', status: 'ATTENDED' },
      { agency: 'LA_SOCIAL_CARE', status: 'ABSENT' },
      { agency: 'HEALTH', status: 'ABSENT' },
    ]);
  });

  it.each<[string, string, string, string | null]>([
    // ICPC due 15 working days after the s47 start (the strategy discussion date)
    ['an ordinary fortnight', '2026-11-23T14:00:00Z', 'S47_JOINT', '2026-12-14'],
    [
      'across Christmas and New Year (25, 28 Dec, 1 Jan)',
      '2026-12-16T11:00:00Z',
      'S47_SINGLE_AGENCY',
      '2027-01-11',
    ],
    [
      'late evening BST, already Friday 22 May in London; Spring bank holiday 25 May',
      '2026-05-21T23:30:00Z',
      'S47_JOINT',
      '2026-06-15',
    ],
    ['no s47 enquiry', '2026-11-23T14:00:00Z', 'NO_S47_ASSESSMENT', null],
    ['no further action', '2026-11-23T14:00:00Z', 'NFA', null],
  ])('should give the s47 start and ICPC due dates for %s', (_what, heldAt, outcome, icpc) => {
    const dates = s47Dates(new Date(heldAt), outcome as Parameters<typeof s47Dates>[1], calendar, ICPC);
    expect(dates?.icpcDueDate ?? null).toBe(icpc);
    if (dates) expect(dates.s47StartDate).toBe(calendar.localDate(new Date(heldAt)));
  });
});
