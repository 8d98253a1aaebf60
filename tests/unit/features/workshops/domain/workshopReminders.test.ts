import { reminderRunId, workshopsToRemind } from '../../../../../bot/features/workshops/domain/workshopReminders';

const workshop = (number: 1 | 2, localStart: string, start: string) => ({ number, localStart, start: new Date(start) });

describe('workshop reminders', () => {
  const booked = [workshop(1, '2027-03-01T09:30:00', '2027-03-01T09:30:00Z'), workshop(2, '2027-04-12T09:30:00', '2027-04-12T08:30:00Z')];

  it('is due from 24 hours before a workshop until it starts, and not otherwise', () => {
    expect(workshopsToRemind(booked, new Date('2027-02-28T09:29:00Z'))).toEqual([]);
    expect(workshopsToRemind(booked, new Date('2027-02-28T09:30:00Z')).map((w) => w.number)).toEqual([1]);
    expect(workshopsToRemind(booked, new Date('2027-03-01T09:29:59Z')).map((w) => w.number)).toEqual([1]);
    expect(workshopsToRemind(booked, new Date('2027-03-01T09:30:00Z'))).toEqual([]);
    // Workshop 2 is in BST: 09:30 London is 08:30 UTC, so its reminder is due from 08:30 UTC the day before.
    expect(workshopsToRemind(booked, new Date('2027-04-11T08:30:00Z')).map((w) => w.number)).toEqual([2]);
  });

  it('gives a moved workshop a new reminder run', () => {
    expect(reminderRunId('c1', booked[0]!)).not.toBe(reminderRunId('c1', { ...booked[0]!, localStart: '2027-03-02T09:30:00' }));
  });
});
