import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { findDemoUsers } from '@app/auth';
import { ClaimContact, ContactCount, CreateContact, CreateContactDto } from '@app/contacts';
import { canonicalJson, sha256Hex } from '@app/core';
import { SubmitNotification, SubmitNotificationDto } from '@app/domestic-abuse';
import { RecordDecision, RecordDecisionDto } from '@app/thresholds';
import { createValidationPipe } from './http/validation';

// A small caseload for the demo world (issue 15: the demo screener has a queue to claim from and
// decide, the demo manager a decision to authorise and figures on the dashboard; issue 16: police
// notifications to triage, schools to tell and a strategy discussion to hold). Every row is
// made by the use cases people use, as the people of the demo world, so each has its journal
// (audit) row and live event. The children, families and referrers are fictional; the NHS number
// is in the 999 range, which is never issued.

const PARTNER = 'school@partner.example';
const POLICE = 'police@cleveland.example';
const SCREENER = 'screener@mach.example';
const SASHA = 'screener2@mach.example';

type Body = Record<string, unknown>;

interface DemoContact {
  key: string;
  by: typeof PARTNER | typeof SCREENER;
  // how long ago the concern reached the front door
  minutesAgo: number;
  body: Body;
}

interface DemoStep {
  claimBy?: string;
  decide?: { by: string; decision: Body };
}

const SCHOOL_REFERRER = {
  name: 'Pat Partner',
  organisation: 'Acklam Primary School',
  role: 'Designated safeguarding lead',
  phone: '01642 000000',
  email: 'school@partner.example',
};

const GIVEN = { status: 'GIVEN' };

