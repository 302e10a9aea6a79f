/** Baseline (a): the cheapest answer the runtime can give. */
export default {
  async fetch(): Promise<Response> {
    return new Response('{"ok":true}', { headers: { "content-type": "application/json" } });
  },
};
