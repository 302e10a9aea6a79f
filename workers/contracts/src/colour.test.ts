import { describe, expect, it } from "vitest";
import { checkAccent, contrast, darkVariant, mix, normaliseHex, ratioText, THEMES, weakestPair } from "./colour.ts";

describe("WCAG contrast", () => {
  it("measures the known ratios (black on white 21:1, #767676 the palest grey at 4.5:1 on white)", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#fff", "#000")).toBeCloseTo(21, 5);
    expect(contrast("#767676", "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(contrast("#777777", "#ffffff")).toBeLessThan(4.5);
    expect(contrast("#1b4d89", "#1b4d89")).toBe(1);
  });

  it("reads #rgb and #rrggbb in any case, and nothing else", () => {
    expect(normaliseHex("#ABC")).toBe("#aabbcc");
    expect(normaliseHex(" #1B4D89 ")).toBe("#1b4d89");
    for (const bad of ["1b4d89", "#12345", "#gggggg", "red", "rgb(0,0,0)", ""]) expect(normaliseHex(bad)).toBeNull();
    expect(() => contrast("red", "#fff")).toThrow();
  });

  it("says a ratio in French without rounding it up past a threshold", () => {
    expect(ratioText(4.4999)).toBe("4,4:1");
    expect(ratioText(3.14)).toBe("3,1:1");
    expect(ratioText(21)).toBe("21,0:1");
  });
});

describe("a tenant's accent", () => {
  it("accepts a dark enough accent and gives it a dark-mode variant that holds on the dark backgrounds", () => {
    const ok = checkAccent("#8A1538");
    expect(ok).toMatchObject({ ok: true, accent: "#8a1538" });
    if (!ok.ok) throw new Error("refused");
    expect(weakestPair(ok.dark, "dark").ratio).toBeGreaterThanOrEqual(4.5);
    expect(contrast(ok.dark, THEMES.dark.bg)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(ok.dark, THEMES.dark.onPrimary)).toBeGreaterThanOrEqual(4.5);
    // Lightened, not replaced: still the accent's hue (red above blue).
    expect(Number.parseInt(ok.dark.slice(1, 3), 16)).toBeGreaterThan(Number.parseInt(ok.dark.slice(5, 7), 16));
  });

  it("refuses a pale accent with its measured ratio on white", () => {
    const pale = checkAccent("#7fb3e6");
    expect(pale).toMatchObject({ ok: false, pair: "bg" });
    if (pale.ok) throw new Error("accepted");
    expect(pale.ratio).toBeCloseTo(contrast("#7fb3e6", "#ffffff"), 10);
    expect(pale.ratio).toBeLessThan(4.5);
    expect(checkAccent("bleu")).toEqual({ ok: false, pair: "format", ratio: 0 });
  });

  it("refuses an accent that holds on white but not on the light surface", () => {
    // Between the two backgrounds' thresholds: white is a little brighter than the surface.
    const grey = ["#737373", "#747474", "#757575", "#767676"].find((c) => contrast(c, "#ffffff") >= 4.5 && contrast(c, THEMES.light.surface) < 4.5);
    expect(grey).toBeDefined();
    expect(checkAccent(grey!)).toMatchObject({ ok: false, pair: "surface" });
  });

  it("keeps an accent already light enough for dark mode, and reaches white at worst", () => {
    expect(darkVariant("#ffffff")).toBe("#ffffff");
    expect(mix("#000000", "#ffffff", 0.5)).toBe("#808080");
    expect(weakestPair(darkVariant("#000000"), "dark").ratio).toBeGreaterThanOrEqual(4.5);
  });
});
