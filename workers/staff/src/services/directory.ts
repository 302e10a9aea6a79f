/**
 * The staff directory (trombinoscope, issue #23): names, services, positions, professional phone
 * and e-mail of the agents still serving; a photo only with the agent's consent, per channel
 * (intranet: colleagues signed in; public: the tenant's site), revocable at any time, every change
 * kept in staff_photo_consents and journalled. A photo is re-encoded by the Images binding (WebP,
 * 480 px at most): the original and its metadata (a camera's GPS position) are not kept. Withdrawing
 * the last channel deletes the photo; so does the departure.
 */
import { and, asc, eq, gt, isNull, or } from "drizzle-orm";
import { staffAgents, staffPhotoConsents } from "@communa/db";
import { conflict, invalid, notFound, unavailable, uuidv7, type Db, type TrustedContext, type WriteTx } from "@communa/core";
import { parisDay } from "@communa/core/time";
import type { StaffBindings } from "../env.ts";
import { m } from "../messages.fr.ts";
import { agentOfCaller, type AgentRow } from "./agents.ts";

export interface DirectoryDeps {
  db: Db;
  ctx: TrustedContext;
  env: Pick<StaffBindings, "STAFF_PHOTOS" | "IMAGES">;
}

export const PHOTO_WIDTH = 480;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const ACCEPTED = ["image/jpeg", "image/png", "image/webp"];
const MIN_SIDE = 120;

type Channel = "intranet" | "public";

const photoUrl = (ctx: TrustedContext, a: AgentRow, channel: Channel) =>
  a.photoKey && (channel === "public" ? a.photoPublic : a.photoIntranet)
    ? `${ctx.baseUrl ?? ""}/api/staff/${channel === "public" ? "public/" : ""}directory/${a.id}/photo`
    : null;

const serving = (today: string) => or(isNull(staffAgents.departureDate), gt(staffAgents.departureDate, today));

/** Colleagues' view (staff:self): every serving agent, the photo where they allowed the intranet. */
export async function staffDirectory(deps: DirectoryDeps) {
  const { db, ctx } = deps;
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const rows = await tx.select().from(staffAgents).where(serving(parisDay())).orderBy(asc(staffAgents.name));
    return rows.map((a) => ({
      id: a.id,
      name: a.name,
      service: a.service,
      position: a.position,
      email: a.email,
      phone: a.phone,
      photo: photoUrl(ctx, a, "intranet"),
    }));
  });
}

/** The public site's view: only agents who allowed the public channel, and no contact details. */
export async function publicDirectory(deps: DirectoryDeps) {
  const { db, ctx } = deps;
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const rows = await tx
      .select()
      .from(staffAgents)
      .where(and(serving(parisDay()), eq(staffAgents.photoPublic, true)))
      .orderBy(asc(staffAgents.name));
    return rows
      .filter((a) => a.photoKey)
      .map((a) => ({ id: a.id, name: a.name, service: a.service, position: a.position, photo: photoUrl(ctx, a, "public")! }));
  });
}

export async function photoOf(deps: DirectoryDeps, agentId: string, channel: Channel): Promise<ArrayBuffer> {
  const { db, ctx, env } = deps;
  const [a] = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select()
      .from(staffAgents)
      .where(and(eq(staffAgents.id, agentId), serving(parisDay()))),
  );
  if (!a || !photoUrl(ctx, a, channel)) throw notFound(m.noPhoto);
  const obj = await env.STAFF_PHOTOS.get(a.photoKey!);
  if (!obj) throw notFound(m.noPhoto);
  return obj.arrayBuffer();
}

/** Consent rows for the channels that change, and the photo deleted when no channel is left. */
async function applyConsent(tx: WriteTx, env: DirectoryDeps["env"], a: AgentRow, next: { intranet: boolean; public: boolean }, by: "agent" | "departure") {
  const changes: Array<{ channel: Channel; granted: boolean }> = [];
  if (next.intranet !== a.photoIntranet) changes.push({ channel: "intranet", granted: next.intranet });
  if (next.public !== a.photoPublic) changes.push({ channel: "public", granted: next.public });
  if (changes.length) await tx.insert(staffPhotoConsents).values(changes.map((c) => ({ tenantId: a.tenantId, agentId: a.id, ...c, by })));
  const drop = !next.intranet && !next.public && a.photoKey !== null;
  await tx
    .update(staffAgents)
    .set({ photoIntranet: next.intranet, photoPublic: next.public, ...(drop ? { photoKey: null } : {}) })
    .where(eq(staffAgents.id, a.id));
  if (drop) await env.STAFF_PHOTOS.delete(a.photoKey!);
  return changes;
}

