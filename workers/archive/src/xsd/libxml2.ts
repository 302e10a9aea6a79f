/**
 * The only way this Worker imports libxml2-wasm: the shim first (precompiled WebAssembly, no
 * Node.js detection), then the library. Importing "libxml2-wasm" anywhere else could let the
 * bundler evaluate it before the shim.
 */
import { libxml2Loaded } from "./wasm-shim.ts";
export * from "libxml2-wasm";
import "libxml2-wasm";

libxml2Loaded();
