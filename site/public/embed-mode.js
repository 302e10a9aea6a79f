// The map portal framed in another site (`?embed=1`, see /<slug>/carte/integrer/): the page drops
// its header and footer before it paints. A file rather than an inline script: the site's CSP
// allows scripts from its own origin only (ADR 0018).
if (new URLSearchParams(location.search).has("embed")) document.documentElement.classList.add("embed");
