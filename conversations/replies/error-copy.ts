/** One explanation per catalogue code, in Dutch and English (a code without one fails the type check). */
import type { ErrorCode } from "../../engine/errors/catalogue.js";
import type { Language } from "./reply.js";

/** What a cause is, in the merchant's words, and what to do about it. */
export interface ErrorCopy {
  title: string;
  fix: string;
}

export const errorCopy = {
  CONN_SHOP_AUTH: {
    nl: { title: "De webwinkel weigert de sleutel van de koppeling", fix: "Maak een nieuwe API-sleutel (WooCommerce: Instellingen › Geavanceerd › REST API, rechten Lezen) en maak opnieuw verbinding." },
    en: { title: "The shop refuses the koppeling's key", fix: "Create a new API key (WooCommerce: Settings › Advanced › REST API, permission Read) and reconnect." },
  },
  CONN_SHOP_UNREACHABLE: {
    nl: { title: "De webwinkel is niet bereikbaar", fix: "Zorg dat de winkel online is zonder wachtwoord, dat de permalinks niet op 'Eenvoudig' staan en dat het adres klopt (https)." },
    en: { title: "The shop cannot be reached", fix: "Make sure the shop is online without a password, permalinks are not 'Plain', and the address is right (https)." },
  },
  CONN_ACC_TOKEN_EXPIRED: {
    nl: { title: "De toegang tot de boekhouding is verlopen of ingetrokken", fix: "Maak opnieuw verbinding met een gebruiker die mag boeken, en zet de verkopen daarna opnieuw door." },
    en: { title: "Access to the accounting system expired or was revoked", fix: "Reconnect with a user who may book, then retry the sales." },
  },
  CONN_ACC_NO_RIGHTS: {
    nl: { title: "De gekoppelde gebruiker mag niet in deze administratie", fix: "Maak opnieuw verbinding met een eigenaar of boekhouder, en kies de juiste administratie." },
    en: { title: "The connected user has no access to this administration", fix: "Reconnect with an owner or accountant and choose the right administration." },
  },
  ACC_UNAVAILABLE: {
    nl: { title: "De boekhouding was tijdelijk niet bereikbaar", fix: "Niets doen: de koppeling probeert het vanzelf opnieuw." },
    en: { title: "The accounting system was temporarily unavailable", fix: "Nothing to do: the koppeling retries by itself." },
  },
  RATE_LIMITED: {
    nl: { title: "De boekhouding vroeg even te wachten (te veel verzoeken)", fix: "Niets doen: de koppeling gaat vanzelf verder als het weer mag." },
    en: { title: "The accounting system asked us to slow down", fix: "Nothing to do: the koppeling continues when it is allowed again." },
  },
  VAT_CODE_MISSING: {
    nl: { title: "Een BTW-tarief heeft geen (bruikbare) BTW-code", fix: "Koppel het tarief aan een actieve BTW-code in Configuratie › BTW en grootboekrekeningen, en zet de verkopen opnieuw door." },
    en: { title: "A VAT rate has no (usable) VAT code", fix: "Map the rate to an active VAT code in Configuration › VAT and ledgers, then retry the sales." },
  },
  VAT_CODE_MISMATCH: {
    nl: { title: "De gekoppelde BTW-code heeft een ander percentage", fix: "Koppel een BTW-code met hetzelfde percentage (per land voor OSS), en zet de verkopen opnieuw door." },
    en: { title: "The mapped VAT code has a different percentage", fix: "Map a VAT code with the same percentage (per country for OSS), then retry." },
  },
  LEDGER_NOT_FOUND: {
    nl: { title: "Een grootboekrekening ontbreekt of bestaat niet meer", fix: "Kies een bestaande, actieve omzetrekening in de configuratie, en zet de verkopen opnieuw door." },
    en: { title: "A ledger account is missing or no longer exists", fix: "Choose an existing, active revenue account in the configuration, then retry." },
  },
  LEDGER_WRONG_TYPE: {
    nl: { title: "Omzet wordt geboekt op een rekening die geen omzetrekening is", fix: "Zet verzend- en betaalkosten op een omzetrekening, en zet de verkopen opnieuw door." },
    en: { title: "Revenue is booked on an account that is not a revenue account", fix: "Map shipping and payment costs to revenue accounts, then retry." },
  },
  LEDGER_NEEDS_DIMENSION: {
    nl: { title: "De grootboekrekening vraagt om een kostenplaats of relatie", fix: "Haal die verplichting weg in de boekhouding, of vraag support naar de kostenplaats-optie." },
    en: { title: "The ledger account requires a cost centre or relation", fix: "Remove that requirement in accounting, or ask support about the cost-centre option." },
  },
  REQUIRED_DEFAULT_MISSING: {
    nl: { title: "Een verplicht veld is niet ingevuld (administratie, dagboek of betalingsconditie)", fix: "Vul het ontbrekende veld in de configuratie in en sla op." },
    en: { title: "A required setting is empty (administration, journal or payment condition)", fix: "Fill in the missing setting in the configuration and save." },
  },
  TOTALS_NOMATCH: {
    nl: { title: "Het ordertotaal klopt niet met de regels", fix: "Corrigeer de order in de winkel, of boek hem met de hand en kies Negeer. Gebeurt het vaker? Meld het." },
    en: { title: "The order total does not match its lines", fix: "Correct the order in the shop, or book it by hand and ignore it. Happens often? Report it." },
  },
  DISCOUNT_NOMATCH: {
    nl: { title: "De kortingen in de order kloppen niet", fix: "Corrigeer de order in de winkel, of boek hem met de hand en kies Negeer." },
    en: { title: "The discounts in the order do not add up", fix: "Correct the order in the shop, or book it by hand and ignore it." },
  },
  DUPLICATE_NUMBER: {
    nl: { title: "Het factuurnummer bestaat al in de boekhouding", fix: "Kijk eerst in de boekhouding: staat de verkoop er al, kies dan Negeer; is het een ander document, hernummer dat en zet opnieuw door." },
    en: { title: "The invoice number already exists in accounting", fix: "Check accounting first: if the sale is there, ignore it; if it is another document, renumber that one and retry." },
  },
  ALREADY_TRANSFERRED: {
    nl: { title: "Deze verkoop is al eerder doorgezet", fix: "Opnieuw doorzetten kan niet; corrigeer via een creditnota in de winkel of met de hand." },
    en: { title: "This sale was transferred before", fix: "It cannot be sent again; correct it with a refund in the shop or by hand." },
  },
  ICP_VAT_NUMBER_INVALID: {
    nl: { title: "EU-zakelijke verkoop (0%, ICP) zonder geldig btw-nummer", fix: "Controleer het nummer in VIES en pas het aan in de winkel, of boek de verkoop met de hand met Nederlandse btw." },
    en: { title: "EU business sale (0%, ICP) without a valid VAT number", fix: "Check the number in VIES and correct it in the shop, or book the sale by hand with Dutch VAT." },
  },
  VAT_NUMBER_NOT_READ: {
    nl: { title: "Het btw-nummer van de klant staat in een veld dat de koppeling niet leest", fix: "Gebruik een ondersteunde btw-plugin, of vraag support om dat veld te lezen." },
    en: { title: "The customer's VAT number is in a field the koppeling does not read", fix: "Use a supported VAT plugin, or ask support to read that field." },
  },
  SHIPPING_WITHOUT_VAT: {
    nl: { title: "Verzendkosten zonder btw terwijl de producten wel btw hebben", fix: "Stel de winkel zo in dat de btw op verzendkosten de producten volgt." },
    en: { title: "Shipping charged without VAT while the goods carry VAT", fix: "Set up the shop so shipping VAT follows the goods." },
  },
  DEBTOR_INVALID: {
    nl: { title: "De debiteur is geblokkeerd of ongeldig", fix: "Activeer of corrigeer de debiteur in de boekhouding; vraag support bij nummerproblemen." },
    en: { title: "The debtor is blocked or invalid", fix: "Reactivate or correct the debtor in accounting; ask support about numbering." },
  },
  DEBTOR_DELETED: {
    nl: { title: "Een debiteur die de koppeling kende is verwijderd", fix: "Zet de debiteur terug, of vraag support om hem opnieuw te koppelen." },
    en: { title: "A debtor the koppeling knew was deleted", fix: "Restore the debtor, or ask support to relink it." },
  },
  CUSTOMER_DATA_MISSING: {
    nl: { title: "De order mist een e-mailadres of land", fix: "Vul de klantgegevens aan in de winkel, of gebruik een vaste debiteur." },
    en: { title: "The order has no e-mail address or country", fix: "Complete the customer data in the shop, or use a fixed debtor." },
  },
  PERIOD_CLOSED: {
    nl: { title: "De boekingsperiode is afgesloten of bestaat nog niet", fix: "Open de periode of het nieuwe boekjaar (vraag je boekhouder), en zet de verkopen opnieuw door." },
    en: { title: "The booking period is closed or does not exist yet", fix: "(Re)open the period or the new year (ask your accountant), then retry." },
  },
  ARTICLE_PROBLEM: {
    nl: { title: "Het artikel in de boekhouding is niet actief of niet gekoppeld", fix: "Activeer het artikel, of zet door als transacties in plaats van artikelen." },
    en: { title: "The article in accounting is inactive or not linked", fix: "Activate the article, or transfer as transactions instead." },
  },
  NEGATIVE_NOT_ALLOWED: {
    nl: { title: "Dit documenttype kan geen negatieve bedragen aan", fix: "Kies een ander documenttype, of crediteer met de hand." },
    en: { title: "This document type cannot take negative amounts", fix: "Choose another document type, or credit by hand." },
  },
  CREDIT_NO_VAT_INFO: {
    nl: { title: "De creditering heeft geen btw-specificatie", fix: "Boek hem met de hand en kies Negeer." },
    en: { title: "The credit adjustment carries no VAT breakdown", fix: "Book it by hand, then ignore it." },
  },
  PACKAGE_FEATURE_MISSING: {
    nl: { title: "Het abonnement van de boekhouding mist een onderdeel", fix: "Upgrade het abonnement, of kies een ander documenttype." },
    en: { title: "The accounting subscription lacks a feature", fix: "Upgrade, or choose another document type." },
  },
  OPEN_EXPIRED: {
    nl: { title: "Langer dan 21 dagen in Open: wordt niet meer gecontroleerd", fix: "Boek de verkoop met de hand en kies Negeer." },
    en: { title: "In Open for more than 21 days: no longer re-checked", fix: "Book the sale by hand, then ignore it." },
  },
  UNKNOWN: {
    nl: { title: "Een onbekende fout", fix: "Meld het probleem voor één voorbeeldverkoop, dan kijkt support ernaar." },
    en: { title: "An unknown error", fix: "Report the problem for one example sale so support can look at it." },
  },
} satisfies Record<ErrorCode, Record<Language, ErrorCopy>>;

/** The explanation of a code in a language. */
export function explainErrorCode(code: ErrorCode, language: Language): ErrorCopy {
  return errorCopy[code][language];
}
