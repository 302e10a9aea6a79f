/** The onboarding report as the operator reads it (French, one line per tenant). */
import type { OnboardingReport, Status } from "./plan.ts";
import { reportText } from "./messages.fr.ts";

const word = (s: Status) => reportText[s];

export function formatReport(r: OnboardingReport): string {
  const lines = [reportText.epci(r.epci.name, r.epci.slug, word(r.epci.status))];
  for (const c of r.communes) {
    lines.push(reportText.commune(c.name, c.insee, c.slug, word(c.tenant), word(c.row)));
    if (c.previousParent === null) lines.push(reportText.attached);
    else if (c.previousParent !== undefined) lines.push(reportText.reattached(c.previousParent));
  }
  lines.push(reportText.competences(r.competencesAdded));
  lines.push(reportText.boundary(r.boundaryMembers));
  if (r.invitation) lines.push(r.invitation.sent ? reportText.invited(r.invitation.email, r.invitation.link) : reportText.alreadyAdmin(r.invitation.email));
  lines.push(r.changes === 0 ? reportText.nothingChanged : reportText.changed(r.changes));
  return lines.join("\n");
}
