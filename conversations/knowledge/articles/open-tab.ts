/** How-to: what the Open tab means, ticking statuses, and the 21-day limit. */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** Open: fetched but not transferable because of its status; ticking statuses; the 21-day limit. */
export const openTab: KnowledgeArticle = {
  slug: "open-tab",
  nl: {
    title: "Wat betekent Open, en welke statussen vink je aan?",
    body: [
      "In tabblad Open staan verkopen die de koppeling wel heeft opgehaald, maar (nog) niet mag doorzetten. Daar zijn twee oorzaken voor: de status waarop je wilt doorzetten is niet aangevinkt in tabblad Configuratie, of de bestelling heeft in je webwinkel een status die niet is aangevinkt, zoals 'In de wacht' of 'Wachtend op betaling'.",
      "Pas één van de twee aan: vink de status aan via de blauwe knop Wijzigen bij de statussen, of zet de bestelling in de winkel op een aangevinkte status. 's Nachts zet de koppeling de verkopen uit Open dan alsnog door.",
      "Je mag gerust meerdere statussen aanvinken, bijvoorbeeld 'In behandeling' en 'Afgerond': een verkoop wordt nooit twee keer geboekt.",
      "Let op de termijn: een verkoop in Open wordt ongeveer 21 dagen elke nacht opnieuw bekeken. Staat hij er daarna nog, dan boek je hem met de hand en klik je op Negeer.",
    ].join("\n"),
    keywords: [
      "open", "tabblad open", "blijft open", "blijven staan", "status", "statussen", "orderstatus", "aanvinken",
      "vinkje", "aangevinkt", "in behandeling", "afgerond", "in de wacht", "wachtend op betaling", "21 dagen",
      "drie weken", "niet doorgezet", "blijft hangen",
    ],
  },
  en: {
    title: "What Open means, and which statuses to tick",
    body: [
      "The Open tab lists sales the koppeling has fetched but may not transfer (yet). There are two causes: the status you want to transfer on is not ticked in the Configuratie tab, or the order has a status in your shop that is not ticked, such as 'On hold' or 'Pending payment'.",
      "Change one of the two: tick the status with the blue Wijzigen (change) button next to the statuses, or move the order in your shop to a ticked status. At night the koppeling then transfers the sales waiting in Open.",
      "Feel free to tick several statuses, for example 'Processing' and 'Completed': a sale is never booked twice.",
      "Mind the time limit: a sale in Open is re-checked every night for about 21 days. If it is still there after that, book it by hand and click Negeer (ignore).",
    ].join("\n"),
    keywords: [
      "open", "open tab", "stuck", "waiting", "pending", "status", "statuses", "order status", "tick", "untick",
      "ticked", "checkbox", "processing", "completed", "on hold", "pending payment", "21 days", "three weeks",
      "not transferred",
    ],
  },
};
