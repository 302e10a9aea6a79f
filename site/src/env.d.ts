// Vite's import suffixes (`?url`, `?raw`) in the site's browser modules, for the root `tsc` too.
/// <reference types="vite/client" />
