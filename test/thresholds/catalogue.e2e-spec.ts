import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createTestApp, type TestApp } from '../support/test-app';

interface Catalogue {
  levels: { level: number; name: string; usualOutcomes: string[]; description: string; examples: string[] }[];
  referralOutcomes: string[];
  rationaleMinLength: number;
  primaryNeeds: { code: string; label: string }[];
  factors: { code: string; label: string }[];
  noFactorsCode: string;
}

// issue 15: the decision form offers what the server checks, read from the one policy file
describe('GET /api/thresholds (the decision form’s catalogue)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('should answer the levels, usual pairs, referral outcomes and lengths of config/threshold-catalogue.yml', async () => {
    const policy = parse(
      readFileSync(join(__dirname, '..', '..', 'config', 'threshold-catalogue.yml'), 'utf8'),
    ) as {
      levels: Record<string, string>;
      guidance: Record<string, { means: string; examples: string[] }>;
      consistentOutcomes: Record<string, string[]>;
      referralOutcomes: string[];
      rationaleMinLength: number;
    };
    const token = await t.login('screener@mach.example');
    const body = (await t.http().get('/api/thresholds').set('authorization', `Bearer ${token}`).expect(200))
      .body as Catalogue;
    expect(body.levels).toEqual(
      Object.entries(policy.levels).map(([level, name]) => ({
        level: Number(level),
        name,
        usualOutcomes: policy.consistentOutcomes[level],
        description: policy.guidance[level].means,
        examples: policy.guidance[level].examples,
      })),
    );
    expect(body.referralOutcomes).toEqual(policy.referralOutcomes);
    expect(body.rationaleMinLength).toBe(policy.rationaleMinLength);
    // the CIN census code lists, labelled as the DfE words them
    expect(body.primaryNeeds).toContainEqual({ code: 'N1', label: 'Abuse, neglect and exploitation' });
    expect(body.primaryNeeds).toHaveLength(10);
    expect(body.factors).toHaveLength(44);
    expect(body.factors.find((f) => f.code === body.noFactorsCode)?.label).toMatch(/^No factors identified/);
  });

  it('should give partners the levels as help for a contact (issue 16)', async () => {
    const token = await t.login('school@partner.example');
    const body = (await t.http().get('/api/thresholds').set('authorization', `Bearer ${token}`).expect(200))
      .body as Catalogue;
    expect(body.levels.map((l) => l.level)).toEqual([1, 2, 3, 4]);
    for (const level of body.levels) {
      expect(level.description.length).toBeGreaterThan(0);
      expect(level.examples.length).toBeGreaterThan(0);
    }
  });

  it('should refuse roles that neither record decisions nor make contacts (403)', async () => {
    for (const email of ['police@cleveland.example', 'admin@mach.example']) {
      const token = await t.login(email);
      await t.http().get('/api/thresholds').set('authorization', `Bearer ${token}`).expect(403);
    }
    await t.http().get('/api/thresholds').expect(401);
  });
});
