/** The west-south-east-north box of GeoJSON coordinates (any nesting), for the map and the desks. */
export function boundsOf(coordinates: ReadonlyArray<unknown>): { w: number; s: number; e: number; n: number } {
  const box = { w: 180, s: 90, e: -180, n: -90 };
  const visit = (c: unknown): void => {
    if (typeof (c as number[])[0] === "number") {
      const [x, y] = c as number[];
      box.w = Math.min(box.w, x);
      box.e = Math.max(box.e, x);
      box.s = Math.min(box.s, y);
      box.n = Math.max(box.n, y);
    } else (c as unknown[]).forEach(visit);
  };
  visit(coordinates);
  return box;
}
