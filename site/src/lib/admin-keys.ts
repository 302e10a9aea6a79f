/**
 * API keys (identity's /api-keys routes): the list, a new key (its secret shown once, with a copy
 * button and the warning), revocation after a confirmation. A key can only carry permissions its
 * creator holds: the API says which ones otherwise, beside the permissions.
 */
import { adm, keys as k, permissions } from "../i18n/admin.fr.ts";
import { button, checked, emptyRow, parisWhen, row, showSecret, startAdmin, text } from "./admin-common.ts";
import { confirmAction } from "./kit/confirm.ts";
import { listTable } from "./kit/list-table.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";

type Permission = keyof typeof permissions;
const PAGE = 20;
const isPermission = (p: string): p is Permission => Object.hasOwn(permissions, p);
const permissionName = (p: string) => (isPermission(p) ? permissions[p] : p);

export async function startKeys(root: HTMLElement) {
  const started = await startAdmin(root, "identity:admin");
  if (!started) return;
  const { api } = started;
  const table = document.getElementById("t-cles") as HTMLTableElement;
  const form = document.getElementById("f-cle") as HTMLFormElement;
  const listNotice = document.getElementById("k-liste-statut")!;

  const list = listTable(table, { filters: [] as const, pageSize: PAGE }, async (s) => {
    const { data } = await api.GET("/api/identity/api-keys");
    if (!data) notify(listNotice, adm.unavailable, "error");
    const all = data?.keys ?? [];
    const rows = all.slice((s.page - 1) * PAGE, s.page * PAGE).map((key) => {
      const ended = key.revokedAt !== null || new Date(key.expiresAt).getTime() <= Date.now();
      const state = key.revokedAt ? k.revoked(parisWhen(key.revokedAt)) : ended ? k.expired : k.active;
      const action = ended ? "—" : button(k.revoke, k.revokeLabel(key.name), () => void revoke(key.id, key.name));
      return row([
        key.name,
        `cmn_${key.prefix}_…`,
        key.permissions.map(permissionName).join(", "),
        parisWhen(key.createdAt),
        parisWhen(key.expiresAt),
        parisWhen(key.lastUsedAt),
        state,
        action,
      ]);
    });
    return { rows: rows.length ? rows : [emptyRow(8)], total: all.length, caption: k.caption };
  });

  async function revoke(id: string, name: string) {
    if (!(await confirmAction(k.confirmRevoke(name)))) return;
    const { data, error, response } = await api.DELETE("/api/identity/api-keys/{id}", { params: { path: { id } } });
    await list.reload();
    notify(listNotice, data ? k.revokedDone(name) : toProblem(error, response.status, adm.failed).detail, data ? "info" : "error");
    document.getElementById("k-liste-titre")!.focus();
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const days = text(form, "expiresInDays");
    const { data, error, response } = await api.POST("/api/identity/api-keys", {
      body: { name: text(form, "name"), permissions: checked(form, "permissions").filter(isPermission), expiresInDays: days ? Number(days) : 90 },
    });
    if (!data) return void showProblem(form, toProblem(error, response.status, adm.failed));
    clearProblem(form);
    notify(form.querySelector<HTMLElement>("[data-notice]")!, [k.created(data.name), data.notice].filter(Boolean).join(" "));
    form.reset();
    await list.reload();
    showSecret(document.getElementById("k-secret")!, [{ label: k.secretLabel(data.name), value: data.key }]);
  });

  await list.reload();
}
