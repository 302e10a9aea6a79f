/** Texts of the council domain (French), kept out of the logic. */
import type { ErrorCode, VoteResult } from "@communa/contracts/council";

export const liveErrors: Record<ErrorCode, string> = {
  malformed: "Message illisible.",
  readOnly: "Vous suivez la séance en lecture seule.",
  forbidden: "Cette action ne vous est pas permise.",
  unknownMember: "Ce membre ne siège pas dans ce conseil.",
  unknownRoom: "Cette salle n’est pas désignée pour la séance.",
  unknownItem: "Ce point n’est pas à l’ordre du jour.",
  sittingNotOpen: "La séance n’est pas ouverte.",
  sittingClosed: "La séance est close : plus aucune modification n’est possible.",
  alreadyPresent: "Ce membre est déjà présent.",
  notPresent: "Ce membre n’est pas présent.",
  proxySelf: "Un membre ne peut pas se donner pouvoir à lui-même.",
  proxyGiverHasOne: "Ce membre a déjà donné un pouvoir : révoquez-le d’abord.",
  proxyHolderHasOne: "Ce membre détient déjà un pouvoir : nul ne peut en détenir plus d’un (article L2121-20).",
  noProxy: "Ce membre n’a pas donné de pouvoir.",
  noQuorum: "Le quorum n’est pas atteint : le vote ne peut pas être ouvert (article L2121-17).",
  voteInProgress: "Un vote est en cours.",
  noVote: "Aucun vote n’est ouvert.",
  wrongVote: "Ce vote n’est plus ouvert.",
  itemDone: "Ce point a déjà été voté ou reporté.",
  notEnoughRequesters: "La demande n’est pas appuyée par assez de membres présents (article L2121-21).",
  requesterNotPresent: "Seuls les membres présents peuvent demander ce mode de scrutin.",
  excludedTeleconference: "Ce point ne peut pas être voté dans une séance en plusieurs lieux (article L5211-11-1).",
  badChoice: "Ce choix n’est pas possible pour ce vote.",
  alreadyVoted: "Ce vote est déjà enregistré : il ne peut pas être modifié.",
  voterNotPresent: "Seuls les membres présents peuvent voter.",
  principalPresent: "Le mandant est présent : son pouvoir est suspendu.",
  notProxyHolder: "Vous ne détenez pas le pouvoir de ce membre.",
  appointmentNeedsSecret: "Une nomination se vote au scrutin secret.",
  roundsExhausted: "Les trois tours de scrutin ont eu lieu.",
  tooFewTrustees: "Un scrutin secret est chiffré : il demande au moins deux garants de la clé, distincts, parmi les membres présents.",
  trusteeNotPresent: "Un garant de la clé doit être présent dans la salle.",
  notTrustee: "Vous n’êtes pas garant de la clé de ce scrutin.",
  notSealed: "Ce scrutin n’est pas un scrutin secret chiffré.",
  keysPending: "Les garants n’ont pas encore tous publié leur part de clé.",
  keyAlreadyGiven: "Cette part de clé est déjà publiée.",
  badProof: "Les preuves jointes ne sont pas valides : rien n’a été enregistré.",
  duplicateBallot: "Ce bulletin chiffré est déjà dans l’urne.",
  notDecrypting: "Ce scrutin n’attend pas de déchiffrement.",
  boxNotPublished: "L’urne de ce scrutin n’est publiée qu’à sa clôture.",
  titularPresent: "Le conseiller titulaire est présent : son suppléant ne siège pas (article L5211-6).",
  substituteSitting: "Le suppléant du mandant siège et vote à sa place : le pouvoir du titulaire ne s’exerce pas (article L5211-6).",
  internal: "Erreur interne : rien n’a été enregistré, réessayez.",
};

/** Field errors of the council API (a 400 problem names the field). */
export const fieldErrors = {
  visioUrl: "Le lien de visioconférence doit être une adresse complète en https.",
  documentUrl: "Le lien du document doit être une adresse complète en http ou https.",
  urgencyReason: "Indiquez le motif de l’urgence (au moins 5 caractères) : il est consigné au procès-verbal.",
  personNotHere: "Cette personne n’a pas de rôle dans cette collectivité : l’élu doit d’abord recevoir le rôle « conseiller ».",
} as const;

