/**
 * Compares a screenshot with its committed baseline (tests/browser/visual.test.ts): pixelmatch
 * over the decoded PNGs (pngjs), with a per-pixel colour threshold (anti-aliasing, sub-pixel text)
 * and a share of differing pixels tolerated. A different size is a layout change, never tolerated.
 */
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";

export interface VisualTolerance {
  /** pixelmatch's per-pixel threshold, 0 (exact) to 1 (anything goes). */
  threshold: number;
  /** The share of pixels (0 to 1) allowed to differ. */
  maxDiffRatio: number;
}
export const DEFAULT_TOLERANCE: VisualTolerance = { threshold: 0.1, maxDiffRatio: 0.002 };

export type VisualResult =
  | { same: true; diffPixels: number; ratio: number }
  | { same: false; reason: "size"; expected: { width: number; height: number }; actual: { width: number; height: number } }
  | { same: false; reason: "pixels"; diffPixels: number; ratio: number; diff: Buffer };

export function compareScreenshots(baseline: Buffer, actual: Buffer, tolerance: VisualTolerance = DEFAULT_TOLERANCE): VisualResult {
  const a = PNG.sync.read(baseline);
  const b = PNG.sync.read(actual);
  if (a.width !== b.width || a.height !== b.height)
    return { same: false, reason: "size", expected: { width: a.width, height: a.height }, actual: { width: b.width, height: b.height } };
  const diff = new PNG({ width: a.width, height: a.height });
  const diffPixels = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: tolerance.threshold });
  const ratio = diffPixels / (a.width * a.height);
  if (ratio <= tolerance.maxDiffRatio) return { same: true, diffPixels, ratio };
  return { same: false, reason: "pixels", diffPixels, ratio, diff: PNG.sync.write(diff) };
}

/** The same image, re-encoded at zlib's best compression (Chromium's PNGs are written fast, not small). */
export function optimisePng(png: Buffer): Buffer {
  const image = PNG.sync.read(png);
  return PNG.sync.write(image, { deflateLevel: 9, deflateStrategy: 1, filterType: -1 });
}