export async function setConsent(deps: DirectoryDeps, next: { intranet: boolean; public: boolean }) {
  const { db, ctx, env } = deps;
  return db.write(ctx, async (tx, journal) => {
    const a = await agentOfCaller(tx, ctx);
    const changes = await applyConsent(tx, env, a, next, "agent");
    await journal({
      action: "staff.photo.consent",
      target: `staff_agents/${a.id}`,
      summary: { intranet: next.intranet, public: next.public, changed: changes.length },
    });
    return consentsOf(tx, a.id);
  });
}

/** On departure (the day reached): consents withdrawn, photo deleted. Called by HR's agent update. */
export async function withdrawOnDeparture(tx: WriteTx, env: DirectoryDeps["env"], a: AgentRow) {
  if (a.photoIntranet || a.photoPublic || a.photoKey) await applyConsent(tx, env, a, { intranet: false, public: false }, "departure");
}

async function consentsOf(tx: Pick<WriteTx, "select">, agentId: string) {
  const [a] = await tx.select().from(staffAgents).where(eq(staffAgents.id, agentId));
  const history = await tx.select().from(staffPhotoConsents).where(eq(staffPhotoConsents.agentId, agentId)).orderBy(asc(staffPhotoConsents.at));
  return {
    intranet: a.photoIntranet,
    public: a.photoPublic,
    hasPhoto: a.photoKey !== null,
    history: history.map((h) => ({ channel: h.channel, granted: h.granted, by: h.by, at: h.at.toISOString() })),
  };
}

export async function myConsents(deps: DirectoryDeps) {
  const { db, ctx } = deps;
  return db.withTenant(ctx.tenant.id, async (tx) => consentsOf(tx, (await agentOfCaller(tx, ctx)).id));
}

/** The agent's photo: refused without a consent; re-encoded, the previous one replaced. */
export async function setPhoto(deps: DirectoryDeps, bytes: Uint8Array) {
  const { db, ctx, env } = deps;
  const images = env.IMAGES;
  if (!images) throw unavailable(m.noResizing);
  if (bytes.length === 0 || bytes.length > MAX_PHOTO_BYTES) throw invalid(undefined, [{ path: "body", message: m.photoSize(MAX_PHOTO_BYTES) }]);
  const agent = await db.withTenant(ctx.tenant.id, (tx) => agentOfCaller(tx, ctx));
  if (!agent.photoIntranet && !agent.photoPublic) throw conflict(m.consentFirst);
  let info: ImageInfoResponse;
  try {
    info = await images.info(new Blob([bytes]).stream());
  } catch {
    throw invalid(undefined, [{ path: "body", message: m.photoType }]);
  }
  if (!ACCEPTED.includes(info.format) || !("width" in info)) throw invalid(undefined, [{ path: "body", message: m.photoType }]);
  if (Math.min(info.width, info.height) < MIN_SIDE) throw invalid(undefined, [{ path: "body", message: m.photoSmall(MIN_SIDE) }]);
  const out = await images
    .input(new Blob([bytes]).stream())
    .transform({ width: Math.min(PHOTO_WIDTH, info.width), fit: "scale-down" })
    .output({ format: "image/webp", quality: 80 });
  const data = await out.response().arrayBuffer();
  const key = `${ctx.tenant.id}/${agent.id}/${uuidv7()}.webp`;
  await env.STAFF_PHOTOS.put(key, data, { httpMetadata: { contentType: "image/webp" } });
  try {
    await db.write(ctx, async (tx, journal) => {
      await tx.update(staffAgents).set({ photoKey: key }).where(eq(staffAgents.id, agent.id));
      await journal({ action: "staff.photo.set", target: `staff_agents/${agent.id}`, summary: { bytes: data.byteLength } });
    });
  } catch (err) {
    await env.STAFF_PHOTOS.delete(key);
    throw err;
  }
  if (agent.photoKey) await env.STAFF_PHOTOS.delete(agent.photoKey);
  return { bytes: data.byteLength, format: "image/webp" };
}