function contacts(householdId: string): DemoContact[] {
  const school = (minutesAgo: number, key: string, body: Body): DemoContact => ({
    key,
    by: PARTNER,
    minutesAgo,
    body: { source: '2A', referrer: SCHOOL_REFERRER, consent: GIVEN, immediateRisk: false, ...body },
  });
  return [
    // RED (physical abuse with an injury), received over three hours ago: due soon, then overdue
    school(195, 'leo', {
      child: {
        firstName: 'Leo',
        lastName: 'Ashworth',
        dateOfBirth: '2018-03-14',
        sex: 'M',
        ethnicity: 'WBRI',
        postcode: 'TS5 7AA',
        school: 'Acklam Primary School',
      },
      concerns:
        'Leo came into class holding his left arm and flinched when his teacher touched his shoulder. ' +
        'The school first aider saw finger-shaped bruises on both upper arms. Leo said his dad grabbed ' +
        'him and shook him last night because he would not go to bed, and asked us not to tell his dad ' +
        'he had said so.',
      categories: ['PHYSICAL_ABUSE'],
      injury: true,
      consent: {
        status: 'NOT_SOUGHT',
        reason:
          'Leo says his father caused the bruising; asking the parents first could put him at greater risk.',
      },
    }),
    // RED (missing), decided by Sasha as information and advice: waits on the manager
    school(130, 'tyler', {
      child: {
        firstName: 'Tyler',
        lastName: 'Bell',
        dateOfBirth: '2016-07-22',
        sex: 'M',
        ethnicity: 'WBRI',
        postcode: 'TS5 8BQ',
        school: 'Acklam Primary School',
      },
      concerns:
        'Tyler did not arrive at school this morning and his mother did not know where he was; she ' +
        'reported him missing to the police at 9:15. He was found an hour later at his grandmother’s ' +
        'house across town, where he had walked on his own. He says he wanted to see his grandmother ' +
        'because she has been ill.',
      categories: ['MISSING'],
    }),
    // AMBER siblings, one household: domestic abuse at home
    school(95, 'ruby', {
      householdId,
      child: {
        firstName: 'Ruby',
        lastName: 'Whitfield',
        dateOfBirth: '2017-11-03',
        sex: 'F',
        ethnicity: 'MWBC',
        postcode: 'TS5 6PL',
        school: 'Acklam Primary School',
      },
      concerns:
        'Ruby told her teacher that mum and her partner were shouting and throwing things again at the ' +
        'weekend and that she hid in her bedroom with her little brother Alfie. She said mum had a cut ' +
        'lip on Sunday. Ruby has been tired and tearful in class this week.',
      categories: ['DOMESTIC_ABUSE', 'EMOTIONAL_ABUSE'],
    }),
    school(94, 'alfie', {
      householdId,
      child: {
        firstName: 'Alfie',
        lastName: 'Whitfield',
        dateOfBirth: '2020-05-19',
        sex: 'M',
        ethnicity: 'MWBC',
        postcode: 'TS5 6PL',
        school: 'Acklam Primary School',
      },
      concerns:
        'Alfie is in our reception class and is Ruby Whitfield’s brother (a separate contact was sent ' +
        'for Ruby today). Ruby says Alfie was in the house during the arguments at the weekend. Alfie ' +
        'has started wetting himself at school and will not go to the toilet on his own.',
      categories: ['DOMESTIC_ABUSE'],
    }),
    // AMBER (neglect), received earlier in the day
    school(300, 'maisie', {
      child: {
        firstName: 'Maisie',
        lastName: 'Carrick',
        dateOfBirth: '2019-01-27',
        sex: 'F',
        ethnicity: 'WBRI',
        postcode: 'TS5 4JD',
        school: 'Acklam Primary School',
      },
      concerns:
        'Maisie has been arriving late and hungry most days for three weeks, in the same unwashed ' +
        'uniform, and has had head lice for over a month. Her attendance is 81% this term. Mum has not ' +
        'come to the last two meetings we arranged and her phone goes to voicemail.',
      categories: ['NEGLECT'],
    }),
    // AMBER (emotional abuse), with the child's NHS number
    school(70, 'ayaan', {
      child: {
        firstName: 'Ayaan',
        lastName: 'Mahmood',
        dateOfBirth: '2015-09-08',
        sex: 'M',
        ethnicity: 'APKN',
        postcode: 'TS5 7HN',
        nhsNumber: '9992047186',
        school: 'Acklam Primary School',
      },
      concerns:
        'Ayaan has become very withdrawn since September and told the learning mentor that his ' +
        'stepfather calls him stupid and useless and tells him nobody wants him. He has started ' +
        'scratching his arms with a pencil when he is upset, though there are no open wounds. He is ' +
        'frightened of taking his reading record home in case it shows he has done badly.',
      categories: ['EMOTIONAL_ABUSE'],
    }),
    // GREEN (a parent's mental health, support asked for)
    school(55, 'poppy', {
      child: {
        firstName: 'Poppy',
        lastName: 'Lindqvist',
        dateOfBirth: '2018-12-01',
        sex: 'F',
        ethnicity: 'WOTH',
        postcode: 'TS5 5EX',
        school: 'Acklam Primary School',
      },
      concerns:
        'Poppy’s mum came in to tell us she has been diagnosed with depression and is finding mornings ' +
        'very hard since Poppy’s dad moved away. Poppy is happy and well cared for in school. Mum asked ' +
        'us to find out what support there is for the family and agreed to this contact.',
      categories: ['MENTAL_HEALTH'],
    }),
    // GREEN, decided no further action by Sam within its timescale
    school(240, 'harvey', {
      child: {
        firstName: 'Harvey',
        lastName: 'Dixon',
        dateOfBirth: '2017-02-16',
        sex: 'M',
        ethnicity: 'BCRB',
        postcode: 'TS5 8DS',
        school: 'Acklam Primary School',
      },
      concerns:
        'Harvey had a bump on his forehead when he arrived this morning. He said he fell off his scooter ' +
        'on the way to school, and his dad, who brought him in, told us the same before Harvey was asked. ' +
        'We are sending this for the record as he had a bruise on his shin last month.',
      categories: ['OTHER'],
    }),
    // by phone, recorded by Sam: a grandmother (RED, criminal exploitation) and a neighbour (AMBER)
    {
      key: 'jayden',
      by: SCREENER,
      minutesAgo: 25,
      body: {
        source: '1A',
        referrer: { name: 'Margaret Oyelaran', organisation: 'Member of the public', role: 'Grandmother' },
        child: {
          firstName: 'Jayden',
          lastName: 'Oyelaran',
          dateOfBirth: '2012-06-30',
          sex: 'M',
          ethnicity: 'BAFR',
          postcode: 'TS5 6QW',
        },
        concerns:
          'Jayden’s grandmother rang because he has been staying out until the early hours and came home ' +
          'last night with a new phone and £200 in cash he would not explain. She has seen him get into a ' +
          'car with older boys she does not know, and he told her he “has to do a job” for them. His mother ' +
          'knows she is calling and is also worried.',
        categories: ['CCE', 'MISSING'],
        immediateRisk: false,
        consent: GIVEN,
      },
    },
    {
      key: 'isla',
      by: SCREENER,
      minutesAgo: 40,
      body: {
        source: '1B',
        referrer: { name: 'Dennis Hartley', organisation: 'Member of the public', role: 'Neighbour' },
        child: {
          firstName: 'Isla',
          lastName: 'Brennan',
          dateOfBirth: '2021-08-12',
          sex: 'F',
          ethnicity: 'WIRI',
          postcode: 'TS5 4LT',
        },
        concerns:
          'A neighbour rang to say that Isla, who is about five, has been heard crying on her own in the ' +
          'flat next door several evenings this month, and that he has seen her mother leave around 7pm ' +
          'and come back after 11pm. He spoke to the mother, who told him she is struggling and said he ' +
          'could ring us for help.',
        categories: ['NEGLECT'],
        immediateRisk: false,
        consent: GIVEN,
      },
    },
    // RED, decided for a strategy discussion: the discussion waits to be scheduled
    {
      key: 'noah',
      by: SCREENER,
      minutesAgo: 150,
      body: {
        source: '3B',
        referrer: {
          name: 'Grace Mensah',
          organisation: 'South Tees health visiting team',
          role: 'Health visitor',
          phone: '01642 000001',
        },
        child: {
          firstName: 'Noah',
          lastName: 'Pryce',
          dateOfBirth: '2025-06-02',
          sex: 'M',
          ethnicity: 'WBRI',
          postcode: 'TS4 2QZ',
        },
        concerns:
          'At a routine visit the health visitor saw bruising to both of Noah’s upper arms in the shape of ' +
          'fingertips. Noah is eighteen months old and not yet walking far. His mother said she did not ' +
          'know how it happened. The health visitor has taken him with his mother to the paediatric ' +
          'assessment unit.',
        categories: ['PHYSICAL_ABUSE'],
        injury: true,
        immediateRisk: true,
        consent: { status: 'NOT_SOUGHT', reason: 'Seeking consent could place Noah at further risk.' },
      },
    },
  ];
}

