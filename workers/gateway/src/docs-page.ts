/**
 * A light, accessible reference page rendered from the merged OpenAPI document on the server: no
 * script, no external asset (the API's CSP forbids them), readable by screen readers.
 */
import type { OpenApiDocument } from "@communa/core/worker";
import { docsText as t } from "./messages.fr.ts";
import { escapeHtml as esc } from "@communa/core/html";

type Obj = Record<string, any>;
const METHODS = ["get", "post", "put", "patch", "delete"];

const anchor = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");

export function renderDocsPage(doc: OpenApiDocument): string {
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Obj)) {
    for (const method of METHODS) {
      const op = (item as Obj)[method] as Obj | undefined;
      if (!op) continue;
      const tag = (op.tags?.[0] as string) ?? "Autres";
      const html = renderOperation(method, path, op);
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const sections = [...byTag].map(
    ([tag, ops]) => `<section aria-labelledby="d-${anchor(tag)}"><h2 id="d-${anchor(tag)}">${esc(tag)}</h2>${ops.join("")}</section>`,
  );
  const toc = [...byTag.keys()].map((tag) => `<li><a href="#d-${anchor(tag)}">${esc(tag)}</a></li>`).join("");
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t.title)}</title><style>${CSS}</style></head>
<body><a class="skip" href="#contenu">${esc(t.skip)}</a>
<header><p class="brand">Communa</p></header>
<nav aria-label="${esc(t.toc)}"><ul>${toc}</ul></nav>
<main id="contenu" tabindex="-1"><h1>${esc(t.title)}</h1><p>${esc(t.intro)}</p><p>${esc(t.tenantHint)}</p>
<p><a href="/api/openapi.json">${esc(t.download)}</a></p>${sections.join("")}</main>
<footer><p>${esc(t.footer)}</p></footer></body></html>`;
}

function renderOperation(method: string, path: string, op: Obj): string {
  const requires =
    op["x-communa-requires"] === "public" ? t.publicAccess : op["x-communa-requires"] === "authenticated" ? t.authenticatedAccess : op["x-communa-requires"];
  const params = ((op.parameters ?? []) as Obj[])
    .map((p) => `<li><code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? `, ${t.required}` : ""})${p.description ? ` — ${esc(p.description)}` : ""}</li>`)
    .join("");
  const responses = Object.entries((op.responses ?? {}) as Obj)
    .map(([code, r]) => `<li><code>${esc(code)}</code> ${esc((r as Obj).description)}</li>`)
    .join("");
  const id = anchor(`${method}-${path}`);
  return `<article aria-labelledby="${id}"><h3 id="${id}"><span class="m m-${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h3>
<p>${esc(op.summary)}</p>${op.description ? `<p>${esc(op.description)}</p>` : ""}
<p><strong>${esc(t.permission)} :</strong> ${esc(requires)}</p>
${params ? `<h4>${esc(t.parameters)}</h4><ul>${params}</ul>` : ""}<h4>${esc(t.responses)}</h4><ul>${responses}</ul></article>`;
}

const CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1e1e1e;background:#fff}
header,nav,main,footer{max-width:60rem;margin:0 auto;padding:0 1rem}.brand{font-weight:700;color:#000091}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;outline:3px solid #000091}
a{color:#000091}a:focus,main:focus{outline:3px solid #000091;outline-offset:2px}
article{border-top:1px solid #ccc;padding:.5rem 0}code{font-size:.95em}
.m{display:inline-block;min-width:4.5rem;font-size:.85rem;padding:0 .3rem;border-radius:3px;color:#fff;background:#3a3a3a}
.m-get{background:#18753c}.m-post{background:#000091}.m-put,.m-patch{background:#7a4a00}.m-delete{background:#ce0500}`;
