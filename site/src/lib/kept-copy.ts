/** Header the trail pages' service worker (sentiers/sw.js) puts on what it answers from its kept copy. */
export const KEPT_COPY_HEADER = "x-communa-copie-locale";