/** Answers of the council API (secretariat, members, proxies, minutes), French. */
export const councilText = {
  noCouncil: "Aucun conseil de cette collectivité ne porte cet identifiant.",
  noMember: "Aucun membre ne porte cet identifiant.",
  noSitting: "Aucune séance de cette collectivité ne porte cet identifiant.",
  noProxy: "Aucun pouvoir en cours ne porte cet identifiant.",
  mandateEndBeforeStart: "La fin du mandat précède son début.",
  noAccount: "Aucun compte de cette collectivité n’a cette adresse : l’élu doit d’abord recevoir le rôle « conseiller ».",
  roomUnknown: "Salle inconnue pour ce conseil.",
  notAMember: "Ce membre ne siège pas dans ce conseil.",
  proxyPairNotMembers: "Le membre qui donne pouvoir ou celui qui le reçoit ne siège pas dans ce conseil.",
  appointmentNeedsCandidate: "Une nomination demande au moins un candidat.",
  itemNotMultiSite:
    "Ce type de point (élection du président, des vice-présidents ou du bureau, budget primitif, désignation de délégués) ne peut pas être voté dans une séance en plusieurs lieux (article L5211-11-1) : inscrivez-le à une séance en un seul lieu.",
  sittingClosed: "La séance est close.",
  notLiveYet: "La séance n’est pas encore ouverte en direct.",
  noRoom: "Aucune salle n’est désignée pour cette séance.",
  youDoNotSit: "Vous ne siégez pas dans ce conseil.",
  notConvened: "Vous n’avez pas été convoqué(e) à cette séance.",
  proxyInRoom: "La séance a commencé : le pouvoir se remet au secrétaire de séance, dans la salle.",
  proxySelf: "Un membre ne peut pas se donner pouvoir à lui-même.",
  proxyGiverHasOne: "Ce membre a déjà donné un pouvoir pour cette séance.",
  proxyHolderHasOne: "Ce membre détient déjà un pouvoir : nul ne peut en détenir plus d’un (article L2121-20).",
  minutesNotYet: "Le procès-verbal n’est pas encore établi.",
  noDeposit: "Aucun versement n’est prévu pour cette séance.",
  minutesUnavailable: "Le procès-verbal est momentanément indisponible.",
  noDeliberation: "Aucune délibération de cette collectivité ne porte cet identifiant.",
  proxyThreeSittings:
    "Un pouvoir vaut pour trois séances consécutives au plus, sauf maladie dûment constatée (article L2121-20) : cochez « maladie dûment constatée » ou réduisez le nombre de séances.",
  proxyIllnessMax: (max: number) => `Un pouvoir pour maladie dûment constatée est enregistré pour ${max} séances au plus : renouvelez-le ensuite.`,
  substituteCommunityOnly: "Un suppléant ne siège qu’au conseil communautaire (article L5211-6).",
  substituteNeedsTitular: "Le suppléant se rattache à un conseiller titulaire de ce conseil.",
  substituteSameCommune: "Le suppléant et son titulaire représentent la même commune : indiquez la commune du titulaire.",
  substituteSingleCouncillor: "Seule une commune qui n’a qu’un conseiller communautaire a un suppléant (article L5211-6).",
  substituteHasOne: "Ce conseiller a déjà un suppléant.",
  convocationTooLate: (days: number, lastDay: string, urgency: boolean, source: string) =>
    `Trop tard pour convoquer : la convocation doit être adressée ${days} jour${days > 1 ? "s" : ""} franc${days > 1 ? "s" : ""} au moins avant la séance (ni le jour de l’envoi ni celui de la séance ne comptent) ; le dernier jour possible était le ${lastDay}.${urgency ? "" : " En cas d’urgence, indiquez-en le motif : le délai est alors d’un jour franc."} Source : ${source}.`,
  synthesisNoteMissing: (populationUnknown: boolean) =>
    `La note explicative de synthèse sur les affaires soumises à délibération doit accompagner la convocation (article L2121-12) : ajoutez-la à la séance (texte ou lien vers le document) avant de convoquer.${populationUnknown ? " La population de la commune n’est pas connue de la plateforme : la règle des communes de 3 500 habitants et plus s’applique." : ""}`,
} as const;

