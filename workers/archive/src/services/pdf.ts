/**
 * PDF documents of the archive (pdf-lib, standard fonts, A4): the attestation of deposit and the
 * destruction certificate. Their content is also given as JSON; the PDF is for people and filing.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import type { ArchiveDeps } from "./context.ts";
import { archivalAgency } from "./context.ts";
import type { Receipt } from "./deposits.ts";
import type { DestructionCertificate } from "./disposal.ts";

export interface PdfSection {
  heading?: string;
  lines: string[];
}

/** Standard PDF fonts encode WinAnsi only: anything else becomes "?" rather than failing. */
const WIN_ANSI = /[^\u0020-\u007e\u00a0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/g;
const clean = (s: string) => s.replace(/\u202f|\u2009/g, " ").replace(WIN_ANSI, "?");

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const para of clean(text).split("\n")) {
    let line = "";
    for (const word of para.split(" ")) {
      // Very long tokens (fingerprints) are cut to the width.
      let w = word;
      while (font.widthOfTextAtSize(w, size) > width) {
        let cut = w.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(w.slice(0, cut), size) > width) cut--;
        if (line) out.push(line);
        out.push(w.slice(0, cut));
        line = "";
        w = w.slice(cut);
      }
      const next = line ? `${line} ${w}` : w;
      if (font.widthOfTextAtSize(next, size) > width) {
        out.push(line);
        line = w;
      } else line = next;
    }
    out.push(line);
  }
  return out;
}

/** A simple A4 document: title, subtitle, sections of wrapped lines, page numbers. */
export async function renderPdf(title: string, subtitle: string, sections: PdfSection[], meta: { subject: string; keywords: string[] }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(clean(title));
  doc.setSubject(clean(meta.subject));
  doc.setKeywords(meta.keywords.map(clean));
  doc.setLanguage("fr-FR");
  doc.setProducer("Communa — système d’archivage électronique");
  doc.setCreationDate(new Date());
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const margin = 56;
  const width = 595.28 - 2 * margin;
  let page: PDFPage = doc.addPage([595.28, 841.89]);
  let y = 841.89 - margin;
  const ensure = (h: number) => {
    if (y - h < margin) {
      page = doc.addPage([595.28, 841.89]);
      y = 841.89 - margin;
    }
  };
  const write = (text: string, font: PDFFont, size: number, gap = 4) => {
    for (const line of wrap(text, font, size, width)) {
      ensure(size + gap);
      page.drawText(line, { x: margin, y: y - size, size, font, color: rgb(0.1, 0.1, 0.1) });
      y -= size + gap;
    }
  };
  write(title, bold, 18, 6);
  write(subtitle, regular, 11, 4);
  y -= 10;
  for (const s of sections) {
    if (s.heading) {
      y -= 6;
      write(s.heading, bold, 12, 5);
    }
    for (const l of s.lines) write(l, regular, 10, 3);
  }
  const pages = doc.getPages();
  pages.forEach((p, i) => p.drawText(`Page ${i + 1} / ${pages.length}`, { x: margin, y: 28, size: 8, font: regular, color: rgb(0.35, 0.35, 0.35) }));
  return doc.save();
}

