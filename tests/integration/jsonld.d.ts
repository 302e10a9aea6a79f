/** jsonld ships no types; the tests use its browser build's `expand` only. */
declare module "jsonld/dist/jsonld.esm.min.js" {
  const jsonld: {
    expand(input: object, options?: { documentLoader?: (url: string) => Promise<unknown> }): Promise<Array<Record<string, unknown>>>;
  };
  export default jsonld;
}
