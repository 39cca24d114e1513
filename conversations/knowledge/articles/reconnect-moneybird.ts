/** How-to: reconnecting Moneybird after its access expired or was revoked. */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** Reconnecting Moneybird when the token expired or access was revoked. */
export const reconnectMoneybird: KnowledgeArticle = {
  slug: "reconnect-moneybird",
  nl: {
    title: "Moneybird opnieuw verbinden na verlopen of ingetrokken toegang",
    body: [
      "Is het bolletje van Moneybird rood, of zie je in Fouten meldingen als 'AuthorizationRequired' of '401'? Dan mag de koppeling niet meer in je administratie. Meestal is de toegang ingetrokken in Moneybird, is de gebruiker die de koppeling maakte weggehaald, of is een persoonlijk API-token verlopen.",
      "Zo herstel je het:",
      "1. Open het tabblad Configuratie en klik bij Moneybird op Connect.",
      "2. Log in met een Moneybird-gebruiker die mag boeken, bijvoorbeeld de eigenaar of je boekhouder, en geef toestemming.",
      "3. Heb je meer administraties, kies dan de juiste.",
      "4. Controleer dat het bolletje groen is.",
      "Zet daarna de verkopen die in Fouten staan opnieuw door met Verwerk. Er wordt niets dubbel geboekt: wat al in Moneybird staat, herkent de koppeling.",
    ].join("\n"),
    keywords: [
      "moneybird", "moneybird verbinden", "moneybird koppelen", "opnieuw verbinden", "opnieuw koppelen",
      "token verlopen", "toegang verlopen", "toegang ingetrokken", "verbinding verbroken", "authorizationrequired",
      "niet gemachtigd", "api token", "inloggen moneybird", "toestemming", "administratie kiezen",
    ],
  },
  en: {
    title: "Reconnect Moneybird after access expired or was revoked",
    body: [
      "Is the Moneybird dot red, or do you see messages such as 'AuthorizationRequired' or '401' in Fouten (errors)? Then the koppeling is no longer allowed into your administration. Usually access was revoked in Moneybird, the user who connected it was removed, or a personal API token expired.",
      "To fix it:",
      "1. Open the Configuratie tab and click Connect next to Moneybird.",
      "2. Sign in with a Moneybird user who may book, such as the owner or your accountant, and grant access.",
      "3. If you have several administrations, choose the right one.",
      "4. Check that the dot is green.",
      "Then retry the sales in Fouten with Verwerk. Nothing is booked twice: the koppeling recognises what is already in Moneybird.",
    ].join("\n"),
    keywords: [
      "moneybird", "reconnect moneybird", "connect moneybird", "reconnect", "token expired", "access expired",
      "access revoked", "disconnected", "authorizationrequired", "unauthorized", "api token", "sign in", "log in",
      "grant access", "choose administration",
    ],
  },
};
