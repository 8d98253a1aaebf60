// The demo area `npm run dev` loads into empty storage: an invented area (Riverbend), said to be a demo wherever it
// shows, set in the Agents Playground's tenant, team, channels, group chat and users (.m365agentsplayground.yml).
//
// Every phone number is from Ofcom's ranges kept for TV and radio drama, which are never given to real lines:
// 01632 960000–960999, 020 7946 0000–0999 and 0808 157 0000–0999
// (https://www.ofcom.org.uk/phones-telecoms-and-internet/information-for-industry/numbering/numbers-for-drama).
// Addresses and web sites are under `.example`, which the IETF keeps for examples (RFC 2606).

/** The Playground's mock Teams context, as .m365agentsplayground.yml sets it (a unit test keeps the two in step). */
export const PLAYGROUND = {
  tenantId: '5f0d3c2a-1b4e-4c6d-8e9f-0a1b2c3d4e5f',
  bot: { id: '28:8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d', name: 'Link Programme' },
  team: { id: '19:salford-link-programme@thread.tacv2', name: 'Salford Link Programme', aadGroupId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f' },
  cohortChannel: '19:salford-cohort-1@thread.tacv2',
  groupChat: '__GROUP_CHAT_ID__',
  /** The Playground's Bot Connector where `npm run dev` starts it by default (scripts/dev.ts passes the one it started). */
  serviceUrl: 'http://127.0.0.1:56150/_connector',
  users: [
    { name: 'Alex Wilber', email: 'alexw@salford.example.org', aadObjectId: 'a1e0c0de-0000-4000-8000-000000000020' },
    { name: 'Megan Bowen', email: 'meganb@stmarys.example.sch.uk', aadObjectId: 'a1e0c0de-0000-4000-8000-000000000021' },
    { name: 'Adele Vance', email: 'adele.vance@nhs.example.net', aadObjectId: 'a1e0c0de-0000-4000-8000-000000000022' },
    { name: 'Isaiah Langer', email: 'isaiahl@oakwood.example.ac.uk', aadObjectId: 'a1e0c0de-0000-4000-8000-000000000023' },
    { name: 'Patti Fernandez', email: 'pattif@salford.example.org', aadObjectId: 'a1e0c0de-0000-4000-8000-000000000024' },
    { name: 'Lynne Robbins', email: 'lynne.robbins@nhs.example.net', aadObjectId: 'a1e0c0de-0000-4000-8000-000000000025' },
  ],
} as const;

/** The Playground's current user: the coordinator who "imported" the demo. */
export const DEMO_COORDINATOR = PLAYGROUND.users[0];

export const DEMO_AREA = {
  /** The id commands take, e.g. `network create riverbend-demo …`. */
  id: 'riverbend-demo',
  /** The directory's area name; slugged it is the id above. */
  name: 'Riverbend (demo)',
} as const;

export const DEMO_COHORT_NAME = 'Riverbend demo cohort';
export const DEMO_NETWORK_NAME = 'Riverbend network leads (demo)';

const CONTACT_HEADER = 'id,serviceName,kind,needs,ageMin,ageMax,whoCanRefer,howToRefer,phone,email,web,openingHours,notes,lastVerified';

/** Twelve invented services: [id, name, kind, needs, ageMin, ageMax, who can refer, how to refer, phone, hours]. */
const SERVICES: readonly (readonly [string, string, string, string, number, number, string, string, string, string])[] = [
  ['spa', 'Riverbend CYPMHS Single Point of Access (demo)', 'single-point-of-access', 'anxiety; low mood; self-harm; eating difficulties; neurodevelopmental; bereavement', 0, 18, 'self; parent; school; gp', 'Phone the SPA or send the referral form; the duty clinician calls back within two working days.', '01632 960001', 'Monday to Friday 9am to 5pm'],
  ['cypmhs', 'Riverbend CYPMHS Community Team (demo)', 'cypmhs', 'anxiety; depression; self-harm; trauma; ocd', 5, 18, 'gp; school; parent', 'Referral through the Single Point of Access only.', '01632 960002', 'Monday to Friday 9am to 5pm'],
  ['mhst', 'Riverbend Mental Health Support Team (demo)', 'mental-health-support-team', 'anxiety; low mood; exam stress; worry; behaviour', 5, 18, 'school', 'The school\'s senior mental health lead refers with the MHST request form.', '01632 960003', 'Term time Monday to Friday'],
  ['link-practitioner', 'Riverbend School Link Practitioner (demo)', 'school-link-practitioner', 'consultation; anxiety; low mood; referral advice', 4, 18, 'school', 'Book a consultation slot for advice before referring.', '01632 960004', 'Term time Tuesday and Thursday'],
  ['eating', 'Riverbend Eating Disorders Service (demo)', 'cypmhs', 'eating difficulties; eating disorder; anorexia; bulimia; arfid', 8, 18, 'gp; school; parent', 'GP refers with height and weight; schools may refer with parental consent.', '020 7946 0101', 'Monday to Friday 9am to 5pm'],
  ['crisis', 'Riverbend CYPMHS Crisis Team (demo)', 'crisis', 'crisis; self-harm; suicidal thoughts; urgent', 0, 18, 'self; parent; school; gp', 'Phone the crisis line; if a child is in immediate danger call 999 first.', '020 7946 0102', 'Every day 8am to 10pm'],
  ['early-help', 'Riverbend Early Help Hub (demo)', 'early-help', 'family support; parenting; attendance; housing; young carers', 0, 18, 'self; parent; school; gp', 'Complete the early help assessment with the family.', '020 7946 0103', 'Monday to Friday 9am to 5pm'],
  ['ed-psych', 'Riverbend Educational Psychology Service (demo)', 'educational-psychology', 'learning needs; send; emotionally based school avoidance; anxiety', 0, 25, 'school', 'The SENCo requests a consultation through the traded service.', '020 7946 0104', 'Term time Monday to Friday'],
  ['kooth', 'Riverbend Online Counselling (demo)', 'voluntary-sector', 'anxiety; low mood; loneliness; stress; relationships', 11, 25, 'self', 'Young people sign up themselves online; no referral needed.', '0808 157 0201', 'Every day noon to 10pm'],
  ['bereavement', 'Riverbend Young People\'s Bereavement Service (demo)', 'voluntary-sector', 'bereavement; grief; loss', 4, 18, 'self; parent; school', 'Phone for a first conversation with a worker.', '0808 157 0202', 'Monday to Friday 10am to 4pm'],
  ['youth-counselling', 'Riverbend Youth Counselling (demo)', 'voluntary-sector', 'anxiety; low mood; anger; self-esteem; family', 11, 18, 'self; parent; school', 'Young people or their school phone to book an assessment.', '0808 157 0203', 'Monday to Saturday 10am to 6pm'],
  ['neuro', 'Riverbend Neurodevelopmental Pathway (demo)', 'cypmhs', 'neurodevelopmental; adhd; autism; assessment', 2, 18, 'gp; school', 'Send the pathway request form with the school\'s observations.', '01632 960005', 'Monday to Friday 9am to 5pm'],
];

/** The demo directory as the CSV `contacts import` reads, verified today. */
export function demoContactsCsv(verifiedOn: string): string {
  const rows = SERVICES.map(([id, name, kind, needs, ageMin, ageMax, who, how, phone, hours]) =>
    [
      `riverbend-${id}`,
      name,
      kind,
      needs,
      String(ageMin),
      String(ageMax),
      who,
      how,
      phone,
      `${id}@riverbend-demo.example`,
      `https://riverbend-demo.example/${id}`,
      hours,
      'Demo contact: a made-up service with an Ofcom drama number that rings nowhere.',
      verifiedOn,
    ]
      .map((cell) => `"${cell.replace(/"/g, '""')}"`)
      .join(','),
  );
  return [CONTACT_HEADER, ...rows].join('\n');
}

/** The demo school register as the hand-made CSV `schools import` reads (URNs from 990001: no real school has one). */
export const DEMO_SCHOOLS_CSV = [
  'URN,name,phase,kind',
  '990001,Riverbend Primary School (demo),primary,school',
  '990002,St Anne\'s Church of England Primary (demo),primary,school',
  '990003,Riverbend Academy (demo),secondary,school',
  '990004,Oakwood High School (demo),secondary,school',
  '990005,Meadow View Special School (demo),special,school',
  '990006,Riverbend Sixth Form College (demo),further education,school',
  '990007,Riverbend CYPMHS Community Team (demo),other,service',
].join('\n');

/** Which demo school each cohort member is from (by URN), so `cohort show` and `uptake` have something to show. */
export const DEMO_MEMBER_SCHOOLS: Readonly<Record<string, string>> = {
  'meganb@stmarys.example.sch.uk': '990002',
  'isaiahl@oakwood.example.ac.uk': '990004',
  'pattif@salford.example.org': '990003',
  'adele.vance@nhs.example.net': '990007',
  'lynne.robbins@nhs.example.net': '990007',
};

/** Two network posts, so `find` has something to find. */
export const DEMO_POSTS = [
  {
    postId: 'demo-post-1',
    kind: 'share',
    author: PLAYGROUND.users[1],
    title: 'Worry box in Year 8 tutor time (demo post)',
    text: 'We tried a worry box in Year 8 tutor time this half-term; pupils post a worry and the form tutor picks two to talk through. Anxiety referrals to the MHST dropped. Happy to share the lesson plan.',
    tags: ['anxiety', 'secondary'],
  },
  {
    postId: 'demo-post-2',
    kind: 'ask',
    author: PLAYGROUND.users[3],
    title: 'Exam stress support before mocks? (demo post)',
    text: 'Has anyone run a session on exam stress before mocks that worked? Looking for something short for Year 11 assemblies.',
    tags: ['exam stress'],
  },
] as const;
