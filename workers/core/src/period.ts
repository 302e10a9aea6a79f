import { invalid } from "./errors.ts";

/**
 * A statistics period from its query (`from`, `to`: days), its first day before its last and at
 * most `years` long; else a 400 on `query/to` with the domain's own French text.
 */
export function boundedPeriod<Q extends { from: string; to: string }>(q: Q, message: string, years = 3): Q {
  const span = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
  if (!(span >= 0 && span <= years * 366)) throw invalid(message, [{ path: "query/to", message }]);
  return q;
}