// two notifications from the demo force: a high-risk incident with two children there (an urgent
// contact is suggested, with MARAC; one child's school is not known), and a standard one with a
// child elsewhere (information only)
function notifications(): { hoursAgo: number; body: Body }[] {
  const officer = { name: 'PC Casey Cleveland', collarNumber: '4172' };
  return [
    {
      hoursAgo: 5,
      body: {
        policeReference: 'CLE/26/004821',
        riskTool: 'DASH',
        riskLevel: 'HIGH',
        dashScore: 16,
        victim: { firstName: 'Hannah', lastName: 'Ward', dateOfBirth: '1991-04-17' },
        perpetrator: {
          firstName: 'Craig',
          lastName: 'Ward',
          dateOfBirth: '1988-11-02',
          arrested: true,
          parentOfChildren: true,
        },
        relationship: 'PARTNER',
        children: [
          {
            firstName: 'Milo',
            lastName: 'Ward',
            dateOfBirth: '2015-09-21',
            school: 'Acklam Primary School',
            present: true,
            witnessed: true,
            injured: false,
          },
          {
            firstName: 'Ava',
            lastName: 'Ward',
            dateOfBirth: '2019-12-05',
            present: true,
            witnessed: false,
            injured: false,
          },
        ],
        injuries: true,
        weaponUsed: false,
        substanceMisuse: true,
        summary:
          'Officers attended a 999 call from a neighbour. Hannah had facial injuries; Craig was arrested at ' +
          'the scene for assault. Both children were in the house; Milo says he saw his father hit his ' +
          'mother. Alcohol was a factor. Third call to the address this year.',
        officer,
      },
    },
    {
      hoursAgo: 16,
      body: {
        policeReference: 'CLE/26/004790',
        riskTool: 'DARA',
        riskLevel: 'STANDARD',
        victim: { firstName: 'Kerry', lastName: 'Doyle' },
        perpetrator: { firstName: 'Sean', lastName: 'Doyle' },
        relationship: 'EX_PARTNER',
        children: [
          {
            firstName: 'Finn',
            lastName: 'Doyle',
            dateOfBirth: '2013-02-10',
            school: 'Linthorpe Community Primary',
            present: false,
            witnessed: false,
            injured: false,
          },
        ],
        injuries: false,
        weaponUsed: false,
        summary:
          'Verbal argument on the doorstep when Sean returned Finn after contact; Finn was already inside with ' +
          'his grandmother. No injuries, no offences disclosed; advice given to both.',
        officer,
      },
    },
  ];
}

