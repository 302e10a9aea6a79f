/**
 * The directory through the gateway: listings checked (SIRET, opening hours, position inside the
 * tenant), the moderation flow, a merchant claiming then editing only their own listing, filters
 * (open now in Paris time, product in season, category), JSON-LD for search engines.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import type { Actor, Tenant } from "@communa/core";
import { adminQuery, gatewayRequest, person } from "@communa/core/testing";
import { parisDay } from "@communa/core/time";
import { luhn } from "../../workers/core/src/siret.ts";
import { png } from "../setup/png.ts";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
const agent = person("directory:read", "directory:write");
const cclvd = { slug: "cclvd" } as Tenant;
const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;

/** A SIRET with right check digits (random SIREN, random establishment number). */
function siret(): string {
  const base = Array.from({ length: 8 }, () => Math.floor(Math.random() * 10)).join("");
  const siren = [...Array(10).keys()].map((d) => base + d).find(luhn)!;
  const nic = String(Math.floor(Math.random() * 10000)).padStart(4, "0");
  return [...Array(10).keys()].map((d) => siren + nic + d).find(luhn)!;
}

const bakery = (extra: Record<string, unknown> = {}) => ({
  name: `Boulangerie Test ${Math.random().toString(36).slice(2, 7)}`,
  siret: siret(),
  category: "boulangerie",
  address: "12 rue de la République",
  lon: 2.463,
  lat: 49.3305,
  phone: "03 44 73 00 00",
  email: "contact@boulangerie.invalid",
  openingHours: "Tu-Sa 07:00-13:00,15:30-19:30; Su 07:00-12:30; PH off",
  ...extra,
});

async function create(body: Record<string, unknown>, publish = false) {
  const res = await gateway(
    gatewayRequest(cclvd, `/api/directory/businesses?publier=${publish ? "oui" : "non"}`, { method: "POST", actor: agent, json: body }),
  );
  expect(res.status, await res.clone().text()).toBe(201);
  return json<{ id: string; status: string; slug: string; name: string; commune: { name: string } }>(res);
}

const publicIds = async (q = "") =>
  (
    await json<{ businesses: Array<{ id: string }> }>(
      await gateway(gatewayRequest(cclvd, `/api/directory/businesses${q}`, { headers: { "cache-control": "no-cache" } })),
    )
  ).businesses.map((b) => b.id);

