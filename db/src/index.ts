/** Runtime-neutral entry (usable inside Workers): schema, ids, geometry helpers. */
export * as schema from "./schema/index.ts";
export * from "./schema/index.ts";
export { uuidv7 } from "./ids.ts";
export { bboxOf } from "./geo.ts";
