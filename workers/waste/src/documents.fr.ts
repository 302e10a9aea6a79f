/** Texts of the printed documents (statement, information letter), French. */
import type { Basis, Stream } from "./services/billing-core.ts";

export const streamLabel: Record<Stream, string> = {
  residual: "Ordures ménagères résiduelles",
  packaging: "Emballages et papiers",
  biowaste: "Biodéchets",
  glass: "Verre",
};

export const basisUnit: Record<Basis, { quantity: string; price: string }> = {
  lifts: { quantity: "levée(s)", price: "€ par levée" },
  volume: { quantity: "litre(s)", price: "€ par litre" },
  weight: { quantity: "kg", price: "€ par kg" },
};

export const gradeLabel: Record<"A" | "B" | "C" | "D", string> = {
  A: "A — tri conforme",
  B: "B — quelques erreurs de tri",
  C: "C — erreurs de tri importantes",
  D: "D — bac refusé à la collecte",
};

export const doc = {
  creator: "Communa — déchets",
  statementTitle: (year: number, regime: "teomi" | "reomi") =>
    regime === "teomi"
      ? `Taxe d’enlèvement des ordures ménagères incitative (TEOMi) ${year} — relevé détaillé`
      : `Redevance d’enlèvement des ordures ménagères incitative (REOMi) ${year} — relevé détaillé`,
  statementIntro: (year: number) =>
    `Ce relevé explique le calcul de votre part fixe et de votre part incitative pour ${year}. La part incitative dépend des quantités de déchets résiduels collectées en ${year - 1} (article 1522 bis du code général des impôts).`,
  premises: "Local",
  reference: "Référence",
  invariant: "Numéro invariant",
  rentalValue: "Valeur locative",
  fixedTeomi: (rate: string, base: string) => `Part fixe : taux de ${rate} appliqué à la base d’imposition (${base}, la moitié de la valeur locative)`,
  fixedReomi: "Part fixe (montant par local voté par le conseil communautaire)",
  incentive: "Part incitative",
  total: "Total",
  exempt: "Construction nouvelle : pas de part incitative la première année d’imposition.",
  bins: "Vos bacs et leur quantité",
  binLine: (chip: string, stream: string, lifts: number) => `Bac ${chip} — ${stream} — ${lifts} levée(s)`,
  shared: (num: string, den: string, allocated: string, total: string) =>
    `Bac collectif : votre part est ${num} / ${den} (valeurs locatives), soit ${allocated} sur ${total}.`,
  unweighed: (n: number) => `${n} levée(s) sans pesée (balance indisponible) : comptée(s) pour 0 kg.`,
  streamLine: (stream: string, quantity: string, price: string, amount: string) => `${stream} : ${quantity} × ${price} = ${amount}`,
  liftsTitle: (year: number) => `Levées comptées en ${year}`,
  liftsHeader: ["Date et heure", "Bac", "Tournée", "Poids"],
  noLifts: "Aucune levée enregistrée.",
  noChip: "sans puce",
  contact: "Une question, une erreur ? Contactez le service déchets de votre communauté de communes en indiquant la référence du local.",
  letterTitle: "Lettre d’information — qualité du tri",
  letterIntro: (address: string) =>
    `Madame, Monsieur,\n\nNos équipes suivent la qualité du tri des bacs collectés au ${address}. Voici ce qu’elles ont observé ces derniers mois.`,
  letterChecks: "Contrôles de bacs par nos agents",
  letterEvents: "Erreurs de tri repérées à la collecte (caméras embarquées)",
  letterNone: "Aucune erreur relevée : merci pour votre tri !",
  letterAdvice:
    "Quelques rappels : le verre va dans les colonnes à verre, pas dans le bac des emballages ; les emballages se déposent en vrac, sans sac ; les biodéchets sans emballage plastique.",
  letterClose: "Nous restons à votre disposition pour toute question.\n\nLe service déchets",
} as const;

/** Sorting error categories reported by cameras and agents. */
export const findingLabel: Record<string, string> = {
  "glass-in-packaging": "Verre dans le bac des emballages",
  "bags-in-recycling": "Emballages en sac fermé",
  "residual-in-recycling": "Ordures ménagères dans les emballages",
  "residual-in-biowaste": "Ordures ménagères dans les biodéchets",
  "packaging-in-biowaste": "Emballages dans les biodéchets",
  "hazardous-waste": "Déchets dangereux (piles, peintures…)",
  textiles: "Textiles",
  "bulky-waste": "Encombrants",
  overfilled: "Bac trop plein (couvercle ouvert)",
  other: "Autre erreur",
};
