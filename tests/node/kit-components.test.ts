/**
 * The kit components' pure parts (issue #26): the tabs' keys, the column label of each cell of a
 * table read as cards on a phone, the page numbers a server pager links to, a stepper's states.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { tabAfterKey } from "../../site/src/lib/kit/tabs.ts";
import { labelsFor } from "../../site/src/lib/kit/cell-labels.ts";
import { pageWindow } from "../../site/src/lib/kit/pages.ts";
import { stepStates } from "../../site/src/lib/kit/stepper.ts";
import { kit } from "../../site/src/i18n/kit.fr.ts";

describe("tabs", () => {
  it("Left and Right wrap around, Home and End go to the ends, other keys are left to the page", () => {
    expect(tabAfterKey("ArrowRight", 0, 3)).toBe(1);
    expect(tabAfterKey("ArrowRight", 2, 3)).toBe(0);
    expect(tabAfterKey("ArrowLeft", 0, 3)).toBe(2);
    expect(tabAfterKey("ArrowLeft", 2, 3)).toBe(1);
    expect(tabAfterKey("Home", 2, 3)).toBe(0);
    expect(tabAfterKey("End", 0, 3)).toBe(2);
    expect(tabAfterKey("Tab", 1, 3)).toBeNull();
    expect(tabAfterKey("ArrowDown", 1, 3)).toBeNull();
    expect(tabAfterKey("ArrowRight", 0, 0)).toBeNull();
  });

  it("Right then Left comes back to the same tab, always a valid one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.nat(), (count, at) => {
        const i = at % count;
        const right = tabAfterKey("ArrowRight", i, count)!;
        expect(right).toBeGreaterThanOrEqual(0);
        expect(right).toBeLessThan(count);
        expect(tabAfterKey("ArrowLeft", right, count)).toBe(i);
      }),
    );
  });
});

describe("table cells labelled by their column", () => {
  it("gives each cell its column's header, a spanning cell the first column it covers", () => {
    const headers = ["Référence", "Adresse", "Commune", "Action"];
    expect(labelsFor(headers, [1, 1, 1, 1])).toEqual(headers);
    expect(labelsFor(headers, [1, 2, 1])).toEqual(["Référence", "Adresse", "Action"]);
    // One cell across the whole row (an empty list's sentence) belongs to no column.
    expect(labelsFor(headers, [4])).toEqual([""]);
    expect(labelsFor(headers, [3])).toEqual(["Référence"]);
    // More cells than headers (a malformed row): the extra ones get no label.
    expect(labelsFor(["A"], [1, 1])).toEqual(["A", ""]);
  });
});

describe("server pager", () => {
  it("links the first, the last, the current page and its neighbours, with gaps", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(2, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(5, 10)).toEqual([1, null, 4, 5, 6, null, 10]);
    // A gap of one page is the page itself, not an ellipsis.
    expect(pageWindow(3, 10)).toEqual([1, 2, 3, 4, null, 10]);
    expect(pageWindow(10, 10)).toEqual([1, null, 9, 10]);
    // Out of range: clamped.
    expect(pageWindow(99, 4)).toEqual([1, 2, 3, 4]);
    expect(pageWindow(0, 0)).toEqual([1]);
  });

  it("lists each page at most once, in order, always with the current one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 200 }), (total, at) => {
        const current = Math.min(at, total);
        const pages = pageWindow(current, total).filter((p): p is number => p !== null);
        expect(pages).toContain(current);
        expect(pages[0]).toBe(1);
        expect(pages.at(-1)).toBe(total);
        for (let i = 1; i < pages.length; i++) expect(pages[i]).toBeGreaterThan(pages[i - 1]);
      }),
    );
  });
});

describe("stepper", () => {
  it("marks the steps before the current one done, the others to do", () => {
    expect(stepStates(4, 2)).toEqual(["done", "current", "todo", "todo"]);
    expect(stepStates(3, 1)).toEqual(["current", "todo", "todo"]);
    expect(kit.stepOf(2, 4, "Adresse")).toBe("Étape 2 sur 4 — Adresse");
  });
});
