/** How-to: only sales after the install moment are processed; older ones need a migration. */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** Only sales created after installation are transferred; a migration for older ones. */
export const installMoment: KnowledgeArticle = {
  slug: "install-moment",
  nl: {
    title: "Alleen verkopen van na de installatie worden doorgezet",
    body: [
      "De koppeling zet alleen verkopen door die zijn gemaakt nadat je de koppeling hebt geïnstalleerd. Oudere bestellingen, bonnen of dagomzetten worden niet opgehaald, ook niet als ze nog niet in je boekhouding staan. Wil je die toch overzetten, dan kan support een migratie doen; dat is een betaalde dienst.",
      "Net geïnstalleerd en nog niets in Rapportage? Controleer dan:",
      "1. Zijn er al verkopen van na het installatiemoment? Vaak is er gewoon nog niets nieuws binnengekomen.",
      "2. Zijn beide bolletjes in Configuratie groen?",
      "3. Is de configuratie helemaal ingevuld en opgeslagen, zonder 'niet ingevuld'?",
      "Pas als dat alles klopt, worden verkopen verwerkt. Afhankelijk van je systemen gebeurt dat direct, elk kwartier, elk uur of 's nachts, dus geef het even de tijd.",
    ].join("\n"),
    keywords: [
      "installatie", "geinstalleerd", "geïnstalleerd", "installeren", "oude bestellingen", "ouder", "eerder",
      "vorige maand", "vorig jaar", "historie", "geschiedenis", "migratie", "migreren",
      "overzetten", "terug in de tijd", "installatiedatum", "nieuwe koppeling", "nog niets doorgezet",
    ],
  },
  en: {
    title: "Only sales after the installation are transferred",
    body: [
      "The koppeling only transfers sales created after you installed it. Older orders, receipts or day revenue are not fetched, not even when they are missing from your accounting. If you do want them transferred, support can run a migration; that is a paid service.",
      "Just installed and nothing in Rapportage (transferred) yet? Check:",
      "1. Are there any sales since the moment of installation? Often nothing new has come in yet.",
      "2. Are both dots in Configuratie green?",
      "3. Is the configuration completely filled in and saved, with no 'niet ingevuld' (not filled in) left?",
      "Only when all of that is in order are sales processed. Depending on your systems that happens right away, every quarter of an hour, hourly or at night, so give it a little time.",
    ].join("\n"),
    keywords: [
      "install", "installed", "installation", "installing", "old orders", "older", "earlier", "previous",
      "last month", "last year", "history", "historical", "backfill", "import", "migration",
      "migrate", "before installation", "nothing transferred", "new koppeling",
    ],
  },
};