describe("directory listings", () => {
  it("refuses a bad SIRET, bad opening hours and a place outside the territory, naming each field", async () => {
    const res = await gateway(
      gatewayRequest(cclvd, "/api/directory/businesses", {
        method: "POST",
        actor: agent,
        json: bakery({ siret: "12345678901234", openingHours: "lundi matin", lon: 2.35, lat: 48.85 }),
      }),
    );
    expect(res.status).toBe(400);
    const paths = (await json<{ errors: Array<{ path: string }> }>(res)).errors.map((e) => e.path).sort();
    expect(paths).toEqual(["body/lon", "body/openingHours", "body/siret"]);
  });

  it("refuses a javascript: website or profile (and any non-web address), naming the field in French", async () => {
    const res = await gateway(
      gatewayRequest(cclvd, "/api/directory/businesses", {
        method: "POST",
        actor: agent,
        json: bakery({
          website: "javascript:alert(document.cookie)",
          sameAs: ["https://ok.example/dupont", "data:text/html,<script>alert(1)</script>", "//evil.example/"],
        }),
      }),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const errors = (await json<{ errors: Array<{ path: string; message: string }> }>(res)).errors;
    expect(errors).toEqual([
      { path: "body/website", message: "Le site web doit être une adresse complète en http ou https (ex. https://boulangerie-dupont.fr)." },
      { path: "body/sameAs/1", message: "Chaque profil (réseau social, fiche ailleurs) doit être une adresse complète en http ou https." },
      { path: "body/sameAs/2", message: "Chaque profil (réseau social, fiche ailleurs) doit être une adresse complète en http ou https." },
    ]);
    const ok = await create(bakery({ website: "https://boulangerie.example/", sameAs: ["https://ok.example/dupont"] }));
    expect(ok.status).toBe("draft");
  });

  it("draft → approved → public; rejected needs a reason; unpublished disappears", async () => {
    const b = await create(bakery());
    expect(b.status).toBe("draft");
    expect(b.commune.name).toBe("Liancourt");
    expect(await publicIds()).not.toContain(b.id);
    const hidden = await gateway(gatewayRequest(cclvd, `/api/directory/businesses/${b.id}`));
    expect(hidden.status).toBe(404);
    await hidden.arrayBuffer();
    const mod = (body: unknown) => gateway(gatewayRequest(cclvd, `/api/directory/businesses/${b.id}/moderation`, { method: "POST", actor: agent, json: body }));
    const noReason = await mod({ action: "unpublish" });
    expect(noReason.status).toBe(400);
    await noReason.arrayBuffer();
    expect((await json<{ status: string }>(await mod({ action: "approve" }))).status).toBe("published");
    expect(await publicIds()).toContain(b.id);
    // The site is asked to rebuild that listing's page.
    // The hook is called after the answer (waitUntil): waited for, with no budget of its own.
    await expect
      .poll(async () => (await fetch(`${inject("buildHook")}/received`)).json(), { interval: 50 })
      .toContainEqual({ commune: "liancourt", listing: b.slug });
    expect(await json<{ status: string; moderationNote: string }>(await mod({ action: "unpublish", reason: "Commerce fermé." }))).toMatchObject({
      status: "unpublished",
      moderationNote: "Commerce fermé.",
    });
    expect(await publicIds()).not.toContain(b.id);
    const journal = await adminQuery<{ action: string }>(testEnv, "SELECT action FROM audit_journal WHERE target = $1 ORDER BY seq", [`businesses/${b.id}`]);
    expect(journal.map((j) => j.action)).toEqual(["directory.business.create", "directory.business.approve", "directory.business.unpublish"]);
  });

  it("a merchant claims a listing with the code sent to its address, then edits it — and only it", async () => {
    const mine = await create(bakery(), true);
    const other = await create(bakery(), true);
    const [p] = await adminQuery<{ id: string }>(testEnv, "INSERT INTO people (id, display_name) VALUES (gen_random_uuid(), 'Eden Boulanger') RETURNING id");
    const me: Actor = { kind: "person", id: p.id, permissions: [] };
    const claim = await json<{ id: string }>(
      await gateway(gatewayRequest(cclvd, `/api/directory/businesses/${mine.id}/claims`, { method: "POST", actor: me, json: { method: "code" } })),
    );
    const [mail] = await adminQuery<{ body: string; recipient: string }>(testEnv, "SELECT body, recipient FROM outbox WHERE subject LIKE $1", [
      `%${mine.name}%`,
    ]);
    expect(mail.recipient).toBe("contact@boulangerie.invalid");
    const code = /\b(\d{6})\b/.exec(mail.body)![1];
    const wrong = await gateway(
      gatewayRequest(cclvd, `/api/directory/claims/${claim.id}/confirm`, {
        method: "POST",
        actor: me,
        json: { code: code === "000000" ? "111111" : "000000" },
      }),
    );
    expect(wrong.status).toBe(400);
    await wrong.arrayBuffer();
    expect(
      await json(await gateway(gatewayRequest(cclvd, `/api/directory/claims/${claim.id}/confirm`, { method: "POST", actor: me, json: { code } }))),
    ).toMatchObject({ granted: true });
    const roles = await adminQuery<{ role: string }>(
      testEnv,
      "SELECT m.role FROM memberships m JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = 'cclvd' AND m.person_id = $1",
      [p.id],
    );
    expect(roles).toEqual([{ role: "merchant" }]);

    const merchant: Actor = { ...me, permissions: ["directory:own"] };
    const edit = (id: string) =>
      gateway(
        gatewayRequest(cclvd, `/api/directory/my/businesses/${id}`, {
          method: "PUT",
          actor: merchant,
          json: bakery({ name: mine.name, siret: siret(), openingHours: "Mo-Sa 06:30-19:30; PH off" }),
        }),
      );
    const ok = await edit(mine.id);
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect((await json<{ openingHours: string }>(ok)).openingHours).toBe("Mo-Sa 06:30-19:30; PH off");
    const refused = await edit(other.id);
    expect(refused.status).toBe(403);
    await refused.arrayBuffer();
    const [entry] = await adminQuery<{ summary: { changed: string[]; by: string } }>(
      testEnv,
      "SELECT summary FROM audit_journal WHERE target = $1 AND action = 'directory.business.update'",
      [`businesses/${mine.id}`],
    );
    expect(entry.summary.by).toBe("merchant");
    expect(entry.summary.changed).toContain("openingHours");
  });

  it("filters: open now (Paris time), product in season, category; the JSON-LD search engines read", async () => {
    const always = await create(bakery({ openingHours: "24/7" }), true);
    const never = await create(bakery({ openingHours: "2020 Jan 01 10:00-11:00" }), true);
    // "In season" reads the month in Paris (on the last evening of a month, UTC still says the one before).
    const month = Number(parisDay().slice(5, 7));
    const farm = await create(
      {
        ...bakery({ category: "producteur", name: `Ferme Test ${Math.random().toString(36).slice(2, 6)}`, openingHours: null }),
        products: [
          { name: "Fraises", months: [month], channels: ["ferme", "marche"] },
          { name: "Potirons", months: [((month + 5) % 12) + 1] },
        ],
      },
      true,
    );
    const open = await publicIds("?ouvert=maintenant&limit=500");
    expect(open).toContain(always.id);
    expect(open).not.toContain(never.id);
    expect(await publicIds("?produit=fraise")).toContain(farm.id);
    expect(await publicIds("?produit=potiron")).not.toContain(farm.id);
    expect(await publicIds("?categorie=producteur")).toContain(farm.id);
    expect(await publicIds(`?q=${encodeURIComponent(always.name.split(" ").pop()!)}`)).toEqual([always.id]);

    const ld = await json<Record<string, unknown>>(await gateway(gatewayRequest(cclvd, `/api/directory/businesses/${always.id}/jsonld`)));
    expect(ld).toMatchObject({
      "@context": "https://schema.org",
      "@type": "Bakery",
      name: always.name,
      address: { "@type": "PostalAddress", postalCode: "60140", addressLocality: "Liancourt", addressCountry: "FR" },
      geo: { "@type": "GeoCoordinates", latitude: 49.3305, longitude: 2.463 },
      telephone: "03 44 73 00 00",
      identifier: { propertyID: "SIRET" },
    });
    expect(ld["@id"]).toBe(`http://localhost/liancourt/commerces/${always.slug}/`);
    expect((ld.openingHoursSpecification as unknown[]).length).toBe(7);
  });

  it("photos: re-encoded to WebP at two widths without the camera's metadata, alt text required, only on one's own listing", async () => {
    const b = await create(bakery(), true);
    const form = (file: Blob | string | null, alt: string) => {
      const f = new FormData();
      if (file) f.set("photo", typeof file === "string" ? new Blob([file], { type: "image/png" }) : file, "vitrine.png");
      f.set("alt", alt);
      return f;
    };
    const post = (body: FormData, path = `/api/directory/businesses/${b.id}/photos`, actor: Actor = agent) =>
      gateway(gatewayRequest(cclvd, path, { method: "POST", actor, body }));
    const image = await png(1600, 1000, { exif: "GPSLatitude=49.33;secret-position" });

    const noAlt = await post(form(new Blob([image], { type: "image/png" }), ""));
    expect(noAlt.status).toBe(400);
    expect((await json<{ errors: Array<{ path: string }> }>(noAlt)).errors.map((e) => e.path)).toEqual(["body/alt"]);
    const notImage = await post(form("GIF89a? pas une image", "La vitrine"));
    expect(notImage.status).toBe(400);
    expect((await json<{ errors: Array<{ path: string; message: string }> }>(notImage)).errors[0]).toMatchObject({ path: "body/photo" });
    const tiny = await post(form(new Blob([await png(60, 40)], { type: "image/png" }), "Minuscule"));
    expect(tiny.status).toBe(400);
    await tiny.arrayBuffer();

    const added = await post(form(new Blob([image], { type: "image/png" }), "La vitrine et ses pains"));
    expect(added.status, await added.clone().text()).toBe(201);
    const photo = await json<{ id: string; alt: string; width: number; height: number; variants: Array<{ width: number; url: string }> }>(added);
    expect(photo).toMatchObject({ alt: "La vitrine et ses pains", width: 1200, height: 750 });
    expect(photo.variants.map((v) => v.width)).toEqual([480, 1200]);
    for (const v of photo.variants) {
      const res = await gateway(new Request(v.url));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/webp");
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(new TextDecoder().decode(bytes.slice(0, 4)) + new TextDecoder().decode(bytes.slice(8, 12))).toBe("RIFFWEBP");
      expect(new TextDecoder("latin1").decode(bytes)).not.toContain("secret-position");
      expect(bytes.length).toBeLessThan(image.length);
    }
    const listing = await json<{ photos: Array<{ id: string }> }>(
      await gateway(gatewayRequest(cclvd, `/api/directory/businesses/${b.id}`, { headers: { "cache-control": "no-cache" } })),
    );
    expect(listing.photos.map((p) => p.id)).toEqual([photo.id]);

    // A merchant who does not manage the listing may not add to it.
    const [p] = await adminQuery<{ id: string }>(testEnv, "INSERT INTO people (id, display_name) VALUES (gen_random_uuid(), 'Autre commerçant') RETURNING id");
    const stranger = await post(form(new Blob([image], { type: "image/png" }), "Intrusion"), `/api/directory/my/businesses/${b.id}/photos`, {
      kind: "person",
      id: p.id,
      permissions: ["directory:own"],
    });
    expect(stranger.status).toBe(403);
    await stranger.arrayBuffer();

    // Withdrawn: the public no longer gets the photo; removed: gone from storage.
    await gateway(
      gatewayRequest(cclvd, `/api/directory/businesses/${b.id}/moderation`, {
        method: "POST",
        actor: agent,
        json: { action: "unpublish", reason: "Fermeture" },
      }),
    ).then((r) => r.arrayBuffer());
    const hidden = await gateway(new Request(photo.variants[0].url));
    expect(hidden.status).toBe(404);
    await hidden.arrayBuffer();
    const del = await gateway(gatewayRequest(cclvd, `/api/directory/businesses/${b.id}/photos/${photo.id}`, { method: "DELETE", actor: agent }));
    expect(del.status).toBe(204);
    const gone = await gateway(gatewayRequest(null, new URL(photo.variants[1].url).pathname, { actor: agent }));
    expect(gone.status).toBe(404);
    await gone.arrayBuffer();
    const journal = await adminQuery<{ action: string }>(
      testEnv,
      "SELECT action FROM audit_journal WHERE target = $1 AND action LIKE 'directory.photo.%' ORDER BY seq",
      [`businesses/${b.id}`],
    );
    expect(journal.map((j) => j.action)).toEqual(["directory.photo.add", "directory.photo.remove"]);
  });
});
