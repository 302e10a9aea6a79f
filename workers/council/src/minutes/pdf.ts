/**
 * The minutes as PDF (pdf-lib). Helvetica's WinAnsi encoding covers French (é è à ç œ « » ’ …);
 * any character it cannot encode is reduced to its base letter (or "?") instead of failing, so a
 * name typed with an unusual character never blocks the minutes.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import type { Minutes } from "../live/minutes-data.ts";
import type { AppointmentResult, MotionResult } from "@communa/contracts/council";
import { minutesTexts as T } from "./texts.fr.ts";

/** Characters of WinAnsi (Windows-1252) beyond Latin-1. */
const WIN_ANSI_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

/** Letters with no decomposition into a base letter and an accent. */
const STROKED: Record<string, string> = { "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "ı": "i", "Ħ": "H", "ħ": "h" };

export function winAnsiSafe(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFC").replace(/[\u202f\u2009\u2007]/g, " ")) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.includes(ch)) out += ch;
    else if (ch === "\n" || ch === "\t") out += " ";
    else if (STROKED[ch]) out += STROKED[ch];
    else {
      const base = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      out += /^[\x20-\x7e]+$/.test(base) ? base : "?";
    }
  }
  return out;
}

const PARIS = new Intl.DateTimeFormat("fr-FR", { dateStyle: "full", timeStyle: "short", timeZone: "Europe/Paris" });
const HOUR = new Intl.DateTimeFormat("fr-FR", { timeStyle: "short", timeZone: "Europe/Paris" });
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

class Writer {
  page!: PDFPage;
  y = 0;
  pages: PDFPage[] = [];
  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.newPage();
  }
  newPage() {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = A4[1] - MARGIN;
  }
  /** Writes wrapped text; a line that does not fit starts a new page. */
  text(text: string, opts: { size?: number; bold?: boolean; indent?: number; gap?: number } = {}) {
    const size = opts.size ?? 10;
    const font = opts.bold ? this.bold : this.font;
    const width = A4[0] - 2 * MARGIN - (opts.indent ?? 0);
    const words = winAnsiSafe(text).split(" ");
    const lines: string[] = [];
    let line = "";
    for (const w of words) {
      const next = line ? `${line} ${w}` : w;
      if (font.widthOfTextAtSize(next, size) > width && line) {
        lines.push(line);
        line = w;
      } else line = next;
    }
    if (line) lines.push(line);
    for (const l of lines) {
      if (this.y - size < MARGIN + 20) this.newPage();
      this.y -= size * 1.35;
      this.page.drawText(l, { x: MARGIN + (opts.indent ?? 0), y: this.y, size, font, color: rgb(0.1, 0.1, 0.1) });
    }
    this.y -= opts.gap ?? 2;
  }
  footer(label: string) {
    this.pages.forEach((p, i) => p.drawText(winAnsiSafe(`${label} — ${T.page} ${i + 1}/${this.pages.length}`), { x: MARGIN, y: MARGIN / 2, size: 8, font: this.font, color: rgb(0.3, 0.3, 0.3) }));
  }
}

function motionLines(r: MotionResult, names: Map<string, string>): string[] {
  const c = r.counts;
  const lines = [`${T.kind[r.kind]} — ${T.choices.for} : ${c.for} ; ${T.choices.against} : ${c.against} ; ${T.choices.abstain} : ${c.abstain} ; ${T.choices.none} : ${c.none} (${r.cast} ${T.cast}).`, `${r.outcome === "adopted" ? T.adopted : T.rejected} (${T.byReason[r.by]}).`];
  for (const n of r.names ?? []) lines.push(`  ${names.get(n.memberId) ?? n.memberId} : ${T.choices[n.choice]}${n.by ? ` (${T.by} ${names.get(n.by) ?? n.by})` : ""}`);
  return lines;
}

function appointmentLines(r: AppointmentResult, names: Map<string, string>): string[] {
  const counts = Object.entries(r.counts).map(([id, n]) => `${names.get(id) ?? id} : ${n}`).join(" ; ");
  const head = `${T.kind.secret}, ${r.round}e ${T.round} — ${counts} ; ${T.blank} : ${r.blank} (${r.cast} ${T.cast}).`;
  return [head, r.elected ? `${names.get(r.elected) ?? r.elected} ${T.elected} ${T.electedBy[r.by]}.` : T.noOneElected];
}

/** Renders the minutes; `jsonSha256` (of the structured minutes) is printed so the two are tied. */
export async function renderMinutesPdf(m: Minutes, context: { collectivite: string; jsonSha256: string; candidates?: Record<string, string> }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsiSafe(`${T.heading} — ${m.title}`));
  doc.setAuthor(winAnsiSafe(context.collectivite));
  doc.setLanguage("fr-FR");
  doc.setCreationDate(m.closedAt ? new Date(m.closedAt) : new Date(0));
  doc.setModificationDate(m.closedAt ? new Date(m.closedAt) : new Date(0));
  const w = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  const names = new Map<string, string>([...m.members.map((x) => [x.id, x.name] as [string, string]), ...Object.entries(context.candidates ?? {})]);
  const rooms = new Map(m.rooms.map((r) => [r.id, r.name]));

  w.text(context.collectivite, { size: 11, bold: true });
  w.text(T.heading, { size: 16, bold: true, gap: 4 });
  w.text(m.title, { size: 13, bold: true, gap: 8 });
  w.text(m.openedAt ? `${T.opened} ${PARIS.format(new Date(m.openedAt))}${m.closedAt ? `, ${T.closed} ${PARIS.format(new Date(m.closedAt))}` : ""}.` : T.notHeld, { gap: 6 });
  if (m.teleconference) w.text(`${T.teleconference} ${m.rooms.map((r) => r.name).join(", ")}.`, { gap: 6 });

  w.text(T.members, { size: 12, bold: true, gap: 4 });
  const group = (status: string) => m.members.filter((x) => x.status === status);
  w.text(`${T.present} (${group("present").length}) : ${group("present").map((x) => x.name).join(", ") || "—"}.`);
  w.text(`${T.represented} (${group("represented").length}) : ${group("represented").map((x) => `${x.name} (${T.by} ${names.get(x.representedBy!) ?? "?"})`).join(", ") || "—"}.`);
  w.text(`${T.absent} (${group("absent").length}) : ${group("absent").map((x) => x.name).join(", ") || "—"}.`, { gap: 6 });
  for (const a of m.attendance) w.text(`${HOUR.format(new Date(a.at))} — ${names.get(a.memberId) ?? a.memberId} : ${a.event === "arrive" ? "arrivée" : "départ"} (${rooms.get(a.roomId) ?? a.roomId})`, { size: 8, indent: 12, gap: 0 });
  w.text(" ", { size: 4 });
  w.text(T.quorum, { size: 12, bold: true, gap: 4 });
  for (const q of m.quorum) w.text(`${HOUR.format(new Date(q.at))} — ${q.reached ? T.quorumReached : T.quorumLost} (${q.present} ${T.membersPresent})`, { size: 9, indent: 12, gap: 0 });

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
  w.footer(winAnsiSafe(`${m.title}`));
  return doc.save();
}
