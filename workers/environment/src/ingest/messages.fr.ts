/** Texts of the telemetry consumer (French): reasons shown to agents beside a set-aside message. */
export const ingestTexts = {
  invalidMessage: (issues: { path: string; message: string }[]) =>
    `Message invalide : ${issues.map((i) => (i.path ? `${i.path} : ${i.message}` : i.message)).join(" ; ")}`,
  refused: (detail: string) => `Refusé par la base de données : ${detail}`,
  retriesExhausted: "Écarté par la file après dix essais sans succès.",
} as const;
