/**
 * zod in the browser: no compiled validators. zod 4 probes `new Function` to speed up object
 * parsing; the site's content security policy (ADR 0018, `script-src 'self'`, no 'unsafe-eval')
 * refuses it and the browser reports a violation. Jitless parsing is as correct, and fast enough
 * for the few messages a page validates. Import this module before any schema is used.
 */
import { z } from "zod";

z.config({ jitless: true });
