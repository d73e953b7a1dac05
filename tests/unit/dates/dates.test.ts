import { describe, expect, it } from 'vitest';
import { dateInstant, localDate, processZone, startOfDay } from '../../../electron/core/time';

// Explicit zones: the answers hold whatever TZ this process runs under (package.json test:tz runs it under two).
describe('a typed date is the start of that day where it was typed', () => {
  it.each([
    ['UTC', '2027-03-10', '2027-03-10T00:00:00.000Z'],
    ['Pacific/Auckland', '2027-03-10', '2027-03-09T11:00:00.000Z'], // NZDT, UTC+13
    ['America/Los_Angeles', '2027-03-10', '2027-03-10T08:00:00.000Z'], // PST, UTC-8
    ['Asia/Kolkata', '2027-03-10', '2027-03-09T18:30:00.000Z'],
  ])('in %s, %s starts at %s', (zone, date, instant) => {
    expect(dateInstant(date, zone)).toBe(instant);
    expect(localDate(instant, zone)).toBe(date);
  });

  it('uses the offset of the day itself on both sides of a DST change', () => {
    // Los Angeles moves to PDT on 2027-03-14 at 02:00; Auckland leaves NZDT on 2027-04-04 at 03:00.
    expect(dateInstant('2027-03-14', 'America/Los_Angeles')).toBe('2027-03-14T08:00:00.000Z');
    expect(dateInstant('2027-03-15', 'America/Los_Angeles')).toBe('2027-03-15T07:00:00.000Z');
    expect(dateInstant('2027-04-04', 'Pacific/Auckland')).toBe('2027-04-03T11:00:00.000Z');
    expect(dateInstant('2027-04-05', 'Pacific/Auckland')).toBe('2027-04-04T12:00:00.000Z');
  });

  it('starts a day whose midnight a DST change skips at the moment the clocks jump', () => {
    // Santiago moves from 00:00 -04 straight to 01:00 -03 on 2026-09-06.
    const start = startOfDay('2026-09-06', 'America/Santiago');
    expect(start.toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(localDate(start, 'America/Santiago')).toBe('2026-09-06');
    expect(localDate(start.getTime() - 1, 'America/Santiago')).toBe('2026-09-05');
  });

  it('is never after the end of the day in UTC, so a warning computed from it is never late', () => {
    for (const zone of [
      'Pacific/Kiritimati',
      'Pacific/Auckland',
      'Europe/Berlin',
      'America/Los_Angeles',
      'Pacific/Pago_Pago',
    ])
      expect(Date.parse(dateInstant('2027-06-30', zone))).toBeLessThan(Date.parse('2027-06-30T23:59:59Z'));
  });

  it('keeps a full timestamp as the instant it names', () => {
    expect(dateInstant('2027-03-10T12:30:00+02:00', 'Pacific/Auckland')).toBe('2027-03-10T10:30:00.000Z');
  });

  it('refuses a date that is not on the calendar', () => {
    expect(() => dateInstant('2027-02-30', 'UTC')).toThrow(/not a calendar date/);
    expect(() => dateInstant('soon', 'UTC')).toThrow(/not a date/);
  });

  it('reads the process zone when none is given', () => {
    expect(dateInstant('2027-03-10')).toBe(dateInstant('2027-03-10', processZone()));
    expect(localDate(dateInstant('2027-03-10'))).toBe('2027-03-10');
  });
});
