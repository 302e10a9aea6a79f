/**
 * Members and roles (identity's /members routes): the list with a search kept in the address,
 * roles granted or withdrawn (a withdrawal is confirmed first), and an invitation by e-mail with a
 * role. The API refuses a role that gives more than the administrator holds: its problem is shown
 * on the form like any other.
 */
import { adm, members as m, roles } from "../i18n/admin.fr.ts";
import type { Schemas } from "./api/client.ts";
import { button, checked, emptyRow, row, startAdmin, text } from "./admin-common.ts";
import { confirmAction } from "./kit/confirm.ts";
import { listTable } from "./kit/list-table.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";

type Member = Schemas["Membre"];
type Role = keyof typeof roles;
const PAGE = 20;

const isRole = (r: string): r is Role => Object.hasOwn(roles, r);
const roleName = (r: string) => (isRole(r) ? roles[r] : r);
const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

export async function startMembers(root: HTMLElement) {
  const started = await startAdmin(root, "identity:admin");
  if (!started) return;
  const { api } = started;
  const table = document.getElementById("t-membres") as HTMLTableElement;
  const editor = document.getElementById("m-edition")!;
  const rolesForm = document.getElementById("f-roles") as HTMLFormElement;
  const invite = document.getElementById("f-invitation") as HTMLFormElement;
  let all: Member[] = [];
  let editing: Member | null = null;

  async function load() {
    const { data } = await api.GET("/api/identity/members");
    if (data) all = data.members;
    return Boolean(data);
  }

  const list = listTable(
    table,
    { filters: ["q"] as const, pageSize: PAGE },
    async (s) => {
      const words = fold(s.filters.q ?? "")
        .split(/\s+/)
        .filter(Boolean);
      const found = all.filter((p) => {
        const hay = fold(`${p.displayName} ${p.roles.map(roleName).join(" ")}`);
        return words.every((w) => hay.includes(w));
      });
      const shown = found.slice((s.page - 1) * PAGE, s.page * PAGE);
      const rows = shown.map((p) =>
        row([p.displayName, p.roles.length ? p.roles.map(roleName).join(", ") : "—", button(m.edit, m.editLabel(p.displayName), () => edit(p))]),
      );
      return { rows: rows.length ? rows : [emptyRow(3)], total: found.length, caption: m.caption(found.length) };
    },
    document.getElementById("m-recherche") as HTMLFormElement,
  );

  function edit(p: Member) {
    editing = p;
    clearProblem(rolesForm);
    notify(rolesForm.querySelector<HTMLElement>("[data-notice]")!, "");
    for (const c of Array.from(rolesForm.querySelectorAll<HTMLInputElement>('input[name="roles"]'))) c.checked = p.roles.includes(c.value);
    const heading = document.getElementById("m-edition-titre")!;
    heading.textContent = m.editHeading(p.displayName);
    editor.hidden = false;
    heading.focus();
  }
  document.getElementById("m-fermer")!.addEventListener("click", () => {
    editor.hidden = true;
    editing = null;
    document.getElementById("m-liste-titre")!.focus();
  });

  rolesForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!editing) return;
    const person = editing;
    const notice = rolesForm.querySelector<HTMLElement>("[data-notice]")!;
    const next = checked(rolesForm, "roles").filter(isRole);
    const removed = person.roles.filter((r) => !next.some((n) => n === r));
    if (removed.length) {
      const question = next.length ? m.confirmRevoke(person.displayName, removed.map(roleName)) : m.confirmRevokeAll(person.displayName);
      if (!(await confirmAction(question))) return notify(notice, m.cancelled);
    }
    const { data, error, response } = await api.PUT("/api/identity/members/{personId}/roles", {
      params: { path: { personId: person.id } },
      body: { roles: next },
    });
    if (!data) return void showProblem(rolesForm, toProblem(error, response.status, adm.failed));
    clearProblem(rolesForm);
    await load();
    editing = all.find((p) => p.id === person.id) ?? null;
    await list.reload();
    notify(notice, m.saved(person.displayName));
  });

  invite.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const notice = invite.querySelector<HTMLElement>("[data-notice]")!;
    const role = text(invite, "role");
    if (!isRole(role)) return;
    const displayName = text(invite, "displayName");
    const { data, error, response } = await api.POST("/api/identity/members/invitations", {
      body: { email: text(invite, "email"), role, ...(displayName ? { displayName } : {}) },
    });
    if (!data) return void showProblem(invite, toProblem(error, response.status, adm.failed));
    clearProblem(invite);
    const sent = m.invited(text(invite, "email"), roleName(role));
    invite.reset();
    await load();
    await list.reload();
    notify(notice, sent);
  });

  if (!(await load())) return notify(root.querySelector<HTMLElement>("[data-state]")!, adm.unavailable, "error");
  await list.reload();
}
