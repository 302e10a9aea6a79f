/**
 * French URL segments: "Boulangerie Dupont & Fils" → "boulangerie-dupont-fils", "Monchy-Saint-Éloi"
 * → "monchy-saint-eloi" (how the tenants' slugs are made too). Shared by the Worker and the site.
 */
export function slugify(name: string, fallback = "commerce"): string {
  return (
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/œ/g, "oe")
      .replace(/æ/g, "ae")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || fallback
  );
}
