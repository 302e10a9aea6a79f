/**
 * `/.well-known/security.txt` (RFC 9116), written by the build beside `_headers`: where to report a
 * vulnerability, until when this file is valid, in which languages. The dates are configuration,
 * reviewed by hand: `reviewed` is when someone last checked the contact, `expires` at most a year
 * after it (RFC 9116 §2.5.5 recommends less than a year). The test checks that relation
 * (tests/security/headers-check.ts), never today's date: renew both together.
 * SECURITY_CONTACT (space-separated mailto:/https: URIs) and SECURITY_TXT_EXPIRES override them
 * for a deployment.
 */
export const SECURITY_TXT = {
  // A placeholder until the project publishes its address: a deployment sets SECURITY_CONTACT.
  contact: ["mailto:securite@communa.invalid"],
  reviewed: "2026-12-02T00:00:00Z",
  expires: "2027-12-01T00:00:00Z",
  preferredLanguages: "fr, en",
};

type Env = Record<string, string | undefined>;

export function securityTxt(env: Env = process.env, canonical?: string): string {
  const contact = env.SECURITY_CONTACT ? env.SECURITY_CONTACT.split(/\s+/).filter(Boolean) : SECURITY_TXT.contact;
  return [
    "# Signaler une vulnérabilité de Communa / Report a vulnerability in Communa (RFC 9116).",
    ...contact.map((c) => `Contact: ${c}`),
    `Expires: ${env.SECURITY_TXT_EXPIRES || SECURITY_TXT.expires}`,
    `Preferred-Languages: ${SECURITY_TXT.preferredLanguages}`,
    ...(canonical ? [`Canonical: ${canonical}`] : []),
    "",
  ].join("\n");
}
