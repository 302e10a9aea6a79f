import { kit } from "../../i18n/kit.fr.ts";
import type { Problem } from "./problem.ts";

/** The problem of a required picker left without a choice, shown like the API's. */
export const pickerRequired = (path: string): Problem => ({
  status: 400,
  title: kit.pickerRequired,
  detail: kit.pickerRequired,
  errors: [{ path, message: kit.pickerRequired }],
});
