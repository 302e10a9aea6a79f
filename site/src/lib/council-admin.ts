/**
 * The secretariat's preparation screens (agents of the council service): a council, its members
 * and designated rooms, and a sitting with its agenda. Everything goes through the council API;
 * its refusals (problem+json, in French) are shown as they come.
 */
import { c } from "../i18n/conseil.fr.ts";
import { el } from "./dom.ts";

interface Api {
  base: string;
  csrf: string;
}
type Council = { id: string; name: string; kind: string };

async function send(api: Api, path: string, body: unknown): Promise<{ ok: boolean; body: Record<string, unknown> }> {
  const r = await fetch(`${api.base}/council${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-csrf-token": api.csrf },
    body: JSON.stringify(body),
  });
  return { ok: r.ok, body: (await r.json()) as Record<string, unknown> };
}

const problemText = (b: Record<string, unknown>) =>
  [String(b.detail ?? ""), ...((b.errors as Array<{ message: string }> | undefined) ?? []).map((e) => e.message)].join(" ");

function field(id: string, label: string, attrs: Record<string, string> = {}, tag: "input" | "textarea" = "input") {
  const p = el("p");
  p.append(el("label", label, { for: id }), el(tag, undefined, { id, name: id, ...attrs }));
  return p;
}

/** Draws the preparation section into `target`; `done` runs after a sitting is created. */
export async function renderPreparation(target: HTMLElement, api: Api, done: () => void) {
  const out = el("p", "", { role: "status" });
  const councils = ((await (await fetch(`${api.base}/council/councils`, { headers: { "cache-control": "no-cache" } })).json()) as { councils: Council[] })
    .councils;
  target.replaceChildren(el("h2", c.prepareHeading));
  if (!councils.length) {
    const form = el("form");
    form.append(field("cn-name", c.councilName, { required: "", maxlength: "200" }));
    const kind = el("select", undefined, { id: "cn-kind", name: "kind" });
    kind.append(el("option", c.kindCommunity, { value: "community" }), el("option", c.kindMunicipal, { value: "municipal" }));
    form.append(el("label", c.councilKind, { for: "cn-kind" }), kind, el("button", c.createCouncil, { type: "submit" }));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const r = await send(api, "/councils", { name: (form.querySelector("#cn-name") as HTMLInputElement).value, kind: kind.value });
      if (r.ok) await renderPreparation(target, api, done);
      else out.textContent = problemText(r.body);
    });
    target.append(form, out);
    return;
  }
  const council = councils[0];
  const rooms = (
    (await (await fetch(`${api.base}/council/councils/${council.id}/rooms`, { headers: { "cache-control": "no-cache" } })).json()) as {
      rooms: Array<{ id: string; name: string }>;
    }
  ).rooms;
  target.append(el("p", c.forCouncil(council.name)));

  // A sitting: title, date, designated rooms, agenda (one item a line).
  const sitting = el("form", undefined, { "aria-labelledby": "prep-seance" });
  sitting.append(el("h3", c.newSitting, { id: "prep-seance", class: "petit" }));
  sitting.append(
    field("s-title", c.sittingTitle, { required: "", maxlength: "300" }),
    field("s-when", c.sittingWhen, { type: "datetime-local", required: "" }),
  );
  const fs = el("fieldset");
  fs.append(el("legend", c.sittingRooms));
  for (const r of rooms) {
    const span = el("span", undefined, { class: "case" });
    span.append(el("input", undefined, { type: "checkbox", id: `s-room-${r.id}`, name: "room", value: r.id }), el("label", r.name, { for: `s-room-${r.id}` }));
    fs.append(span);
  }
  if (!rooms.length) fs.append(el("p", c.noRoom));
  sitting.append(
    fs,
    field("s-items", c.sittingItems, { rows: "5", "aria-describedby": "s-items-aide" }, "textarea"),
    el("p", c.sittingItemsHint, { id: "s-items-aide", class: "muted" }),
    el("button", c.createSitting, { type: "submit" }),
  );
  sitting.addEventListener("submit", async (e) => {
    e.preventDefault();
    const value = (id: string) => (sitting.querySelector(`#${id}`) as HTMLInputElement).value;
    const when = value("s-when");
    const items = value("s-items")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .map((title) => ({ title }));
    const r = await send(api, "/sittings", {
      councilId: council.id,
      title: value("s-title"),
      startsAt: when ? new Date(when).toISOString() : "",
      roomIds: Array.from(sitting.querySelectorAll<HTMLInputElement>("input[name=room]:checked"), (i) => i.value),
      items,
    });
    out.textContent = r.ok ? c.sittingCreated : problemText(r.body);
    if (r.ok) done();
  });

  // Members and rooms.
  const member = el("form", undefined, { "aria-labelledby": "prep-membre" });
  member.append(el("h3", c.newMember, { id: "prep-membre", class: "petit" }));
  member.append(
    field("m-name", c.memberName, { required: "", maxlength: "200" }),
    field("m-birth", c.memberBirth, { type: "date", required: "" }),
    field("m-office", c.memberOffice, { maxlength: "100" }),
    field("m-email", c.memberAccount, { type: "email" }),
    field("m-start", c.memberStart, { type: "date", required: "" }),
    el("button", c.addMember, { type: "submit" }),
  );
  member.addEventListener("submit", async (e) => {
    e.preventDefault();
    const value = (id: string) => (member.querySelector(`#${id}`) as HTMLInputElement).value.trim();
    const r = await send(api, `/councils/${council.id}/members`, {
      fullName: value("m-name"),
      birthDate: value("m-birth"),
      mandateStart: value("m-start"),
      ...(value("m-office") ? { office: value("m-office") } : {}),
      ...(value("m-email") ? { accountEmail: value("m-email") } : {}),
    });
    out.textContent = r.ok ? c.memberAdded(value("m-name")) : problemText(r.body);
    if (r.ok) member.reset();
  });
  const room = el("form", undefined, { "aria-labelledby": "prep-salle" });
  room.append(el("h3", c.newRoom, { id: "prep-salle", class: "petit" }));
  room.append(
    field("r-name", c.roomName, { required: "", maxlength: "200" }),
    field("r-address", c.roomAddress, { required: "", maxlength: "300" }),
    field("r-visio", c.roomVisio, { type: "url" }),
    el("button", c.addRoom, { type: "submit" }),
  );
  room.addEventListener("submit", async (e) => {
    e.preventDefault();
    const value = (id: string) => (room.querySelector(`#${id}`) as HTMLInputElement).value.trim();
    const r = await send(api, `/councils/${council.id}/rooms`, {
      name: value("r-name"),
      address: value("r-address"),
      ...(value("r-visio") ? { visioUrl: value("r-visio") } : {}),
    });
    if (r.ok) await renderPreparation(target, api, done);
    else out.textContent = problemText(r.body);
  });
  target.append(out, sitting, member, room);
}
