/** The local provider's pages, in French, accessible (labels, fieldset, landmarks, focus visible). */
import type { DemoAccount } from "./index.ts";
import { escapeHtml } from "@communa/core/html";

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;color:#161616;background:#f6f6f6;line-height:1.5}
main{max-width:36rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border:1px solid #ddd}
h1{font-size:1.5rem;margin-top:0}fieldset{border:1px solid #929292;padding:1rem}legend{font-weight:600;padding:0 .25rem}
label{display:block;padding:.35rem 0}.roles{color:#3a3a3a;font-size:.9rem}
button{font:inherit;padding:.5rem 1rem;margin:1rem .5rem 0 0;border:1px solid #000091;background:#000091;color:#fff;cursor:pointer}
button.secondaire{background:#fff;color:#000091}:focus-visible{outline:3px solid #0a76f6;outline-offset:2px}
.erreur{color:#ce0500;font-weight:600}.avertissement{background:#fff4e5;border-left:4px solid #b34000;padding:.5rem 1rem}`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} — fournisseur d’identité local</title><style>${STYLE}</style></head>
<body><main>${body}</main></body>
</html>`;
}

export function loginPage(uid: string, accounts: DemoAccount[], clientId: string, error?: string): string {
  const items = accounts
    .map(
      (a, i) =>
        `<label><input type="radio" name="compte" value="${escapeHtml(a.sub)}"${i === 0 ? " required" : ""}> ${escapeHtml(a.name)} <span class="roles">— ${escapeHtml(a.email)} · ${escapeHtml(a.roles.join(", "))}</span></label>`,
    )
    .join("\n");
  return layout(
    "Connexion",
    `<h1>Fournisseur d’identité local</h1>
<p class="avertissement">Développement et tests uniquement : il remplace ProConnect et FranceConnect sur cette machine. Les comptes sont fictifs.</p>
<p>Application : <strong>${escapeHtml(clientId)}</strong></p>
${error ? `<p class="erreur" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<fieldset><legend>Se connecter avec le compte de démonstration</legend>
${items}
</fieldset>
<button type="submit">Se connecter</button>
<button type="submit" class="secondaire" formaction="/interaction/${escapeHtml(uid)}/abort" formnovalidate>Annuler</button>
</form>`,
  );
}

export function logoutPage(form: string): string {
  return layout(
    "Déconnexion",
    `<h1>Se déconnecter du fournisseur d’identité local ?</h1>
${form}
<button type="submit" form="op.logoutForm" value="yes" name="logout">Oui, me déconnecter</button>
<button type="submit" form="op.logoutForm" class="secondaire">Non, rester connecté</button>`,
  );
}

export function messagePage(title: string, text: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p>${text}</p>`);
}
