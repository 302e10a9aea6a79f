/**
 * The ANSSI « Guide d’hygiène informatique » v2.0 (September 2017) as reference data: 42 measures in
 * ten themes, each rated « standard » or « renforcé ». Only what the project's research established
 * is written here (shared/research/wave2-anchors.md §9, sources: the guide's copies cited there):
 * the ten themes and the titles of measures 1 to 4. The titles of measures 5 to 42, the theme of
 * each, and the level of every measure were NOT verified (the research says: « check the exact titles
 * in the PDF »). They are not invented here: a measure without its verified text is absent, and the
 * checklist says how many of the 42 are still missing. Add them from the guide, with its page.
 */
export const GUIDE = {
  title: "ANSSI, Guide d’hygiène informatique — renforcer la sécurité de son système d’information en 42 mesures, v2.0",
  published: "2017-09",
  measureCount: 42,
  source: "recherche wave2-anchors §9 (copies du guide : gist stephdl, mypkb.fr, kercy.cloud, dokumen.tips)",
} as const;

export const THEMES = [
  { code: "I", title: "Sensibiliser et former" },
  { code: "II", title: "Connaître le système d’information" },
  { code: "III", title: "Authentifier et contrôler les accès" },
  { code: "IV", title: "Sécuriser les postes" },
  { code: "V", title: "Sécuriser le réseau" },
  { code: "VI", title: "Sécuriser l’administration" },
  { code: "VII", title: "Gérer le nomadisme" },
  { code: "VIII", title: "Maintenir le système d’information à jour" },
  { code: "IX", title: "Superviser, auditer, réagir" },
  { code: "X", title: "Pour aller plus loin" },
] as const;
export type ThemeCode = (typeof THEMES)[number]["code"];

export interface Measure {
  number: number;
  theme: ThemeCode;
  /** « standard » or « renforcé »; null while not read in the guide. */
  level: "standard" | "renforcé" | null;
  title: string;
}

/**
 * Measures whose title the research gives verbatim (as it writes them: « SSI » unexpanded). Their
 * theme is inferred from the guide's order and the titles, not read in the guide: 1–3 under the
 * first theme, 4 (the inventory) under the second. To check with the PDF, as the levels.
 */
export const MEASURES: readonly Measure[] = [
  { number: 1, theme: "I", level: null, title: "Former les équipes opérationnelles à la SSI" },
  { number: 2, theme: "I", level: null, title: "Sensibiliser les utilisateurs aux bonnes pratiques élémentaires" },
  { number: 3, theme: "I", level: null, title: "Maîtriser les risques de l’infogérance" },
  { number: 4, theme: "II", level: null, title: "Identifier les informations et serveurs les plus sensibles et maintenir un schéma du réseau" },
];

export const measureOf = (n: number): Measure | undefined => MEASURES.find((m) => m.number === n);
