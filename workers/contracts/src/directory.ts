/**
 * Activity categories, in French, each mapped to the schema.org type search engines understand
 * (a LocalBusiness subtype; schema.org has no butcher or farmers-market type: those are "Store").
 * The key is stable (in addresses and data); the label is what people read.
 */
export const CATEGORIES = {
  boulangerie: { label: "Boulangerie, pâtisserie", schema: "Bakery", plural: "Boulangeries" },
  boucherie: { label: "Boucherie, charcuterie", schema: "Store", plural: "Boucheries" },
  epicerie: { label: "Épicerie, alimentation", schema: "GroceryStore", plural: "Épiceries" },
  coiffure: { label: "Coiffure", schema: "HairSalon", plural: "Coiffeurs" },
  beaute: { label: "Institut de beauté", schema: "BeautySalon", plural: "Instituts de beauté" },
  restaurant: { label: "Restaurant", schema: "Restaurant", plural: "Restaurants" },
  cafe: { label: "Café, bar", schema: "CafeOrCoffeeShop", plural: "Cafés" },
  pharmacie: { label: "Pharmacie", schema: "Pharmacy", plural: "Pharmacies" },
  plombier: { label: "Plomberie, chauffage", schema: "Plumber", plural: "Plombiers" },
  electricien: { label: "Électricité", schema: "Electrician", plural: "Électriciens" },
  menuisier: { label: "Menuiserie", schema: "GeneralContractor", plural: "Menuisiers" },
  couvreur: { label: "Couverture, toiture", schema: "RoofingContractor", plural: "Couvreurs" },
  peintre: { label: "Peinture, décoration", schema: "HousePainter", plural: "Peintres" },
  garage: { label: "Garage automobile", schema: "AutoRepair", plural: "Garages" },
  fleuriste: { label: "Fleuriste", schema: "Florist", plural: "Fleuristes" },
  librairie: { label: "Librairie, presse", schema: "BookStore", plural: "Librairies" },
  producteur: { label: "Producteur, vente à la ferme", schema: "Store", plural: "Producteurs" },
  marche: { label: "Marché", schema: "Store", plural: "Marchés" },
} as const satisfies Record<string, { label: string; schema: string; plural: string }>;

export type Category = keyof typeof CATEGORIES;
export const CATEGORY_KEYS = Object.keys(CATEGORIES) as [Category, ...Category[]];

/** Labels a listing may carry. */
export const LABELS = {
  rge: "RGE (Reconnu garant de l’environnement)",
  bio: "Agriculture biologique",
  "artisan-metiers-art": "Artisan d’art",
  "accueil-velo": "Accueil vélo",
} as const;
export type Label = keyof typeof LABELS;
export const LABEL_KEYS = Object.keys(LABELS) as [Label, ...Label[]];

export const CHANNELS = { ferme: "À la ferme", marche: "Au marché", amap: "En AMAP", boutique: "En boutique" } as const;
export const CHANNEL_KEYS = Object.keys(CHANNELS) as [keyof typeof CHANNELS, ...Array<keyof typeof CHANNELS>];
