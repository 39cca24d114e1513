/** How-to: what the green and red connection dots mean and how to fix a red one. */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** The connection dots: green works, red needs reconnecting; red on a setting means "not filled in". */
export const connectionDots: KnowledgeArticle = {
  slug: "connection-dots",
  nl: {
    title: "Wat betekenen de groene en rode bolletjes?",
    body: [
      "In tabblad Configuratie staat achter je webwinkel en je boekhouding een bolletje. Groen betekent dat de koppeling met de opgeslagen gegevens echt contact kan maken. Rood betekent dat de verbinding ontbreekt, is ingetrokken, is verlopen of mislukt. Zolang een bolletje rood is, wordt er niets doorgezet.",
      "Een rood bolletje los je op door opnieuw te verbinden met de knop Connect: voor WooCommerce met een nieuwe REST API-sleutel, voor Moneybird door opnieuw in te loggen en toestemming te geven.",
      "Een rood bolletje of 'niet ingevuld' achter een onderdeel van de configuratie betekent iets anders: daar ontbreekt nog een instelling. Klik op de blauwe knop Wijzigen, vul het onderdeel in en sla op.",
      "De installatie is pas klaar als beide bolletjes groen zijn en de configuratie is opgeslagen.",
    ].join("\n"),
    keywords: [
      "bolletje", "bolletjes", "rood bolletje", "groen bolletje", "rood", "groen", "rode", "groene", "stip",
      "lampje", "verbinding", "verbindingen", "connect", "verbonden", "niet verbonden", "niet ingevuld",
    ],
  },
  en: {
    title: "What the green and red dots mean",
    body: [
      "In the Configuratie tab there is a dot next to your shop and next to your accounting system. Green means the koppeling can really reach it with the stored credentials. Red means the connection is missing, revoked, expired or failing. As long as a dot is red, nothing is transferred.",
      "You fix a red dot by connecting again with the Connect button: for WooCommerce with a new REST API key, for Moneybird by signing in again and granting access.",
      "A red dot or 'niet ingevuld' (not filled in) next to a part of the configuration means something else: a setting is still missing there. Click the blue Wijzigen (change) button, fill it in and save.",
      "Installation is only complete when both dots are green and the configuration is saved.",
    ].join("\n"),
    keywords: [
      "dot", "dots", "red dot", "green dot", "red", "green", "light", "indicator", "status light", "connection",
      "connections", "connect", "connected", "not connected", "not filled in",
    ],
  },
};
