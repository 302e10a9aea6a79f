/**
 * The groundwater part of the water and energy back office (issue #22, ADR 0035): the stations and
 * their thresholds, a saved Hub'Eau answer of a station's levels, a commune's drought level as
 * VigiEau gives it. Wired before the first request (ADR 0026).
 */
import type { Api } from "./api/client.ts";
import { e, eo } from "../i18n/eau.fr.ts";
import { table } from "./admin-common.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";

const dayFormat = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", dateStyle: "long" });

/** A JSON file's content, or a problem shown on the form. */
export async function readJson(form: HTMLFormElement, input: HTMLInputElement): Promise<unknown | undefined> {
  const file = input.files?.[0];
  if (!file) return undefined;
  try {
    return JSON.parse(await file.text());
  } catch {
    showProblem(form, toProblem({ title: eo.notJson, errors: [{ path: input.dataset.path!, message: eo.notJson }] }, 400));
    return undefined;
  }
}

/** A saved answer as Hub'Eau gives it ({ data: [...] }) or its rows alone. */
const rowsOf = (json: unknown, key: string) => (Array.isArray(json) ? json : ((json as Record<string, unknown> | null)?.[key] ?? json));

export function wireGroundwater(root: HTMLElement, api: Api): () => Promise<void> {
  const list = root.querySelector<HTMLElement>("#stations-liste")!;
  const stationSelect = root.querySelector<HTMLSelectElement>("#n-station")!;
  const names = new Map(Array.from(root.querySelectorAll<HTMLOptionElement>("#n-commune option")).map((o) => [o.value, o.textContent ?? o.value]));

  async function load() {
    const { data } = await api.GET("/api/environment/groundwater", { params: { query: { jours: 30 } } });
    const series = data?.series ?? [];
    list.replaceChildren(
      table(
        eo.stationsCaption,
        [e.colStation, eo.colKind, eo.colCode, eo.colCommune, eo.colThresholds, eo.colLast],
        series.map((s) => {
          const last = s.points[s.points.length - 1];
          return [
            s.name,
            eo.stationKindNames[s.kind] ?? s.kind,
            s.code,
            s.communeInsee ? (names.get(s.communeInsee) ?? s.communeInsee) : "—",
            eo.thresholds(s.thresholds.vigilanceDepthM, s.thresholds.alertDepthM),
            last ? eo.lastMeasure(last.depth, dayFormat.format(new Date(last.at))) : eo.noMeasure,
          ];
        }),
        eo.stationsNone,
      ),
    );
    const hubeau = series.filter((s) => s.kind === "hubeau");
    stationSelect.replaceChildren(...hubeau.map((s) => new Option(`${s.name} (${s.code})`, s.id)));
  }

  const station = root.querySelector<HTMLFormElement>("#f-station")!;
  station.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const field = (name: string) => (station.elements.namedItem(name) as HTMLInputElement).value.trim();
    const depth = (name: string): number | null | undefined => {
      const v = field(name);
      if (!v) return null;
      return /^-?\d+([.,]\d+)?$/.test(v) ? Number(v.replace(",", ".")) : undefined;
    };
    const vigilanceDepthM = depth("vigilanceDepthM");
    const alertDepthM = depth("alertDepthM");
    const wrong = vigilanceDepthM === undefined ? "vigilanceDepthM" : alertDepthM === undefined ? "alertDepthM" : null;
    if (wrong) return void showProblem(station, toProblem({ title: eo.badDepth, errors: [{ path: `body/${wrong}`, message: eo.badDepth }] }, 400));
    const name = field("name");
    const { data, error, response } = await api.POST("/api/environment/groundwater/stations", {
      body: {
        kind: field("kind") as "device" | "hubeau",
        code: field("code"),
        name,
        communeInsee: field("communeInsee") || null,
        alertZone: field("alertZone") || null,
        vigilanceDepthM,
        alertDepthM,
      },
    });
    if (!data) return void showProblem(station, toProblem(error, response.status));
    clearProblem(station);
    station.reset();
    await load();
    notify(station.querySelector<HTMLElement>("[data-notice]")!, eo.stationSaved(name), "success");
  });

  const recorded = root.querySelector<HTMLFormElement>("#f-chroniques")!;
  recorded.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const stationId = stationSelect.value;
    if (!stationId)
      return void showProblem(recorded, toProblem({ title: eo.noHubeauStation, errors: [{ path: "body/station", message: eo.noHubeauStation }] }, 400));
    const json = await readJson(recorded, recorded.querySelector<HTMLInputElement>("#n-fichier")!);
    if (json === undefined) return;
    const { data, error, response } = await api.POST("/api/environment/groundwater/stations/{stationId}/recorded", {
      params: { path: { stationId } },
      body: { data: rowsOf(json, "data") as never },
    });
    if (!data) return void showProblem(recorded, toProblem(error, response.status));
    clearProblem(recorded);
    recorded.reset();
    await load();
    notify(recorded.querySelector<HTMLElement>("[data-notice]")!, eo.recordedDone(data.received, data.inserted), "success");
  });

  const drought = root.querySelector<HTMLFormElement>("#f-secheresse")!;
  drought.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const insee = (drought.elements.namedItem("commune") as HTMLSelectElement).value;
    const json = await readJson(drought, drought.querySelector<HTMLInputElement>("#n-s-fichier")!);
    if (json === undefined) return;
    const { data, error, response } = await api.PUT("/api/environment/drought/{insee}", {
      params: { path: { insee } },
      body: { zones: rowsOf(json, "zones") as never },
    });
    if (!data) return void showProblem(drought, toProblem(error, response.status));
    clearProblem(drought);
    notify(drought.querySelector<HTMLElement>("[data-notice]")!, eo.droughtDone(data.zones), "success");
  });
  return load;
}