const STEPS: Record<string, DemoStep> = {
  ruby: { claimBy: SASHA },
  tyler: {
    claimBy: SASHA,
    decide: {
      by: SASHA,
      decision: {
        level: 1,
        outcome: 'INFORMATION_AND_ADVICE',
        rationale:
          'Tyler was found safe within the hour at his grandmother’s, having walked there to see her ' +
          'while she is unwell. Police completed a safe and well check and found no other concerns; it ' +
          'is his first missing episode. Information and advice to mum and the school on the missing ' +
          'from education procedure and on arranging visits to his grandmother.',
      },
    },
  },
  noah: {
    claimBy: SCREENER,
    decide: {
      by: SCREENER,
      decision: {
        level: 4,
        outcome: 'STRATEGY_DISCUSSION',
        primaryNeedCode: 'N1',
        rationale:
          'Fingertip bruising to both upper arms of a non-mobile eighteen-month-old, with no explanation ' +
          'from his mother: reasonable cause to suspect significant harm. Strategy discussion with police ' +
          'and health today; Noah stays at the paediatric assessment unit meanwhile.',
      },
    },
  },
  harvey: {
    claimBy: SCREENER,
    decide: {
      by: SCREENER,
      decision: {
        level: 1,
        outcome: 'NFA',
        rationale:
          'The injury is minor and consistent with the fall Harvey and his father described separately ' +
          'and without prompting. There are no other contacts for Harvey and the school has no other ' +
          'worries about his care. No further action for children’s social care; the school will keep a note.',
      },
    },
  },
};

// the demo caseload, on a front door with no contacts yet; what it made (nothing when there were
// contacts already, so a restart adds nothing)
export async function seedDemoCaseload(
  app: INestApplicationContext,
): Promise<{ contacts: number; notifications: number }> {
  if ((await app.get(ContactCount).all()) > 0) return { contacts: 0, notifications: 0 };
  const users = await findDemoUsers(app.get(DataSource));
  const as = (email: string): AuthenticatedUser => {
    const user = users.get(email);
    // no names or emails in logs
    if (!user) throw new Error('demo caseload not seeded: a demo user is missing or inactive');
    return user;
  };
  const [partner, sam, sasha, police] = [as(PARTNER), as(SCREENER), as(SASHA), as(POLICE)];
  const byEmail = new Map([
    [PARTNER, partner],
    [SCREENER, sam],
    [SASHA, sasha],
  ]);

  // the bodies go through the API's own validation, so they are what a request would have made
  const pipe = createValidationPipe();
  const create = app.get(CreateContact);
  const claim = app.get(ClaimContact);
  const decide = app.get(RecordDecision);
  const now = Date.now();
  let made = 0;
  for (const { key, by, minutesAgo, body } of contacts(randomUUID())) {
    const dto = (await pipe.transform(
      { ...body, receivedAt: new Date(now - minutesAgo * 60_000).toISOString() },
      { type: 'body', metatype: CreateContactDto },
    )) as CreateContactDto;
    const { body: created } = await create.execute(byEmail.get(by)!, { contact: dto });
    made += 1;
    const step = STEPS[key];
    if (step?.claimBy) await claim.execute(byEmail.get(step.claimBy)!, { id: created.id });
    if (step?.decide) {
      const decision = (await pipe.transform(step.decide.decision, {
        type: 'body',
        metatype: RecordDecisionDto,
      })) as RecordDecisionDto;
      await decide.execute(byEmail.get(step.decide.by)!, { contactId: created.id, ...decision });
    }
  }
  const submit = app.get(SubmitNotification);
  let sent = 0;
  for (const { hoursAgo, body } of notifications()) {
    const request = { ...body, incidentAt: new Date(now - hoursAgo * 3_600_000).toISOString() };
    const dto = (await pipe.transform(request, {
      type: 'body',
      metatype: SubmitNotificationDto,
    })) as SubmitNotificationDto;
    await submit.execute(police, { notification: dto, requestHash: sha256Hex(canonicalJson(request)) });
    sent += 1;
  }
  return { contacts: made, notifications: sent };
}
