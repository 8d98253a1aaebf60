// Realistic messages for the urgent-help routes' tests: each risky one is flagged by the shipped detector and each
// control is not (tests/unit/conversations/urgentHelp.test.ts checks both, so a detector change shows up there first).

/** What school staff write when a child may be at risk now, one per route. */
export const RISKY = {
  contacts: 'year 10 boy says he has a plan to end it this weekend, who do we call',
  unknown: "she's been self harming again, fresh cuts on her arm this morning",
  messageExtension: 'overdose 15 year old took her mums tablets',
  post: 'A Year 9 girl told me at break that she took about 20 paracetamol last night and still feels sick. What do your schools do first? <3',
  postEdit: "Update: one of our Year 10 boys said he doesn't want to be here anymore and has been giving his things away.",
  panel: 'She told her form tutor this morning that she is going to kill herself tonight.',
  survey: 'One of my pupils told me she is going to kill herself tonight and I do not know who to tell',
  tooLong: 'he has a rope and says he wants to hang himself tonight',
  planNote: 'Started the wellbeing survey; one Y8 girl wrote that she has been cutting again and wants to die tonight',
} as const;

/** Ordinary messages that borrow risk words or talk about the subject professionally: no urgent help. */
export const CONTROL = {
  contacts: 'exam stress support for a 15 year old',
  unknown: 'this inspection will be the death of me',
  messageExtension: 'suicide prevention training for staff',
  post: "We're booking suicide prevention training for all staff next term. Which provider did your school use, and was it any good?",
  postEdit: "We rewrote our attendance letters with parents: shorter, warmer, with the SLP's number. Template attached.",
  panel: 'Weekly ELSA sessions since October and a reduced timetable; she has been hanging on for the holidays.',
  survey: 'Set up a termly joint meeting with the MHST and the SENCo',
  planNote: 'Suicide prevention training booked for all staff in the spring term; the policy is killing us but nearly done',
} as const;
