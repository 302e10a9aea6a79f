/**
 * The home page's map, on request: the button « Afficher la carte interactive » fetches MapLibre
 * (its script, its worker and its stylesheet, ≈ 450 KB) only when pressed, puts the map in the
 * drawing's place and gives it the keyboard focus (arrows pan, + and − zoom). Pressed again, it
 * shows the drawing back. Runs in the browser; its texts come from the button's data attributes.
 */
import type { MapConfig } from "./map.ts";

export function offerTerritoryMap(doc: Document): void {
  const button = doc.getElementById("carte-ouvrir") as HTMLButtonElement | null;
  const command = doc.getElementById("carte-commande");
  const container = doc.getElementById("carte");
  const drawing = doc.getElementById("carte-plan");
  const status = doc.getElementById("carte-statut");
  const source = doc.getElementById("carte-donnees");
  if (!button || !command || !container || !drawing || !status || !source) return;
  command.hidden = false;
  const texts = button.dataset as { show: string; hide: string; loading: string; failed: string };
  let state: "drawing" | "loading" | "map" | "hidden-map" = "drawing";

  const showMap = (shown: boolean) => {
    container.hidden = !shown;
    // An <svg> has no `hidden` property (HTML elements only): the attribute, which the CSS reads.
    drawing.toggleAttribute("hidden", shown);
    button.textContent = shown ? texts.hide : texts.show;
    button.setAttribute("aria-expanded", String(shown));
  };

  button.addEventListener("click", async () => {
    if (state === "loading") return;
    if (state === "map" || state === "hidden-map") {
      state = state === "map" ? "hidden-map" : "map";
      showMap(state === "map");
      if (state === "map") container.querySelector<HTMLElement>("canvas")?.focus();
      return;
    }
    state = "loading";
    button.setAttribute("aria-disabled", "true");
    status.textContent = texts.loading;
    try {
      const { showTerritoryMap } = await import("./territory-map-live.ts");
      // MapLibre measures its container: it is shown before the map is made.
      showMap(true);
      const canvas = await showTerritoryMap(container, JSON.parse(source.textContent ?? "{}") as MapConfig);
      state = "map";
      status.textContent = "";
      canvas.focus();
    } catch {
      showMap(false);
      state = "drawing";
      status.textContent = texts.failed;
    } finally {
      button.removeAttribute("aria-disabled");
    }
  });
}
