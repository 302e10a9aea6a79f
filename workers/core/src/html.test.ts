import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { escapeHtml, isHttpUrl, jsonForHtml, safeHref } from "./html.ts";
import { httpUrl } from "./url.ts";
import { fieldMessage } from "./messages.fr.ts";

const PAYLOADS = [
  "</script><script>window.__pwned=1</script>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)>",
  `"'`,
  "<!--",
  "</SCRIPT >",
  "a\u2028b\u2029c",
  "&amp;",
];

describe("jsonForHtml", () => {
  it("never lets a value close a script block, open a comment or break a line", () => {
    const text = jsonForHtml({ name: PAYLOADS.join(" "), list: PAYLOADS });
    expect(text).not.toMatch(/<\/script/i);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(text).toContain("\\u003c/script\\u003e");
  });

  it("parses back to the same value, for any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: "binary" }), (v) => {
        const text = jsonForHtml(v);
        expect(text).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 500 },
    );
    for (const p of PAYLOADS) expect(JSON.parse(jsonForHtml(p))).toBe(p);
  });

  it("refuses what JSON cannot say rather than writing `undefined` into a page", () => {
    expect(() => jsonForHtml(undefined)).toThrow();
  });
});

describe("escapeHtml", () => {
  it("escapes the five characters that end text or a quoted attribute", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    expect(escapeHtml(null)).toBe("");
    expect(escapeHtml(undefined)).toBe("");
    expect(escapeHtml(12.5)).toBe("12.5");
  });
});

describe("safeHref", () => {
  it("lets web addresses through, normalised", () => {
    expect(safeHref("https://boulangerie.example/menu?a=1&b=2")).toBe("https://boulangerie.example/menu?a=1&b=2");
    expect(safeHref("  HTTP://Example.fr ")).toBe("http://example.fr/");
    expect(safeHref('https://x.example/"><script>')).toBe("https://x.example/%22%3E%3Cscript%3E");
  });

  it("gives no link for any other scheme, a relative address or garbage", () => {
    for (const bad of [
      "javascript:alert(1)",
      " JaVaScRiPt:alert(1)",
      "java\tscript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "//evil.example/",
      "/relative",
      "evil.example",
      "http:evil.example",
      "https://",
      "ftp://x.example/",
      "",
      42,
      null,
      undefined,
    ]) {
      expect(safeHref(bad), String(bad)).toBeNull();
    }
  });

  it("lets mailto: and tel: through only where the link is meant to be one", () => {
    expect(safeHref("mailto:contact@x.example")).toBeNull();
    expect(safeHref("mailto:contact@x.example", ["mailto"])).toBe("mailto:contact@x.example");
    expect(safeHref("tel:+33344730000", ["tel"])).toBe("tel:+33344730000");
    expect(safeHref("https://x.example/", ["mailto"])).toBeNull();
    expect(isHttpUrl("http://x.example/", ["https"])).toBe(false);
    expect(isHttpUrl("https://x.example/", ["https"])).toBe(true);
  });
});

describe("httpUrl", () => {
  const schema = httpUrl({ message: "Le site web doit être une adresse http ou https." });

  it("accepts a web address and refuses javascript: with the domain's French message", () => {
    expect(schema.parse(" https://x.example/ ")).toBe("https://x.example/");
    const result = schema.safeParse("javascript:alert(1)");
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0];
    expect(fieldMessage(issue as Parameters<typeof fieldMessage>[0])).toBe("Le site web doit être une adresse http ou https.");
  });

  it("keeps its length limit and its schemes", () => {
    expect(schema.safeParse(`https://x.example/${"a".repeat(300)}`).success).toBe(false);
    expect(httpUrl({ message: "x", schemes: ["https"] }).safeParse("http://x.example/").success).toBe(false);
  });
});
