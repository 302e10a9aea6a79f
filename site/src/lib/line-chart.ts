/**
 * A small SVG line chart, drawn in the browser from a few hundred points at most (ADR 0035: a
 * chart library would weigh more than the page; the table beside each chart carries the values
 * for those who cannot see it). Horizontal lines for limits, bands for thresholds. Pure string of
 * SVG built with the DOM (no innerHTML of data).
 */
const NS = "http://www.w3.org/2000/svg";
const W = 640;
const H = 220;
const PAD = { l: 48, r: 12, t: 12, b: 28 };

export interface Series {
  label: string;
  points: { x: number; y: number }[];
  className: string;
}
export interface Line {
  y: number;
  label: string;
  className: string;
}
export interface Band {
  from: number;
  to: number;
  className: string;
}

const node = (tag: string, attrs: Record<string, string | number>) => {
  const n = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  return n;
};

/** The chart as an `<svg role="img">` named by `label`; `invertY` draws depths growing downward. */
export function lineChart({
  label,
  series,
  lines = [],
  bands = [],
  invertY = false,
  formatX,
}: {
  label: string;
  series: Series[];
  lines?: Line[];
  bands?: Band[];
  invertY?: boolean;
  formatX: (x: number) => string;
}): SVGSVGElement {
  const svg = node("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": label, class: "courbe" }) as SVGSVGElement;
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const ys = [...series.flatMap((s) => s.points.map((p) => p.y)), ...lines.map((l) => l.y), ...bands.flatMap((b) => [b.from, b.to])];
  if (!xs.length) return svg;
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (y0 === y1) [y0, y1] = [y0 - 1, y1 + 1];
  const pad = (y1 - y0) * 0.08;
  [y0, y1] = [y0 - pad, y1 + pad];
  const sx = (x: number) => PAD.l + ((x - x0) / (x1 - x0 || 1)) * (W - PAD.l - PAD.r);
  const sy = (y: number) => {
    const f = (y - y0) / (y1 - y0);
    return invertY ? PAD.t + f * (H - PAD.t - PAD.b) : H - PAD.b - f * (H - PAD.t - PAD.b);
  };
  for (const b of bands) {
    const [a, c] = [sy(b.from), sy(b.to)];
    svg.append(node("rect", { x: PAD.l, y: Math.min(a, c), width: W - PAD.l - PAD.r, height: Math.abs(c - a), class: b.className }));
  }
  svg.append(
    node("line", { x1: PAD.l, y1: PAD.t, x2: PAD.l, y2: H - PAD.b, class: "axe" }),
    node("line", { x1: PAD.l, y1: H - PAD.b, x2: W - PAD.r, y2: H - PAD.b, class: "axe" }),
  );
  for (const v of [y0 + pad, (y0 + y1) / 2, y1 - pad]) {
    const t = node("text", { x: PAD.l - 4, y: sy(v) + 4, "text-anchor": "end", class: "graduation" });
    t.textContent = v.toLocaleString("fr-FR", { maximumFractionDigits: 2 });
    svg.append(t);
  }
  for (const [x, anchor] of [
    [x0, "start"],
    [x1, "end"],
  ] as const) {
    const t = node("text", { x: sx(x), y: H - 8, "text-anchor": anchor, class: "graduation" });
    t.textContent = formatX(x);
    svg.append(t);
  }
  for (const l of lines) {
    svg.append(node("line", { x1: PAD.l, x2: W - PAD.r, y1: sy(l.y), y2: sy(l.y), class: l.className }));
    const t = node("text", { x: W - PAD.r, y: sy(l.y) - 4, "text-anchor": "end", class: "graduation" });
    t.textContent = l.label;
    svg.append(t);
  }
  for (const s of series) {
    if (!s.points.length) continue;
    const d = s.points.map((p, i) => `${i ? "L" : "M"}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join("");
    svg.append(node("path", { d, class: s.className, fill: "none" }));
  }
  return svg;
}
