import { randomUUID } from 'node:crypto';
import type { Body } from './contacts';

// a valid police DA notification (API.md), changed per test; the reference and names are
// unique per call so notifications and children never match by accident
export function notificationBody(over: Body = {}): Body {
  const u = randomUUID().slice(0, 8);
  return {
    policeReference: `CLE/26/${u}`,
    incidentAt: '2026-11-23T06:00:00Z',
    riskTool: 'DASH',
    riskLevel: 'STANDARD',
    dashScore: 5,
    victim: { firstName: `Vera${u}`, lastName: 'Adams', dateOfBirth: '1990-01-01' },
    perpetrator: { firstName: 'Pete', lastName: 'Adams' },
    relationship: 'PARTNER',
    children: [
      {
        firstName: `Kai${u}`,
        lastName: 'Adams',
        dateOfBirth: '2018-03-03',
        present: false,
        witnessed: false,
        injured: false,
      },
    ],
    injuries: false,
    weaponUsed: false,
    summary: 'Verbal argument reported by a neighbour; no injuries; officers attended and gave advice.',
    officer: { name: 'PC Jones', collarNumber: '1234' },
    ...over,
  };
}
