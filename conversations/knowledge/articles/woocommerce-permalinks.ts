/** How-to: WooCommerce permalinks must not be "Plain", and the shop must be reachable. */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** WordPress permalinks other than Plain, so the WooCommerce REST API can be reached. */
export const woocommercePermalinks: KnowledgeArticle = {
  slug: "woocommerce-permalinks",
  nl: {
    title: "WooCommerce: permalinks mogen niet op 'Eenvoudig' staan",
    body: [
      "De koppeling leest je bestellingen via de REST API van WooCommerce, op een adres dat eindigt op /wp-json/wc/v3/orders. Dat werkt alleen als de permalinks van WordPress niet op 'Eenvoudig' (Plain) staan. Anders krijgt de koppeling een foutmelding of een doorverwijzing, en blijft het bolletje van WooCommerce rood, ook met een goede sleutel.",
      "1. Ga in WordPress naar Instellingen › Permalinks.",
      "2. Kies een andere structuur dan Eenvoudig, bijvoorbeeld 'Berichtnaam'.",
      "3. Sla de wijzigingen op.",
      "Controleer ook dat je winkel bereikbaar is zonder wachtwoord of onderhoudsmodus, en dat het adres in de koppeling klopt, met https als je winkel daarop is overgestapt. Maak daarna opnieuw verbinding.",
    ].join("\n"),
    keywords: [
      "permalinks", "permalink", "eenvoudig", "plain", "berichtnaam", "wordpress", "wp-json", "url", "adres",
      "doorverwijzing", "redirect", "onbereikbaar", "niet bereikbaar", "onderhoudsmodus", "wachtwoord",
      "https", "http", "404", "403",
    ],
  },
  en: {
    title: "WooCommerce: permalinks must not be 'Plain'",
    body: [
      "The koppeling reads your orders through the WooCommerce REST API, at an address ending in /wp-json/wc/v3/orders. That only works when WordPress permalinks are not set to 'Plain'. Otherwise the koppeling gets an error or a redirect, and the WooCommerce dot stays red, even with a good key.",
      "1. In WordPress, go to Settings › Permalinks.",
      "2. Choose any structure other than Plain, for example 'Post name'.",
      "3. Save the changes.",
      "Also check that your shop can be reached without a password or maintenance mode, and that the address in the koppeling is right, with https if your shop has moved to it. Then connect again.",
    ].join("\n"),
    keywords: [
      "permalinks", "permalink", "plain", "post name", "pretty permalinks", "wordpress", "wp-json", "url",
      "address", "redirect", "unreachable", "not reachable", "maintenance mode", "password protected", "https",
      "http", "404", "403",
    ],
  },
};
