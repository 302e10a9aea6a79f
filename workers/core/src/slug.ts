/**
 * French URL segments: "Boulangerie Dupont & Fils" → "boulangerie-dupont-fils", "Monchy-Saint-Éloi"
 * → "monchy-saint-eloi", "Crèvecœur-le-Grand" → "crevecoeur-le-grand". The one rule for listings,
 * trails and tenants (the seed and the onboarding command): shared by the Workers, db and the site.
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
