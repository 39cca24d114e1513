/** How-to: why shipping costs carry VAT (they follow the goods) and how to set that up. */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** Shipping costs need the VAT of the goods they carry; shops that charge none get rejected. */
export const shippingVat: KnowledgeArticle = {
  slug: "shipping-vat",
  nl: {
    title: "Waarom er BTW op verzendkosten hoort",
    body: [
      "Voor de BTW zijn verzendkosten geen los bedrag: ze volgen de producten die je verstuurt. Verkoop je artikelen met 21%, dan reken je ook 21% over de verzending. Zitten er producten met 9% en 21% in één pakket, dan verdeel je de verzendkosten naar verhouding.",
      "Rekent je webwinkel verzendkosten zonder BTW terwijl de producten wel belast zijn, dan klopt de BTW in je boekhouding niet en wordt de verkoop geweigerd. Na het ongeldige BTW-nummer bij ICP is dit de meest voorkomende fout.",
      "In WooCommerce los je het op via WooCommerce › Instellingen › Belasting: kies als belastingklasse voor verzending de optie die de artikelen in de winkelwagen volgt, en zet je verzendmethoden op belastbaar.",
      "Nieuwe bestellingen gaan daarna goed. Bestellingen die al in Fouten staan, pas je aan in de winkel en verwerk je opnieuw, of je boekt ze met de hand en klikt op Negeer.",
    ].join("\n"),
    keywords: [
      "verzendkosten", "verzend kosten", "verzending", "bezorgkosten", "portokosten", "porto", "verzendregel",
      "btw op verzendkosten", "verzendkosten zonder btw", "belastingklasse", "belastbaar", "btw verschil",
      "versturen", "pakket", "shipping",
    ],
  },
  en: {
    title: "Why shipping needs VAT",
    body: [
      "For VAT, shipping is not a separate amount: it follows the goods you send. Sell products at 21% and the shipping is 21% too. When a parcel holds products at 9% and at 21%, split the shipping costs in proportion.",
      "If your shop charges shipping without VAT while the products are taxed, the VAT in your accounting no longer adds up and the sale is rejected. After invalid VAT numbers on ICP sales, this is the most common cause of rejections.",
      "In WooCommerce, fix it under WooCommerce › Settings › Tax: set the shipping tax class to the option based on the items in the cart, and make sure your shipping methods are taxable.",
      "New orders then go through. Orders already in Fouten (errors) can be corrected in the shop and retried, or booked by hand and then ignored with Negeer.",
    ].join("\n"),
    keywords: [
      "shipping", "shipping costs", "shipping cost", "delivery costs", "delivery charge", "postage", "freight",
      "vat on shipping", "shipping without vat", "shipping tax class", "taxable", "vat difference", "parcel",
      "send", "verzendkosten",
    ],
  },
};
