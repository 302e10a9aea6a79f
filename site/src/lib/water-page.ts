/**
 * The public water page (issue #22): a commune's network this year, its latest sanitary control in
 * plain French with what the codes mean, a chart and a table per key parameter with its quality
 * limit, then the groundwater stations on one chart with the thresholds and the drought level.
 * Everything read from the public API; data reaches the page as text nodes only.
 */
import { formatParis } from "@communa/core/time";
import { e } from "../i18n/eau.fr.ts";
import { el } from "./dom.ts";
import { lineChart } from "./line-chart.ts";

interface Flag {
  code: string;
  label: string;
}
export interface WaterView {
  year: number;
  networkYear: number | null;
  networks: { code: string; name: string }[];
  latest: null | ({ sampledAt: string; conclusion: string | null } & Record<string, Flag | string | null>);
  latestOwn: null | { sampledAt: string; conclusion: string | null; results: { key: string; value: number | null; unit: string }[] };
  conformityCodes: Flag[];
  history: {
    key: string;
    unit: string;
    limit: number | null;
    limitSource: string | null;
    points: { at: string; source: string; value: number | null; valueText: string | null }[];
  }[];
}
export interface GroundwaterView {
  series: {
    name: string;
    kind: string;
    communeInsee: string | null;
    thresholds: { vigilanceDepthM: number | null; alertDepthM: number | null };
    points: { at: string; depth: number }[];
    alerts: { level: string; crossesOn: string }[];
  }[];
  drought: { communeInsee: string; zoneName: string; label: string; meaning: string }[];
}

const day = (at: string) => formatParis(at, { dateStyle: "long" });
const short = (ms: number) => formatParis(ms, { month: "short", year: "numeric" });
const num = (v: number) => v.toLocaleString("fr-FR", { maximumFractionDigits: 3 });

function table(caption: string, head: string[], rows: string[][]) {
  const t = el("table");
  t.append(el("caption", caption));
  const tr = el("tr");
  for (const h of head) tr.append(el("th", h, { scope: "col" }));
  t.append(el("thead"));
  t.tHead!.append(tr);
  const body = el("tbody");
  for (const r of rows) {
    const row = el("tr");
    r.forEach((c, i) => row.append(i === 0 ? el("th", c, { scope: "row" }) : el("td", c)));
    body.append(row);
  }
  t.append(body);
  const wrap = el("div", undefined, { class: "tableau-defilant", tabindex: "0", role: "region", "aria-label": caption });
  wrap.append(t);
  return wrap;
}

/** Fills `into` with a commune's water. */
export function renderWater(into: HTMLElement, v: WaterView): void {
  const parts: Node[] = [];
  const net = el("section", undefined, { "aria-labelledby": "reseau-titre" });
  net.append(el("h2", e.networkHeading, { id: "reseau-titre" }));
  net.append(
    el(
      "p",
      v.networkYear !== null && v.networks.length
        ? `${e.networkYear(v.networkYear, v.year)} ${v.networks.map((n) => `${n.name} (${n.code})`).join(", ")}`
        : e.noNetwork,
      {
        id: "reseau",
      },
    ),
  );
  parts.push(net);

  const last = el("section", undefined, { "aria-labelledby": "controle-titre" });
  last.append(el("h2", e.latestHeading, { id: "controle-titre" }));
  if (v.latest) {
    last.append(el("p", e.sampled(day(v.latest.sampledAt))));
    const p = el("p", undefined, { id: "conclusion" });
    p.append(el("strong", e.conclusion), ` ${v.latest.conclusion ?? ""}`);
    last.append(p);
    const dl = el("dl", undefined, { id: "codes-controle" });
    for (const [key, label] of Object.entries(e.flags)) {
      const f = v.latest[key] as Flag | null;
      if (!f) continue;
      dl.append(el("dt", label), el("dd", `${f.code} — ${f.label}`));
    }
    last.append(dl);
  } else last.append(el("p", e.noData));
  const codes = el("details");
  codes.append(el("summary", e.codesHeading));
  const legend = el("dl");
  for (const c of v.conformityCodes) legend.append(el("dt", c.code), el("dd", c.label));
  codes.append(legend);
  last.append(codes, el("p", e.source, { class: "muted" }));
  parts.push(last);

  // The service's own self-checks: beside the sanitary control, said to be the service's own.
  if (v.latestOwn) {
    const own = el("section", undefined, { "aria-labelledby": "autosurveillance-titre" });
    own.append(el("h2", e.ownHeading, { id: "autosurveillance-titre" }), el("p", e.ownSampled(day(v.latestOwn.sampledAt))));
    const dl = el("dl", undefined, { id: "autosurveillance" });
    for (const r of v.latestOwn.results) dl.append(el("dt", e.parameters[r.key] ?? r.key), el("dd", r.value === null ? "—" : `${num(r.value)} ${r.unit}`));
    own.append(dl);
    if (v.latestOwn.conclusion) own.append(el("p", e.ownConclusion(v.latestOwn.conclusion)));
    own.append(el("p", e.ownNote, { class: "muted" }));
    parts.push(own);
  }

  const hist = el("section", undefined, { "aria-labelledby": "historique-titre" });
  hist.append(el("h2", e.historyHeading, { id: "historique-titre" }));
  for (const h of v.history) {
    const name = e.parameters[h.key] ?? h.key;
    const fig = el("figure", undefined, { class: "parametre" });
    fig.append(el("figcaption", name));
    const measured = h.points.filter((p) => p.value !== null);
    const pointsOf = (source: string) => measured.filter((p) => p.source === source).map((p) => ({ x: Date.parse(p.at), y: p.value as number }));
    // One line per origin: the ARS's and the service's own are never joined into one curve.
    const series = (["ars", "own"] as const)
      .map((source, i) => ({ label: e.sources[source], points: pointsOf(source), className: i === 0 ? "serie" : "serie serie-1" }))
      .filter((x) => x.points.length);
    const pts = measured;
    const limit = h.limit === null ? "—" : `${num(h.limit)} ${h.unit}`;
    if (pts.length)
      fig.append(
        lineChart({
          label: e.chartLabel(name, pts.length, limit),
          series,
          lines: h.limit === null ? [] : [{ y: h.limit, label: e.limitLabel(limit), className: "limite" }],
          formatX: short,
        }),
      );
    if (series.length > 1) {
      const legend = el("ul", undefined, { class: "legende" });
      series.forEach((x, i) => legend.append(el("li", x.label, { class: `legende-${i}` })));
      fig.append(legend);
    }
    if (h.limitSource) fig.append(el("p", e.limitSource(h.limitSource), { class: "muted" }));
    fig.append(
      h.points.length
        ? table(
            e.tableCaption(name),
            [e.colDate, e.colValue, e.colSource],
            [...h.points]
              .reverse()
              .map((p) => [day(p.at), `${p.valueText ?? (p.value === null ? "" : num(p.value))} ${h.unit}`, e.sources[p.source] ?? p.source]),
          )
        : el("p", e.noPoint),
    );
    hist.append(fig);
  }
  parts.push(hist);
  into.replaceChildren(...parts);
}

