/**
 * A confirmation asked in the page's own `<dialog>` (ConfirmDialog.astro), not `window.confirm`:
 * modal, focus kept inside and returned, Escape cancels, the text and buttons in French.
 */
export function confirmAction(message: string, dialog = document.querySelector<HTMLDialogElement>("dialog[data-confirm]")): Promise<boolean> {
  if (!dialog) throw new Error("ConfirmDialog absent de la page.");
  dialog.querySelector("[data-confirm-message]")!.textContent = message;
  dialog.returnValue = "";
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true });
    dialog.showModal();
  });
}
