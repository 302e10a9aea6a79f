/**
 * PDF documents of the archive (@communa/core/pdf: PDF/A-2b, embedded fonts, A4): the attestation
 * of deposit, the destruction certificate, the yearly integrity report. Their content is also
 * given as JSON; the PDF is for people and filing.
 */
import { PdfWriter } from "@communa/core/pdf";
import type { ArchiveDeps } from "./context.ts";
import { archivalAgency } from "./context.ts";
import type { Receipt } from "./deposits.ts";
import type { DestructionCertificate } from "./disposal.ts";
import { formatParis } from "@communa/core/time";

export interface PdfSection {
  heading?: string;
  lines: string[];
}

/** A simple A4 document: title, subtitle, sections of wrapped lines, page numbers. */
export async function renderPdf(
  title: string,
  subtitle: string,
  sections: PdfSection[],
  meta: { subject: string; keywords: string[]; author?: string; date?: Date },
): Promise<Uint8Array> {
  const w = await PdfWriter.create({
    title,
    subject: meta.subject,
    keywords: meta.keywords,
    author: meta.author,
    creator: "Communa — système d’archivage électronique",
    date: meta.date ?? new Date(),
  });
  w.text(title, { bold: true, size: 18, leading: 1.33, after: 0 });
  w.text(subtitle, { size: 11, leading: 1.36, after: 0 });
  w.space(10);
  for (const s of sections) {
    if (s.heading) {
      w.space(6);
      w.text(s.heading, { bold: true, size: 12, leading: 1.42, after: 0 });
    }
    for (const l of s.lines) w.text(l, { size: 10, leading: 1.3, after: 0 });
  }
  w.footer((i, n) => `Page ${i} / ${n}`);
  return w.bytes();
}

const paris = (iso: string | Date) => formatParis(iso, { dateStyle: "long", timeStyle: "medium" });
const frDate = (d: string) => formatParis(`${d}T12:00:00Z`, { dateStyle: "long" });
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
        ...u.objects.flatMap((o) => [
          `• ${o.fileName} — ${bytes(o.size)} — ${o.mimeType ?? "format inconnu"}${o.puid ? ` (PRONOM ${o.puid})` : ""}`,
          `  SHA-512 : ${o.sha512 ?? "non reçu"}`,
        ]),
      ],
    })),
    {
      heading: "Scellement",
      lines: r.seal
        ? [
            `Entrée n° ${r.seal.seq} du journal scellé, le ${paris(r.seal.at)}.`,
            `Empreinte SHA-256 de l’entrée : ${r.seal.hash}`,
            "L’entrée est signée (Ed25519) par la clé de la plateforme, publiée à /api/archive/journal/key : toute modification ultérieure du journal est détectable.",
          ]
        : ["Pas encore scellé."],
    },
  ];
  return renderPdf(`Attestation de versement ${r.reference}`, `${deps.ctx.tenant.name} — délivrée le ${paris(new Date())}`, sections, {
    subject: "Attestation de versement d’archives",
    keywords: [r.reference, "SEDA 2.3", "versement"],
    author: deps.ctx.tenant.name,
  });
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
      lines: [
        `${c.visa.authority} — visa ${c.visa.reference}, donné le ${paris(c.visa.at)} (enregistré par ${c.visa.by}).`,
        ...(c.visa.comment ? [`Observations : ${c.visa.comment}`] : []),
      ],
    },
    { heading: "Exécution", lines: [`Le ${paris(c.executedAt)}.`, c.method] },
    ...c.units.map((u) => ({
      heading: `${u.reference} — ${u.title}`,
      lines: [
        `Service producteur : ${u.originatingAgency}${u.startDate || u.endDate ? ` ; dates : ${u.startDate ?? "?"} – ${u.endDate ?? "?"}` : ""}`,
        `Règle ${u.appraisalRule}, DUA échue le ${frDate(u.duaEnd)}.`,
        ...u.objects.flatMap((o) => [
          `• ${o.fileName} — ${bytes(o.size)} — ${o.bytesRemoved ? "détruit" : "octets partagés avec un objet encore conservé"}`,
          `  SHA-512 : ${o.sha512}`,
        ]),
      ],
    })),
    {
      heading: "Scellement",
      lines: [`Entrée n° ${c.journal.seq} du journal scellé (SHA-256 ${c.journal.hash}).`, `SHA-256 du certificat (JSON canonique) : ${sha256}`],
    },
  ];
  return renderPdf(
    `Certificat de destruction ${c.reference}`,
    `${c.tenant.name} (SIREN ${c.tenant.siren}) — service d’archives : ${c.archivalAgency}`,
    sections,
    {
      subject: "Certificat de destruction d’archives",
      keywords: [c.reference, "élimination", "NF Z42-013"],
      author: c.tenant.name,
      date: new Date(c.executedAt),
    },
  );
}
