/**
 * The interview invitation (RFC 5545, METHOD:REQUEST) written with ical-generator, as the citizen
 * Worker writes its appointments' (services/ics.ts there): times given to the library as luxon
 * DateTimes in Europe/Paris, its VTIMEZONE from the generator, DTSTAMP in UTC, a stable UID.
 */
import ical, { ICalCalendarMethod } from "ical-generator";
import { DateTime } from "luxon";

const PARIS_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/Paris",
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

export interface InterviewIcs {
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  stamp: Date;
  summary: string;
  location: string;
  visioUrl: string | null;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

export function interviewIcs(a: InterviewIcs): string {
  const cal = ical({
    prodId: { company: "Communa", product: "recrutement", language: "FR" },
    method: ICalCalendarMethod.REQUEST,
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
    description: a.visioUrl ? `Visioconférence : ${a.visioUrl}` : "",
    url: a.visioUrl,
    organizer: a.organizer,
    attendees: [{ name: a.attendee.name, email: a.attendee.email, rsvp: true }],
  });
  return cal.toString();
}
