/**
 * One iCalendar invitation (RFC 5545/5546) as the domains send them by mail — an appointment at a
 * desk, a recruitment interview — written with ical-generator: METHOD REQUEST on booking and on
 * every move, CANCEL on cancellation; a stable UID, SEQUENCE incremented on every change, DTSTAMP
 * in UTC, times in Europe/Paris with its VTIMEZONE. No personal data in LOCATION beyond the place.
 *
 * ical-generator formats a native Date in the host's own zone (UTC in a Worker) when an event has a
 * time zone: times go to it as luxon DateTimes in Europe/Paris. The calendar itself names no zone
 * (its VTIMEZONE still comes from the generator below), or the library would write DTSTAMP in
 * local time, where RFC 5545 wants UTC.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { DateTime } from "luxon";

/** Europe/Paris as a VTIMEZONE (EU summer time rules since 1996: last Sundays of March and October). */
const PARIS_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/Paris",
  "X-LIC-LOCATION:Europe/Paris",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
].join("\r\n");

export interface InvitationIcs {
  /** The PRODID's product (e.g. "rendez-vous", "recrutement"). */
  product: string;
  method: "REQUEST" | "CANCEL";
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  stamp: Date;
  summary: string;
  location: string;
  description: string;
  url: string | null;
  organizer: { name: string; email: string };
  /** No e-mail: no ATTENDEE line (a resident who booked by phone). */
  attendee: { name: string; email: string | null };
  /** Whether the attendee is asked to answer (an interview) or only told (an appointment). */
  rsvp?: boolean;
}

export function invitationIcs(a: InvitationIcs): string {
  const cal = ical({
    prodId: { company: "Communa", product: a.product, language: "FR" },
    method: a.method === "REQUEST" ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
    timezone: { name: null, generator: (tz) => (tz === "Europe/Paris" ? PARIS_VTIMEZONE : null) },
  });
  cal.createEvent({
    id: a.uid,
    sequence: a.sequence,
    start: DateTime.fromJSDate(a.start, { zone: "Europe/Paris" }),
    end: DateTime.fromJSDate(a.end, { zone: "Europe/Paris" }),
    stamp: a.stamp,
    timezone: "Europe/Paris",
    summary: a.summary,
    location: a.location,
    description: a.description,
    url: a.url,
    status: a.method === "CANCEL" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: a.organizer,
    attendees: a.attendee.email ? [{ name: a.attendee.name, email: a.attendee.email, rsvp: a.rsvp ?? false }] : [],
  });
  return cal.toString();
}
