/**
 * Notification delays as DATED PARAMETERS with their source (DESIGN §7): the law changes and, for
 * NIS 2, the French transposition and its scope for a community of 24,000 inhabitants are unsettled
 * (research wave2-anchors §9 (b): the government text covers communes and groupements over 30,000
 * inhabitants; amendments disagree on communautés de communes). The version in force on the day an
 * incident was detected applies (`parameterOn`). `verified: false` marks what must be checked
 * against the promulgated text before it is relied on.
 */
export interface ParameterVersion {
  hours: number;
  validFrom: string;
  source: string;
  verified: boolean;
}

export const NOTIFICATION_DELAYS = {
  /** Personal-data breach: notify the CNIL within 72 h of becoming aware of it (RGPD art. 33). */
  cnil: [{ hours: 72, validFrom: "2018-05-25", source: "RGPD art. 33 §1 (CNIL 72 h, recherche wave2-anchors §9)", verified: true }],
  /** NIS 2 significant incident: early warning to the CSIRT / ANSSI. */
  nis2Warning: [
    {
      hours: 24,
      validFrom: "2024-10-18",
      source: "directive (UE) 2022/2555 art. 23 §4 a) ; transposition française non promulguée, périmètre des communautés de communes incertain",
      verified: false,
    },
  ],
  /** NIS 2: incident notification. */
  nis2Notification: [
    {
      hours: 72,
      validFrom: "2024-10-18",
      source: "directive (UE) 2022/2555 art. 23 §4 b) ; transposition française non promulguée",
      verified: false,
    },
  ],
  /** NIS 2: final report, one month after the notification (counted here as 30 days after detection + 72 h). */
  nis2FinalReport: [
    {
      hours: 72 + 30 * 24,
      validFrom: "2024-10-18",
      source: "directive (UE) 2022/2555 art. 23 §4 d) (« un mois » après la notification) ; transposition française non promulguée",
      verified: false,
    },
  ],
} as const satisfies Record<string, readonly ParameterVersion[]>;
export type DelayName = keyof typeof NOTIFICATION_DELAYS;

/** The version in force on `day` (ISO); the oldest when `day` predates them all. */
export function parameterOn(name: DelayName, day: string): ParameterVersion {
  const versions = [...NOTIFICATION_DELAYS[name]].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
  return versions.filter((v) => v.validFrom <= day).at(-1) ?? versions[0];
}
