/**
 * The kiosk page's behaviour (ADR 0046): the tenant's public-service links (from its display
 * board), the heartbeat that brings the device's configuration (`settings.idleMinutes`), the
 * return to the home after that many minutes without a touch or a key (the help form cleared),
 * and the help request, signed as the kiosk.
 */
import "./zod-browser.ts";
import type { PublishedBoard } from "@communa/contracts/signage";
import { KIOSK_DEFAULT_IDLE_MINUTES, PUBLIC_SERVICE_LINKS } from "@communa/contracts/signage";
import { b, serviceLinks } from "../i18n/borne.fr.ts";
import { el } from "./dom.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, readProblem, showProblem } from "./kit/problem.ts";
import { deviceCredentials, devicePost, startHeartbeat } from "./kiosk-device.ts";

/** Minutes without input before the page goes back to its home, unless the device's configuration says otherwise. */
const INPUTS = ["pointerdown", "keydown", "input", "wheel", "touchstart"] as const;

export function startKiosk(root: HTMLElement) {
  const slug = root.dataset.slug!;
  const status = root.querySelector<HTMLElement>("#borne-etat")!;
  const panel = root.querySelector<HTMLElement>("#aide")!;
  const open = root.querySelector<HTMLButtonElement>("#aide-ouvrir")!;
  const form = root.querySelector<HTMLFormElement>("#f-aide")!;
  const notice = form.querySelector<HTMLElement>("[data-notice]")!;
  const device = deviceCredentials();

  void loadLinks(slug, root.querySelector<HTMLElement>("#liens-publics")!);

  const showHelp = (shown: boolean) => {
    panel.hidden = !shown;
    open.hidden = shown;
    open.setAttribute("aria-expanded", String(shown));
    if (shown) form.querySelector<HTMLInputElement>("input")!.focus();
  };
  open.addEventListener("click", () => {
    showHelp(true);
    if (!device) notify(notice, b.notPaired, "warning");
  });
  root.querySelector("#aide-annuler")!.addEventListener("click", () => reset(false));

  /** Back to the home: the form emptied, its messages gone, the help closed, the top shown. */
  function reset(announce: boolean) {
    form.reset();
    clearProblem(form);
    notify(notice, "");
    showHelp(false);
    window.scrollTo(0, 0);
    root.querySelector<HTMLElement>("#borne-titre")!.focus();
    notify(status, announce ? b.reset : "");
    document.documentElement.dataset.resets = String(Number(document.documentElement.dataset.resets ?? 0) + 1);
  }

  let idleMinutes = KIOSK_DEFAULT_IDLE_MINUTES;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => reset(true), idleMinutes * 60_000);
  };
  const showIdle = () => {
    root.querySelector<HTMLElement>("#borne-veille")!.textContent = b.idleNotice(idleMinutes);
  };
  for (const type of INPUTS) window.addEventListener(type, arm, { passive: true, capture: true });
  showIdle();
  arm();

  if (device)
    startHeartbeat(slug, device, "borne-1", (settings) => {
      const n = Number(settings.idleMinutes);
      if (Number.isInteger(n) && n >= 1 && n <= 60) {
        idleMinutes = n;
        showIdle();
        arm();
      }
    });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearProblem(form);
    if (!device) return notify(notice, b.notPaired, "warning");
    const data = new FormData(form);
    const body: Record<string, string> = {};
    for (const k of ["firstName", "phone"]) {
      const v = String(data.get(k) ?? "").trim();
      if (v) body[k] = v;
    }
    const res = await devicePost(slug, device, "/api/devices/kiosk/help", body).catch(() => null);
    if (!res) return notify(notice, b.refused, "error");
    if (res.ok) {
      const { code } = (await res.json()) as { code: string };
      form.reset();
      return notify(notice, b.sent(code), "success");
    }
    const problem = await readProblem(res, b.refused);
    if (problem.errors.length) showProblem(form, problem);
    else notify(notice, problem.detail ?? b.refused, "error");
  });
}

async function loadLinks(slug: string, list: HTMLElement) {
  const res = await fetch(`/t/${slug}/api/devices/signage`, { credentials: "omit" }).catch(() => null);
  const board = res?.ok ? ((await res.json()) as PublishedBoard) : null;
  const ids = board?.links ?? (Object.keys(PUBLIC_SERVICE_LINKS) as (keyof typeof PUBLIC_SERVICE_LINKS)[]);
  list.replaceChildren(
    ...ids.map((id) => {
      const a = el("a", undefined, { href: PUBLIC_SERVICE_LINKS[id], rel: "noopener" });
      a.append(el("strong", serviceLinks[id].label), " ", el("span", serviceLinks[id].hint));
      const li = el("li");
      li.append(a);
      return li;
    }),
  );
  list.dataset.loaded = "true";
}