/** Fills `into` with the groundwater chart of the territory and the commune's drought level. */
export function renderGroundwater(into: HTMLElement, g: GroundwaterView, insee: string | null): void {
  const parts: Node[] = [];
  const drought = g.drought.filter((d) => !insee || d.communeInsee === insee);
  if (!drought.length) parts.push(el("p", e.droughtNone));
  for (const d of drought) {
    const p = el("p", undefined, { class: "secheresse" });
    p.append(el("strong", e.drought(d.label, d.zoneName)), ` — ${d.meaning}`);
    parts.push(p);
  }
  const withPoints = g.series.filter((s) => s.points.length);
  if (withPoints.length) {
    const first = withPoints.find((s) => s.thresholds.vigilanceDepthM !== null || s.thresholds.alertDepthM !== null);
    const bands = [];
    if (first?.thresholds.vigilanceDepthM != null)
      bands.push({
        from: first.thresholds.vigilanceDepthM,
        to: first.thresholds.alertDepthM ?? first.thresholds.vigilanceDepthM + 1,
        className: "bande-vigilance",
      });
    if (first?.thresholds.alertDepthM != null)
      bands.push({ from: first.thresholds.alertDepthM, to: first.thresholds.alertDepthM + 2, className: "bande-alerte" });
    const fig = el("figure");
    fig.append(el("figcaption", e.groundwaterHeading));
    fig.append(
      lineChart({
        label: e.depthChart(withPoints.length),
        series: withPoints.map((s, i) => ({
          label: s.name,
          points: s.points.map((p) => ({ x: Date.parse(p.at), y: p.depth })),
          className: `serie serie-${i}`,
        })),
        bands,
        invertY: true,
        formatX: short,
      }),
    );
    const legend = el("ul", undefined, { class: "legende" });
    withPoints.forEach((s, i) => legend.append(el("li", `${s.name} — ${e.stationKinds[s.kind] ?? s.kind}`, { class: `legende-${i}` })));
    fig.append(legend);
    fig.append(
      table(
        e.groundwaterCaption,
        [e.colStation, e.colDate, e.colDepth],
        withPoints.map((s) => {
          const last = s.points[s.points.length - 1];
          return [s.name, day(last.at), num(last.depth)];
        }),
      ),
    );
    parts.push(fig);
  }
  for (const s of g.series)
    for (const a of s.alerts)
      parts.push(el("p", e.alert(s.name, a.level === "alerte" ? e.alerte : e.vigilance, day(a.crossesOn)), { class: "alerte-tendance" }));
  into.replaceChildren(...parts);
}
