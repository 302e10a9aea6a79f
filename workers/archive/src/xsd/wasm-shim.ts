/**
 * libxml2-wasm carries its WebAssembly as bytes: it instantiates the library from them on import,
 * and Emscripten's `addFunction` compiles a tiny wrapper module per callback signature. Workers
 * refuse to compile WebAssembly at run time, so this module — imported just before libxml2-wasm —
 * hands over the modules wrangler compiled at deploy time instead (extracted from the package by
 * scripts/extract-libxml2-wasm.mjs, matched byte for byte). ADR 0015.
 */
import library from "./libxml2.wasm";
import { wrapperBytes, wrappers } from "./wrappers.ts";
import { toBase64 } from "@communa/core/bytes";

// Emscripten takes a runtime with `process.versions.node` for Node.js (nodejs_compat gives Workers
// one) and then loads node:fs through createRequire(import.meta.url), which a bundled Worker lacks.
// Its own escape hatch is Electron's `process.type === "renderer"`: set while libxml2-wasm starts,
// taken back by `libxml2Loaded()` (validate.ts) once it has.
const proc = (globalThis as { process?: { type?: string } }).process;
const previousType = proc?.type;
if (proc) proc.type = "renderer";

/** Called once libxml2-wasm has been imported. */
export function libxml2Loaded(): void {
  if (proc) proc.type = previousType;
}

const precompiled = new Map(wrapperBytes.map((b64, i) => [b64, wrappers[i]]));
const view = (source: BufferSource) =>
  source instanceof ArrayBuffer ? new Uint8Array(source) : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);

const originalInstantiate = WebAssembly.instantiate.bind(WebAssembly);
let libraryGiven = false;
WebAssembly.instantiate = (async (source: BufferSource | WebAssembly.Module, imports?: WebAssembly.Imports) => {
  if (source instanceof WebAssembly.Module) return originalInstantiate(source, imports);
  if (libraryGiven) return originalInstantiate(source, imports);
  libraryGiven = true;
  return { instance: await originalInstantiate(library, imports), module: library };
}) as typeof WebAssembly.instantiate;

const OriginalModule = WebAssembly.Module;
WebAssembly.Module = new Proxy(OriginalModule, {
  construct(target, args: [BufferSource]) {
    const bytes = view(args[0]);
    const known = bytes.byteLength < 256 ? precompiled.get(toBase64(bytes)) : undefined;
    return known ?? new (target as unknown as new (b: BufferSource) => WebAssembly.Module)(args[0]);
  },
});
