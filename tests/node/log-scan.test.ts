/**
 * The log scanner (tests/security/log-scan.ts) on fixtures: it fails a line carrying a configured
 * secret, a credential by its shape or personal data, and passes the lines core's logger writes.
 * It reads every line the gateway logs in the gateway project (tests/setup/quiet-request-logs.ts).
 */
import { describe, expect, it } from "vitest";
import { logLeaks, secretValuesOf } from "../security/log-scan.ts";

const request =
  '{"level":"info","msg":"requête","time":"2026-12-02T22:12:53.297Z","requestId":"EzdJSVdu8DKJablQ","tenant":"test-7598677287","method":"POST","route":"/api/identity/auth/magic-link","status":202,"durationMs":68}';

describe("secrets and personal data in logs", () => {
  it("a request line as core writes it passes, ids and times included", () => {
    const uuid = request.replace("/api/identity/auth/magic-link", "/api/waste/premises/e86f7948-ffec-8fff-b339-fa0700000009/sorting");
    expect(logLeaks([request, uuid, '{"level":"error","msg":"erreur","error":{"statement":"insert into api_keys","sqlstate":"23502"}}'])).toEqual([]);
  });

  it("a configured secret's value fails, wherever it is, and is not repeated in the report", () => {
    const secrets = secretValuesOf({
      DATABASE_URL: "postgres://app:s3cr3t-mot-de-passe@127.0.0.1:5432/communa",
      IDENTITY_SECRETS_KEY: "QUJDREVGR0hJSktMTU5PUA==",
      PORT: "8787",
    });
    expect(secrets).toEqual(["s3cr3t-mot-de-passe", "QUJDREVGR0hJSktMTU5PUA=="]);
    const found = logLeaks([`{"msg":"x","detail":"clé QUJDREVGR0hJSktMTU5PUA== refusée"}`], secrets);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^valeur d’un secret configuré/);
    expect(found[0]).not.toContain("QUJDREVGR0hJSktMTU5PUA==");
  });

  it("credentials by their shape fail", () => {
    const lines = [
      '{"msg":"clé","key":"cmn_AbCdEfGhIjKlMnOpQrSt"}',
      '{"msg":"appel","headers":"Authorization: Bearer eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl"}',
      '{"msg":"base","url":"postgres://app:motdepasse@db:5432/x"}',
      '{"msg":"login","password":"hunter22"}',
      '{"msg":"cookie","raw":"__Host-communa_session=0123456789abcdefghij"}',
      '{"msg":"requête","url":"/api/identity/auth/magic-link/callback?token=abcdef0123456789"}',
      "-----BEGIN PRIVATE KEY-----",
    ];
    expect(logLeaks(lines).map((l) => l.split(" : ")[0])).toEqual([
      "clé d’API",
      "jeton Bearer",
      "mot de passe dans une adresse",
      "champ secret",
      "cookie de session",
      "paramètre secret",
      "clé privée",
    ]);
  });

  it("personal data fails: e-mail, phone, IBAN, social security number", () => {
    const lines = [
      '{"msg":"invitation","to":"camille.martin@liancourt.fr"}',
      '{"msg":"rappel","tel":"03 44 73 00 00"}',
      '{"msg":"prélèvement","iban":"FR76 3000 6000 0112 3456 7890 189"}',
      '{"msg":"agent","nir":"1 84 12 76 451 089 46"}',
    ];
    expect(logLeaks(lines).map((l) => l.split(" : ")[0])).toEqual(["adresse électronique", "numéro de téléphone", "IBAN", "numéro de sécurité sociale"]);
  });
});
