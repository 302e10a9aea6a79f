/**
 * The station screen's behaviour (ADR 0046): reads the board, shows its panels one at a time (all
 * at once, stacked, for people who asked their system for reduced motion), listens on the live
 * socket and reads the board again whenever a new version is announced; reconnects when the
 * socket drops. Announcements show between their start and end days (Paris time).
 */
import "./zod-browser.ts";
import type { BoardMessage, PublishedBoard, ScreenPanel } from "@communa/contracts/signage";
import { parisDay, parisFormat } from "@communa/core/time";
import { screen } from "../i18n/borne.fr.ts";
import { el } from "./dom.ts";
import { deviceCredentials, startHeartbeat } from "./kiosk-device.ts";

const dayFormat = parisFormat({ weekday: "long", day: "numeric", month: "long" });

export function startScreen(root: HTMLElement) {
  const slug = root.dataset.slug!;
  const holder = root.querySelector<HTMLElement>("#panneaux")!;
  const status = root.querySelector<HTMLElement>("#ecran-etat")!;
  const still = matchMedia("(prefers-reduced-motion: reduce)");
  let board: PublishedBoard | null = null;
  let shown = 0;
  let rotation: ReturnType<typeof setTimeout> | undefined;

  const device = deviceCredentials();
  if (device) startHeartbeat(slug, device, "ecran-1", () => {});

  function rotate() {
    clearTimeout(rotation);
    const panels = Array.from(holder.querySelectorAll<HTMLElement>(".ecran-panneau"));
    if (still.matches || panels.length < 2) {
      for (const p of panels) p.hidden = false;
      return;
    }
    shown %= panels.length;
    panels.forEach((p, i) => (p.hidden = i !== shown));
    rotation = setTimeout(
      () => {
        shown++;
        rotate();
      },
      (board?.rotateSeconds ?? 15) * 1000,
    );
  }
  still.addEventListener("change", rotate);

  async function load() {
    const res = await fetch(`/t/${slug}/api/devices/signage`, { credentials: "omit", cache: "no-store" }).catch(() => null);
    if (!res?.ok) return;
    board = (await res.json()) as PublishedBoard;
    holder.replaceChildren(...board.panels.map((p) => panel(p, board!)));
    root.dataset.version = String(board.version);
    rotate();
  }

  function listen() {
    const ws = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/t/${slug}/api/devices/signage/live`);
    ws.addEventListener("open", () => {
      status.textContent = "";
      void load();
    });
    ws.addEventListener("message", (e) => {
      if (typeof e.data !== "string" || e.data === "pong") return;
      const msg = JSON.parse(e.data) as BoardMessage;
      if (msg.type === "board" && String(msg.version) !== root.dataset.version) void load();
    });
    ws.addEventListener("close", () => {
      status.textContent = screen.offline;
      setTimeout(listen, 5000);
    });
  }
  void load();
  listen();
}

function panel(kind: ScreenPanel, board: PublishedBoard): HTMLElement {
  const section = el("section", undefined, { class: "ecran-panneau", "aria-labelledby": `p-${kind}`, "data-panel": kind });
  section.append(el("h2", screen.panels[kind], { id: `p-${kind}` }));
  const list = el("ul");
  const item = (strong: string, rest: string) => {
    const li = el("li");
    li.append(el("strong", strong), ` ${rest}`);
    return li;
  };
  const today = parisDay();
  if (kind === "services") for (const d of board.desks) list.append(item(d.name, d.hours));
  if (kind === "permanences")
    for (const p of board.permanences.filter((p) => p.on >= today).sort((a, b) => a.on.localeCompare(b.on)))
      list.append(item(`${dayFormat.format(new Date(`${p.on}T12:00:00Z`))}, ${p.hours}`, `${p.who} — ${p.place}`));
  if (kind === "news")
    for (const a of board.announcements.filter((a) => a.startsOn <= today && a.endsOn >= today))
      list.append(item(`${screen.topics[a.topic]} · ${a.title}`, a.body));
  const empty = { services: screen.noDesks, permanences: screen.noPermanences, news: screen.noNews }[kind];
  section.append(list.childElementCount ? list : el("p", empty));
  return section;
}
