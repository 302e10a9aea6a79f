/** The iCalendar messages read back with ical.js, as a mail client would: REQUEST then CANCEL of one UID. */
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { invitationIcs, type InvitationIcs } from "./ics.ts";

const base: InvitationIcs = {
  product: "rendez-vous",
  method: "REQUEST",
  uid: "0190-test@communa",
  sequence: 0,
  // A July morning: Paris is UTC+2.
  start: new Date("2031-07-15T07:30:00Z"),
  end: new Date("2031-07-15T08:00:00Z"),
  stamp: new Date("2031-07-01T10:00:00Z"),
  summary: "Carte d’identité — Accueil",
  location: "Mairie, 1 place de la Mairie",
  description: "Apportez une photo d’identité.",
  url: null,
  organizer: { name: "Accueil", email: "accueil@example.invalid" },
  attendee: { name: "Félix Habitant", email: "felix@example.invalid" },
};

function parse(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  ICAL.TimezoneService.register(cal.getFirstSubcomponent("vtimezone")!);
  return { cal, ev: cal.getFirstSubcomponent("vevent")! };
}

describe("an iCalendar invitation", () => {
  it("writes Paris wall-clock times with the VTIMEZONE, DTSTAMP in UTC", () => {
    const text = invitationIcs(base);
    expect(text).toContain("DTSTART;TZID=Europe/Paris:20310715T093000");
    expect(text).toContain("DTSTAMP:20310701T100000Z");
    const { ev } = parse(text);
    expect(new ICAL.Event(ev).startDate.toJSDate().toISOString()).toBe("2031-07-15T07:30:00.000Z");
    expect(ev.getFirstPropertyValue("status")).toBe("CONFIRMED");
  });

  it("cancels the same UID with a higher SEQUENCE", () => {
    const { cal, ev } = parse(invitationIcs({ ...base, method: "CANCEL", sequence: 2 }));
    expect(cal.getFirstPropertyValue("method")).toBe("CANCEL");
    expect([ev.getFirstPropertyValue("uid"), ev.getFirstPropertyValue("sequence"), ev.getFirstPropertyValue("status")]).toEqual([
      "0190-test@communa",
      2,
      "CANCELLED",
    ]);
  });

  it("asks the attendee to answer when told to, and names no attendee without an e-mail", () => {
    const asked = parse(invitationIcs({ ...base, rsvp: true })).ev.getFirstProperty("attendee")!;
    expect(asked.getParameter("rsvp")).toBe("TRUE");
    expect(parse(invitationIcs({ ...base, attendee: { name: "Félix Habitant", email: null } })).ev.getFirstProperty("attendee")).toBeNull();
  });
});
