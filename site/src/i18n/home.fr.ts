/** Texts of the tenant home's daily answers (collection days, today's hours, quick links, next sitting). */
export const h = {
  // Quick links to the most used services.
  servicesHeading: "Services les plus utilisés",
  services: {
    collection: { label: "Jours de collecte", hint: "Quand sortir ses bacs" },
    map: { label: "Carte interactive", hint: "Équipements, déchets, mobilité" },
    trails: { label: "Sentiers de randonnée", hint: "Boucles balisées, traces GPX" },
    directory: { label: "Commerces et producteurs", hint: "Horaires, produits, contacts" },
    council: { label: "Conseil et séances", hint: "Ordre du jour, résultats des votes" },
    space: { label: "Mon espace", hint: "Démarches et espace agents" },
  },

  // Today's hours at the top of the card (filled in the browser: the page is static).
  todayLabel: "Aujourd’hui",
  todayHours: (day: string, hours: string) => `${day} : ${hours}`,
  todayClosed: "fermé",
  cardEmpty: "Les coordonnées et les horaires de l’accueil ne sont pas encore publiés.",
  cardEmptyWhat: "Agents de la collectivité : renseignez-les dans Mon espace, « Fiche de la collectivité ».",
  cardEmptyLink: "Compléter la fiche (Mon espace)",

  // "Quand passe la collecte chez moi ?"
  collectionHeading: "Quand passe la collecte chez moi ?",
  collectionIntro: "Choisissez votre commune et saisissez votre rue : vous saurez quel jour sortir chaque bac.",
  collectionCommune: "Commune",
  collectionStreet: "Votre rue",
  collectionStreetHint: "Par exemple : rue Pasteur. Des suggestions s’affichent pendant la saisie.",
  collectionSubmit: "Voir les jours de collecte",
  collectionNoScript: "Sans JavaScript, le bouton ouvre la liste des tournées de la commune choisie, avec leurs rues et leurs jours.",
  collectionLoading: "Recherche des jours de collecte…",
  collectionEmptyStreet: "Saisissez le nom de votre rue.",
  collectionAnswerFor: (street: string, commune: string) => `Jours de collecte, ${street} (${commune}) :`,
  collectionDay: (days: string) => `le ${days}`,
  collectionDays: (days: string[]) => days.join(" et le "),
  collectionTruck: (truck: string) => (truck === "bras latéral" ? "camion à bras latéral : bac poignée côté rue" : `collecte ${truck}`),
  collectionNone: "pas de collecte en porte-à-porte dans cette rue (apport volontaire ou compostage)",
  collectionUnknown: (street: string, commune: string) => `Nous ne trouvons pas « ${street} » parmi les rues collectées de ${commune}.`,
  collectionSuggestions: "Vouliez-vous dire :",
  collectionWhatNow: (service: string) => `Vérifiez l’orthographe, ou demandez votre jour de collecte au service déchets de ${service}`,
  collectionNoRounds: (commune: string) =>
    `Les tournées de ${commune} ne sont pas encore publiées en ligne : la carte interactive montre les points d’apport volontaire, et le service déchets vous renseigne.`,
  collectionFailed: "Les jours de collecte ne peuvent pas être lus pour l’instant. Réessayez dans un moment, ou consultez la carte interactive.",
  collectionMapLink: "Voir les tournées sur la carte",
  contactBy: (ways: string) => ` : ${ways}.`,
  contactPhone: (phone: string) => `par téléphone au ${phone}`,
  contactEmail: (email: string) => `par courriel à ${email}`,
  contactOr: " ou ",
  contactNone: ".",

  // The communes list, when there is none to show.
  noMembers:
    "Aucune commune membre n’a encore sa page sur ce site : elles apparaîtront ici dès leur ouverture. En attendant, la carte interactive couvre tout le territoire.",
  noSiblings: (name: string) =>
    `${name} n’appartient à aucune intercommunalité présente sur ce site : ses services intercommunaux sont sur le site de son intercommunalité.`,

  // The next council sitting.
  sittingHeading: "Prochaine séance du conseil",
  sittingWhen: (when: string) => `Le ${when}`,
  sittingPlace: (place: string) => `Lieu : ${place}`,
  sittingLink: (title: string) => `Ordre du jour : ${title}`,
  sittingsAll: "Toutes les séances",
} as const;
