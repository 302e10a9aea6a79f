/** Texts of the council domain (French), kept out of the logic. */
import type { ErrorCode } from "@communa/contracts/council";

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
  internal: "Erreur interne : rien n’a été enregistré, réessayez.",
};

/** Field errors of the council API (a 400 problem names the field). */
export const fieldErrors = {
  visioUrl: "Le lien de visioconférence doit être une adresse complète en https.",
  documentUrl: "Le lien du document doit être une adresse complète en http ou https.",
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
} as const;
