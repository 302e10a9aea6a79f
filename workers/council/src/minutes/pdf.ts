/**
 * The minutes as PDF/A-2b (@communa/core/pdf: embedded Liberation Sans, so every French character
 * and most Latin names reach the page as typed; what the font lacks is reduced, never fails).
 * Deterministic: the same minutes give the same bytes, dated by the sitting's close.
 */
import { PdfWriter } from "@communa/core/pdf";
import type { Minutes } from "../live/minutes-data.ts";
import type { AppointmentResult, MotionResult } from "@communa/contracts/council";
import { minutesTexts as T } from "./texts.fr.ts";
import { parisFormat } from "@communa/core/time";

const PARIS = parisFormat({ dateStyle: "full", timeStyle: "short" });
const HOUR = parisFormat({ timeStyle: "short" });

/** The council writer's paragraphs: `gap` points after, 1.35 line height. */
class Writer {
  readonly w: PdfWriter;
  constructor(w: PdfWriter) {
    this.w = w;
  }
  text(text: string, opts: { size?: number; bold?: boolean; indent?: number; gap?: number } = {}) {
    this.w.text(text, { size: opts.size, bold: opts.bold, indent: opts.indent, after: opts.gap ?? 2 });
  }
}

function motionLines(r: MotionResult, names: Map<string, string>): string[] {
  const c = r.counts;
  const lines = [
    `${T.kind[r.kind]} — ${T.choices.for} : ${c.for} ; ${T.choices.against} : ${c.against} ; ${T.choices.abstain} : ${c.abstain} ; ${T.choices.none} : ${c.none}${c.blank === undefined ? "" : ` ; ${T.blank} : ${c.blank} ; ${T.null} : ${c.null ?? 0}`} (${r.cast} ${T.cast}).`,
    `${r.outcome === "adopted" ? T.adopted : T.rejected} (${T.byReason[r.by]}).`,
  ];
  for (const n of r.names ?? [])
    lines.push(`  ${names.get(n.memberId) ?? n.memberId} : ${T.choices[n.choice]}${n.by ? ` (${T.by} ${names.get(n.by) ?? n.by})` : ""}`);
  return lines;
}

function appointmentLines(r: AppointmentResult, names: Map<string, string>): string[] {
  const counts = Object.entries(r.counts)
    .map(([id, n]) => `${names.get(id) ?? id} : ${n}`)
    .join(" ; ");
  const head = `${T.kind.secret}, ${r.round}e ${T.round} — ${counts} ; ${T.blank} : ${r.blank}${r.null === undefined ? "" : ` ; ${T.null} : ${r.null}`} (${r.cast} ${T.cast}).`;
  return [head, r.elected ? `${names.get(r.elected) ?? r.elected} ${T.elected} ${T.electedBy[r.by]}.` : T.noOneElected];
}

/** Renders the minutes; `jsonSha256` (of the structured minutes) is printed so the two are tied. */
export async function renderMinutesPdf(
  m: Minutes,
  context: { collectivite: string; jsonSha256: string; candidates?: Record<string, string> },
): Promise<Uint8Array> {
  const pdf = await PdfWriter.create({
    title: `${T.heading} — ${m.title}`,
    subject: T.heading,
    author: context.collectivite || undefined,
    keywords: [T.heading, m.sittingId],
    creator: T.creator,
    date: m.closedAt ? new Date(m.closedAt) : new Date(0),
  });
  const w = new Writer(pdf);
  const names = new Map<string, string>([...m.members.map((x) => [x.id, x.name] as [string, string]), ...Object.entries(context.candidates ?? {})]);
  const rooms = new Map(m.rooms.map((r) => [r.id, r.name]));

  w.text(context.collectivite, { size: 11, bold: true });
  w.text(T.heading, { size: 16, bold: true, gap: 4 });
  w.text(m.title, { size: 13, bold: true, gap: 8 });
  w.text(
    m.openedAt ? `${T.opened} ${PARIS.format(new Date(m.openedAt))}${m.closedAt ? `, ${T.closed} ${PARIS.format(new Date(m.closedAt))}` : ""}.` : T.notHeld,
    { gap: 6 },
  );
  if (m.teleconference) w.text(`${T.teleconference} ${m.rooms.map((r) => r.name).join(", ")}.`, { gap: 6 });
  if (m.convocation?.sentAt) w.text(`${T.convenedOn} ${PARIS.format(new Date(m.convocation.sentAt))}.`, { gap: 4 });
  if (m.convocation?.urgencyReason) w.text(`${T.urgency} ${m.convocation.urgencyReason}`, { gap: 6 });

  w.text(T.members, { size: 12, bold: true, gap: 4 });
  const group = (status: string) => m.members.filter((x) => x.status === status);
  w.text(
    `${T.present} (${group("present").length}) : ${
      group("present")
        .map((x) => x.name)
        .join(", ") || "—"
    }.`,
  );
  w.text(
    `${T.represented} (${group("represented").length}) : ${
      group("represented")
        .map((x) => (x.substitutedBy ? `${x.name} (${T.substitutedBy} ${x.substitutedBy})` : `${x.name} (${T.by} ${names.get(x.representedBy!) ?? "?"})`))
        .join(", ") || "—"
    }.`,
  );
  w.text(
    `${T.absent} (${group("absent").length}) : ${
      group("absent")
        .map((x) => x.name)
        .join(", ") || "—"
    }.`,
    { gap: 6 },
  );
  for (const a of m.attendance)
    w.text(
      `${HOUR.format(new Date(a.at))} — ${names.get(a.memberId) ?? a.memberId} : ${a.event === "arrive" ? "arrivée" : "départ"} (${rooms.get(a.roomId) ?? a.roomId})`,
      { size: 8, indent: 12, gap: 0 },
    );
  w.text(" ", { size: 4 });
  w.text(T.quorum, { size: 12, bold: true, gap: 4 });
  for (const q of m.quorum)
    w.text(`${HOUR.format(new Date(q.at))} — ${q.reached ? T.quorumReached : T.quorumLost} (${q.present} ${T.membersPresent})`, {
      size: 9,
      indent: 12,
      gap: 0,
    });

  w.text(" ", { size: 6 });
  w.text(T.agenda, { size: 12, bold: true, gap: 4 });
  for (const item of m.items) {
    w.text(`${item.position}. ${item.title}`, { bold: true, gap: 1 });
    if (item.rapporteur) w.text(`${T.rapporteur} : ${item.rapporteur}`, { size: 9, indent: 12 });
    if (item.status === "postponed") w.text(T.postponed, { indent: 12 });
    else if (!item.votes.length) w.text(T.notVoted, { indent: 12 });
    for (const v of item.votes) {
      if (v.requesters.length) w.text(`${T.kind[v.kind]} ${T.requestedBy} ${v.requesters.map((r) => names.get(r) ?? r).join(", ")}.`, { size: 9, indent: 12 });
      const lines = v.result.type === "motion" ? motionLines(v.result, names) : appointmentLines(v.result, names);
      for (const l of lines) w.text(l, { indent: 12, size: l.startsWith("  ") ? 9 : 10 });
    }
    w.text(" ", { size: 4 });
  }
  w.text(`${T.sha} : ${context.jsonSha256}`, { size: 7 });
  pdf.footer((i, n) => `${m.title} — ${T.page} ${i}/${n}`);
  return pdf.bytes();
}
