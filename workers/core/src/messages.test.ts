import { describe, expect, it } from "vitest";
import { fieldMessage } from "./messages.fr.ts";

describe("field messages", () => {
  it("a format error names its field and what is expected, never a bare « Format invalide. »", () => {
    expect(fieldMessage({ code: "invalid_format", format: "regex", path: ["insee"] })).toBe("Code INSEE : format invalide.");
    expect(fieldMessage({ code: "invalid_format", format: "email", path: ["email"] })).toBe(
      "Adresse électronique : adresse électronique attendue (ex. nom@exemple.fr).",
    );
    expect(fieldMessage({ code: "invalid_format", format: "uuid", path: ["items", 2, "binId"] })).toBe(
      "Champ « binId » : identifiant attendu (UUID de 36 caractères).",
    );
    expect(fieldMessage({ code: "invalid_format", format: "regex", path: [] })).toBe("Valeur : format invalide.");
  });

  it("keeps a refinement's own French message, not zod's English default", () => {
    expect(fieldMessage({ code: "custom", message: "Le lien doit être en https." })).toBe("Le lien doit être en https.");
    expect(fieldMessage({ code: "custom", message: "Invalid input" })).toBe("Valeur invalide.");
  });
});
