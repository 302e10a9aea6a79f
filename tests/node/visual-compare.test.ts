/**
 * The visual regression's comparator (tests/setup/visual-compare.ts) on images made here: the same
 * image passes, a few anti-aliasing-like pixels pass, a moved block fails, a new size fails.
 */
import { describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import { compareScreenshots, optimisePng } from "../setup/visual-compare.ts";

/** A white image with a dark block at (x, y), w × h. */
function image(width: number, height: number, block?: { x: number; y: number; w: number; h: number }, speckles = 0): Buffer {
  const png = new PNG({ width, height });
  png.data.fill(255);
  const dark = (x: number, y: number) => {
    const i = (y * width + x) * 4;
    png.data[i] = png.data[i + 1] = png.data[i + 2] = 20;
  };
  if (block) for (let y = block.y; y < block.y + block.h; y++) for (let x = block.x; x < block.x + block.w; x++) dark(x, y);
  for (let n = 0; n < speckles; n++) dark((n * 7) % width, (n * 13) % height);
  return PNG.sync.write(png);
}

describe("visual comparator", () => {
  it("passes the same image, and a handful of stray pixels within the tolerance", () => {
    const base = image(200, 100, { x: 10, y: 10, w: 50, h: 20 });
    expect(compareScreenshots(base, base)).toMatchObject({ same: true, diffPixels: 0 });
    const stray = image(200, 100, { x: 10, y: 10, w: 50, h: 20 }, 20);
    expect(compareScreenshots(base, stray).same).toBe(true);
  });

  it("fails a block moved (a layout change) and a page of another size", () => {
    const base = image(200, 100, { x: 10, y: 10, w: 50, h: 20 });
    const moved = compareScreenshots(base, image(200, 100, { x: 10, y: 40, w: 50, h: 20 }));
    expect(moved).toMatchObject({ same: false, reason: "pixels" });
    if (!moved.same && moved.reason === "pixels") expect(moved.diffPixels).toBe(2 * 50 * 20);
    expect(compareScreenshots(base, image(200, 120))).toMatchObject({ same: false, reason: "size", expected: { height: 100 }, actual: { height: 120 } });
  });

  it("re-encodes a PNG smaller, pixel for pixel the same", () => {
    const base = image(300, 200, { x: 10, y: 10, w: 50, h: 20 });
    const fast = PNG.sync.write(PNG.sync.read(base), { deflateLevel: 1 });
    const small = optimisePng(fast);
    expect(small.length).toBeLessThanOrEqual(fast.length);
    expect(compareScreenshots(base, small)).toMatchObject({ same: true, diffPixels: 0 });
  });
});
