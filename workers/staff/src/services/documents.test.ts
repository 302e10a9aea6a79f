/**
 * The safe's services inside workerd, with the Worker's own R2 bucket and master secret: a payroll
 * PDF of 30 payslips (built here with pdf-lib, real text per page) is split by payroll number, the
 * manifest names the unknown number and the missing agent, the depositor cannot validate it, another
 * person does; each agent gets a mail with a link and no attachment; R2 holds no plaintext; a key
 * rotation re-wraps document keys without touching R2, and the documents still open.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { unzipSync, strFromU8 } from "fflate";
import { AppError } from "@communa/core";
import { adminQuery, createTestTenant, person, testContext, withDb } from "@communa/core/testing";
import { sha256Hex } from "@communa/core/hash";
import { createAgent } from "./agents.ts";
import { depositPayroll, downloadDocument, exportSafe, listSafe, validateBatch, type Deps } from "./documents.ts";
import { rotateKey } from "./keys.ts";
import { pageTexts, splitPayroll } from "./payroll-pdf.ts";
import { fixtureSlips, payrollPdf } from "./payroll-fixture.ts";
import { retainUntil } from "./rules.ts";

const testEnv = env as unknown as {
  TEST_ADMIN_DATABASE_URL: string;
  NEON_WS_PROXY: string;
  DATABASE_URL: string;
  STAFF_SAFE: R2Bucket;
  STAFF_MASTER_KEY: string;
};
const hr = () => person("hr:read", "hr:write");

describe("splitting the payroll PDF", () => {
  it("reads each page's payroll number and keeps continuation pages with their payslip", async () => {
    const slips = fixtureSlips(3);
    slips[1].pages = 2;
    const pdf = await payrollPdf("2031-04", slips, { leadingCover: true });
    expect((await pageTexts(pdf)).length).toBe(5);
    const split = await splitPayroll(pdf);
    expect(split.orphanPages).toEqual([1]);
    expect(split.payslips.map((p) => [p.payrollNumber, p.pages])).toEqual([
      ["M0001", [2]],
      ["M0002", [3, 4]],
      ["M0003", [5]],
    ]);
    const second = await pageTexts(split.payslips[1].bytes);
    expect(second).toHaveLength(2);
    expect(second[0]).toContain("Agent Fictif 2");
    expect(second[0]).not.toContain("Agent Fictif 1");
  });
});

describe("retention", () => {
  it("keeps a payslip 50 years or until the 75th birthday, whichever is later", () => {
    expect(retainUntil("payslip", "2031-04-30", 1990)).toBe("2081-04-29");
    expect(retainUntil("payslip", "2031-04-30", 2010)).toBe("2085-12-31");
    expect(retainUntil("decree", "2031-04-30", 1990)).toBe("2080-12-31");
  });
});

describe("bulk deposit, second person, notification, encryption at rest", () => {
  it("30 payslips split, checked, published; R2 holds ciphertext only; rotation re-wraps keys", async () => {
    const t = await createTestTenant(testEnv, { kind: "epci" });
    const depositorCtx = testContext(t, hr());
    const checkerCtx = testContext(t, hr());
    await withDb(testEnv, async (db) => {
      const deps = (ctx = depositorCtx): Deps => ({ db, ctx, env: testEnv });
      const slips = fixtureSlips(30);
      const agents = [];
      // 30 agents in the PDF, one more registered but absent from it (missing); one number in the PDF nobody holds (unknown).
      for (const [i, s] of [...slips, { payrollNumber: "M0031", name: "Agent Absent" }].entries())
        agents.push(
          await createAgent(db, depositorCtx, {
            payrollNumber: s.payrollNumber,
            name: s.name,
            email: `agent${i + 1}@test.invalid`,
            birthYear: 1980,
            personId: `p-${t.id}-${i + 1}`,
          }),
        );
      const pdf = await payrollPdf("2031-04", [...slips, { payrollNumber: "X9999", name: "Inconnu" }]);
      const batch = await depositPayroll(deps(), { period: "2031-04", fileName: "paie-avril.pdf", pdf });
      expect(batch.status).toBe("pending");
      expect(batch.manifest.found).toHaveLength(30);
      expect(batch.manifest.unknown).toEqual([{ payrollNumber: "X9999", pages: [31] }]);
      expect(batch.manifest.missing.map((x) => x.payrollNumber)).toEqual(["M0031"]);

      // Not published yet: the agent sees nothing.
      const agentCtx = (i: number) => testContext(t, { kind: "person", id: `p-${t.id}-${i}`, permissions: ["staff:self"] });
      expect((await listSafe(deps(agentCtx(1)))).documents).toEqual([]);

      const refused = await validateBatch(deps(depositorCtx), batch.id).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).status).toBe(403);
      const published = await validateBatch(deps(checkerCtx), batch.id);
      expect(published.status).toBe("published");

      const mails = await adminQuery<{ recipient: string; body: string }>(testEnv, "SELECT recipient, body FROM outbox WHERE tenant_id = $1", [t.id]);
      expect(mails).toHaveLength(30);
      for (const mail of mails) {
        expect(mail.body).toContain("/espace/mon-coffre/?document=");
        expect(mail.body).not.toContain("%PDF");
      }

      // R2: every object of the tenant is ciphertext (no PDF header, no payroll number, no name).
      const objects = await testEnv.STAFF_SAFE.list({ prefix: `${t.id}/` });
      expect(objects.objects).toHaveLength(30);
      const before = new Map<string, string>();
      for (const o of objects.objects) {
        const bytes = new Uint8Array(await (await testEnv.STAFF_SAFE.get(o.key))!.arrayBuffer());
        const latin = new TextDecoder("latin1").decode(bytes);
        expect(latin).not.toContain("%PDF");
        expect(latin).not.toContain("Matricule");
        expect(latin).not.toContain("Agent Fictif");
        before.set(o.key, await sha256Hex(bytes));
      }

      // Agent 7 sees their own payslip only, and its bytes are the page of the PDF with their number.
      const mine = await listSafe(deps(agentCtx(7)));
      expect(mine.documents).toHaveLength(1);
      const file = await downloadDocument(deps(agentCtx(7)), mine.documents[0].id);
      expect(await sha256Hex(file.bytes)).toBe(mine.documents[0].sha256);
      expect((await pageTexts(file.bytes))[0]).toContain("Matricule : M0007");
      const other = await listSafe(deps(agentCtx(8)));
      const theirs = await downloadDocument(deps(agentCtx(7)), other.documents[0].id).catch((e: unknown) => e);
      expect((theirs as AppError).status).toBe(404);

      // Rotation: every document key re-wrapped under version 2, R2 untouched, documents still open.
      const keysBefore = await adminQuery<{ wrapped_key: Uint8Array }>(testEnv, "SELECT wrapped_key FROM staff_documents WHERE tenant_id = $1 ORDER BY id", [
        t.id,
      ]);
      expect(await rotateKey(deps(checkerCtx))).toEqual({ version: 2, rewrapped: 30 });
      const rows = await adminQuery<{ key_version: number; wrapped_key: Uint8Array }>(
        testEnv,
        "SELECT key_version, wrapped_key FROM staff_documents WHERE tenant_id = $1 ORDER BY id",
        [t.id],
      );
      expect(rows.every((r) => r.key_version === 2)).toBe(true);
      expect(Buffer.from(rows[0].wrapped_key).equals(Buffer.from(keysBefore[0].wrapped_key))).toBe(false);
      for (const o of (await testEnv.STAFF_SAFE.list({ prefix: `${t.id}/` })).objects) {
        expect(await sha256Hex(new Uint8Array(await (await testEnv.STAFF_SAFE.get(o.key))!.arrayBuffer()))).toBe(before.get(o.key));
      }
      const again = await downloadDocument(deps(agentCtx(7)), mine.documents[0].id);
      expect(await sha256Hex(again.bytes)).toBe(mine.documents[0].sha256);

      // The departing agent's ZIP: the PDF and a manifest naming it with its SHA-256.
      const zip = unzipSync((await exportSafe(deps(agentCtx(7)))).zip);
      const manifest = JSON.parse(strFromU8(zip["manifest.json"])) as { documents: Array<{ file: string; sha256: string }> };
      expect(manifest.documents).toHaveLength(1);
      expect(await sha256Hex(zip[manifest.documents[0].file])).toBe(manifest.documents[0].sha256);
    });
  });
});
