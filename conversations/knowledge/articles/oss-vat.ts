/** How-to: OSS — consumer sales to other EU countries need per-country VAT codes. */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** OSS: destination-country VAT for EU consumers, mapped per country and rate. */
export const ossVat: KnowledgeArticle = {
  slug: "oss-vat",
  nl: {
    title: "OSS: BTW voor particulieren in andere EU-landen",
    body: [
      "Verkoop je aan particulieren in andere EU-landen en kom je boven de EU-drempel van 10.000 euro per jaar, dan reken je de BTW van het land van de klant. Die geef je aan via het éénloketsysteem, de One Stop Shop (OSS). Een Belgische consument betaalt dan bijvoorbeeld 21% Belgische BTW, een Duitse 19%.",
      "Voor de koppeling betekent dat: elk land met zijn eigen tarief heeft een eigen BTW-code nodig. Koppel in Configuratie › BTW en grootboekrekeningen per land en tarief een OSS-code uit je boekhouding, en maak die codes eerst aan als ze nog niet bestaan. Ontbreekt een code of heeft hij een ander percentage, dan komt de verkoop in Fouten met 'BTW percentage is niet toegestaan'.",
      "Let op het verschil met ICP: verkoop je aan een bedrijf met een geldig EU BTW-nummer, dan is het 0% en geldt OSS niet.",
    ].join("\n"),
    keywords: [
      "oss", "one stop shop", "eenloket", "éénloket", "eenloketsysteem", "particulier", "particulieren",
      "consument", "consumenten", "buitenland", "eu", "europa", "ander land", "belgie", "duitsland", "19%",
      "afstandsverkopen", "drempel", "10.000", "btw buitenland",
    ],
  },
  en: {
    title: "OSS: VAT for consumers in other EU countries",
    body: [
      "When you sell to consumers in other EU countries above the EU threshold of 10,000 euros a year, you charge the VAT of the customer's country. You declare it through the One Stop Shop (OSS). A Belgian consumer then pays 21% Belgian VAT, for example, and a German one 19%.",
      "For the koppeling this means every country with its own rate needs its own VAT code. Under Configuratie › BTW en grootboekrekeningen (VAT and ledgers), map an OSS code from your accounting system per country and rate, and create those codes first if they do not exist. If a code is missing or has another percentage, the sale lands in Fouten (errors) with 'VAT percentage not allowed'.",
      "Mind the difference with ICP: sell to a business with a valid EU VAT number and it is 0%, so OSS does not apply.",
    ].join("\n"),
    keywords: [
      "oss", "one stop shop", "one-stop-shop", "consumer", "consumers", "private customer", "b2c", "abroad",
      "foreign", "eu", "europe", "other country", "belgium", "germany", "19%", "distance selling", "threshold",
      "10,000", "foreign vat", "destination country",
    ],
  },
};