const dayFr = (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString("fr-FR", { dateStyle: "long", timeZone: "Europe/Paris" });

/** A deliberation as a document (plain text, ready for transmission to the prefecture). */
export const deliberationText = {
  nature: { 1: "Délibération" } as Record<number, string>,
  document(d: {
    collectivite: string;
    number: string;
    adoptedOn: string;
    subject: string;
    sittingTitle: string;
    startsAt: Date;
    natureCode: number;
    result: VoteResult;
  }): string {
    const r = d.result;
    const vote =
      r.type === "motion"
        ? [
            `Vote : ${r.kind === "secret" ? "scrutin secret" : r.kind === "roll-call" ? "scrutin public par appel nominal" : "vote public"}.`,
            `Pour : ${r.counts.for} ; contre : ${r.counts.against} ; abstentions : ${r.counts.abstain} ; ne prennent pas part au vote : ${r.counts.none}${r.counts.blank !== undefined ? ` ; blancs : ${r.counts.blank} ; nuls : ${r.counts.null ?? 0}` : ""}.`,
            `Suffrages exprimés : ${r.cast}. ${r.by === "casting-vote" ? "Adoptée, la voix du président étant prépondérante (article L2121-20)." : "Adoptée à la majorité des suffrages exprimés."}`,
          ]
        : [
            `Scrutin secret, ${r.round}${r.round === 1 ? "er" : "e"} tour : suffrages exprimés ${r.cast} ; blancs ${r.blank} ; nuls ${r.null ?? 0}.`,
            `Élu(e) ${r.by === "absolute-majority" ? "à la majorité absolue" : r.by === "relative-majority" ? "à la majorité relative" : "au bénéfice de l’âge"} (article L2122-7).`,
          ];
    return [
      d.collectivite,
      `${this.nature[d.natureCode] ?? "Acte"} n° ${d.number}`,
      `Séance « ${d.sittingTitle} » du ${dayFr(d.adoptedOn)}.`,
      "",
      `Objet : ${d.subject}`,
      "",
      ...vote,
      "",
      `Nature de l’acte (@ctes) : ${d.natureCode} — ${this.nature[d.natureCode] ?? "autre"}.`,
      "",
    ].join("\n");
  },
};

/** The convocation e-mail: the agenda, the note of synthesis, the multi-site mention, the urgency. */
export function convocationText(c: {
  title: string;
  when: string;
  rooms: Array<{ name: string; address: string }>;
  items: Array<{ position: number; title: string }>;
  note: string | null;
  noteUrl: string | null;
  urgencyReason: string | null;
  siteUrl?: string;
}): string {
  const lines = ["Madame, Monsieur,", "", `Vous êtes convoqué(e) à la séance « ${c.title} » du ${c.when}.`];
  if (c.rooms.length > 1) {
    lines.push(
      "",
      "Cette séance se tient en plusieurs lieux, reliés par visioconférence (article L5211-11-1 du CGCT) :",
      ...c.rooms.map((r) => `- ${r.name}, ${r.address}`),
      "Le scrutin secret n’y est pas possible : un point pour lequel il est demandé est reporté.",
    );
  } else if (c.rooms[0]) lines.push(`Lieu : ${c.rooms[0].name}, ${c.rooms[0].address}.`);
  if (c.urgencyReason)
    lines.push(
      "",
      `Convocation en urgence (délai abrégé à un jour franc) : ${c.urgencyReason}`,
      "Le conseil se prononcera sur l’urgence à l’ouverture de la séance.",
    );
  lines.push("", "Ordre du jour :", ...(c.items.length ? c.items.map((i) => `${i.position}. ${i.title}`) : ["(aucun point inscrit)"]));
  if (c.note || c.noteUrl) {
    lines.push("", "Note explicative de synthèse :");
    if (c.note) lines.push(c.note);
    if (c.noteUrl) lines.push(`Document : ${c.noteUrl}`);
  }
  lines.push(
    "",
    `L’ordre du jour et les rapports sont consultables dans votre espace${c.siteUrl ? ` : ${c.siteUrl}/espace/conseil/` : "."}`,
    "Merci d’en accuser réception depuis votre espace.",
    "",
  );
  return lines.join("\n");
}