const paris = (iso: string | Date) => new Date(iso).toLocaleString("fr-FR", { timeZone: "Europe/Paris", dateStyle: "long", timeStyle: "medium" });
const frDate = (d: string) => new Date(`${d}T12:00:00Z`).toLocaleDateString("fr-FR", { timeZone: "Europe/Paris", dateStyle: "long" });
const bytes = (n: number) => (n < 1024 ? `${n} octets` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} Kio` : `${(n / 1024 ** 2).toFixed(1)} Mio`);

/** The attestation of deposit: what was taken in charge, under which rules, with which fingerprints and seal. */
export async function depositAttestation(deps: ArchiveDeps, r: Receipt): Promise<Uint8Array> {
  const sections: PdfSection[] = [
    {
      heading: "Versement",
      lines: [
        `Référence : ${r.reference}`,
        `Identifiant du message : ${r.messageIdentifier}`,
        `Service versant : ${r.transferringAgency}`,
        `Service d’archives : ${archivalAgency(deps.env, deps.ctx)} (${deps.ctx.tenant.name})`,
        `État : ${r.status === "accepted" ? "accepté et scellé" : "en attente des fichiers"}`,
        ...(r.acceptedAt ? [`Prise en charge : ${paris(r.acceptedAt)} (heure de Paris)`] : []),
      ],
    },
    ...r.units.map((u) => ({
      heading: `${u.reference} — ${u.title}`,
      lines: [
        `Règle de durée d’utilité administrative : ${u.appraisalRule}, échéance le ${frDate(u.duaEnd)}, sort final : ${u.finalAction === "Keep" ? "conservation définitive" : "élimination"}`,
        `Règle de communicabilité : ${u.accessRule}, communicable à partir du ${frDate(u.communicableFrom)}`,
        ...u.objects.flatMap((o) => [`• ${o.fileName} — ${bytes(o.size)} — ${o.mimeType ?? "format inconnu"}${o.puid ? ` (PRONOM ${o.puid})` : ""}`, `  SHA-512 : ${o.sha512 ?? "non reçu"}`]),
      ],
    })),
    {
      heading: "Scellement",
      lines: r.seal
        ? [`Entrée n° ${r.seal.seq} du journal scellé, le ${paris(r.seal.at)}.`, `Empreinte SHA-256 de l’entrée : ${r.seal.hash}`, "L’entrée est signée (Ed25519) par la clé de la plateforme, publiée à /api/archive/journal/key : toute modification ultérieure du journal est détectable."]
        : ["Pas encore scellé."],
    },
  ];
  return renderPdf(`Attestation de versement ${r.reference}`, `${deps.ctx.tenant.name} — délivrée le ${paris(new Date())}`, sections, { subject: "Attestation de versement d’archives", keywords: [r.reference, "SEDA 2.3", "versement"] });
}

/** The destruction certificate as a PDF (the JSON, whose SHA-256 is sealed in the journal, is the reference). */
export async function certificatePdf(c: DestructionCertificate, sha256: string): Promise<Uint8Array> {
  const sections: PdfSection[] = [
    {
      heading: "Décision",
      lines: [`Élimination ${c.reference} décidée le ${paris(c.decision.at)} par ${c.decision.by}.`, `Motif : ${c.decision.reason}`],
    },
    {
      heading: "Visa de l’autorité de contrôle",
      lines: [`${c.visa.authority} — visa ${c.visa.reference}, donné le ${paris(c.visa.at)} (enregistré par ${c.visa.by}).`, ...(c.visa.comment ? [`Observations : ${c.visa.comment}`] : [])],
    },
    { heading: "Exécution", lines: [`Le ${paris(c.executedAt)}.`, c.method] },
    ...c.units.map((u) => ({
      heading: `${u.reference} — ${u.title}`,
      lines: [
        `Service producteur : ${u.originatingAgency}${u.startDate || u.endDate ? ` ; dates : ${u.startDate ?? "?"} – ${u.endDate ?? "?"}` : ""}`,
        `Règle ${u.appraisalRule}, DUA échue le ${frDate(u.duaEnd)}.`,
        ...u.objects.flatMap((o) => [`• ${o.fileName} — ${bytes(o.size)} — ${o.bytesRemoved ? "détruit" : "octets partagés avec un objet encore conservé"}`, `  SHA-512 : ${o.sha512}`]),
      ],
    })),
    { heading: "Scellement", lines: [`Entrée n° ${c.journal.seq} du journal scellé (SHA-256 ${c.journal.hash}).`, `SHA-256 du certificat (JSON canonique) : ${sha256}`] },
  ];
  return renderPdf(`Certificat de destruction ${c.reference}`, `${c.tenant.name} (SIREN ${c.tenant.siren}) — service d’archives : ${c.archivalAgency}`, sections, { subject: "Certificat de destruction d’archives", keywords: [c.reference, "élimination", "NF Z42-013"] });
}
