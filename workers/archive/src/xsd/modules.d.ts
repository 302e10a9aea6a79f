/** Non-code modules the Worker imports (wrangler rules in wrangler.toml: Text for .xsd; .wasm is CompiledWasm). */
declare module "*.xsd" {
  const text: string;
  export default text;
}
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
