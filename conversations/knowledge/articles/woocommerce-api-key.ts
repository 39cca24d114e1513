/** How-to: creating a WooCommerce REST API key and reconnecting the shop with it. */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** Creating a WooCommerce REST API key with permission Read, and reconnecting with it. */
export const woocommerceApiKey: KnowledgeArticle = {
  slug: "woocommerce-api-key",
  nl: {
    title: "Een WooCommerce API-sleutel maken en opnieuw verbinden",
    body: [
      "Is het bolletje van WooCommerce rood, of weigert je webwinkel de sleutel van de koppeling? Maak dan een nieuwe REST API-sleutel.",
      "1. Ga in WordPress naar WooCommerce › Instellingen › Geavanceerd › REST API en voeg een sleutel toe.",
      "2. Geef hem een herkenbare omschrijving, bijvoorbeeld 'koppeling boekhouding', kies een gebruiker met beheerdersrechten en zet de rechten op Lezen.",
      "3. Genereer de sleutel en kopieer meteen de consumer key en de consumer secret: de secret krijg je later niet meer te zien.",
      "4. Open in je dashboard het tabblad Configuratie, klik bij WooCommerce op Connect en plak beide waarden.",
      "Wordt het bolletje groen, dan werkt de verbinding weer. Zet verkopen die intussen in Fouten zijn beland opnieuw door met Verwerk. Een oude sleutel die niet meer gebruikt wordt, kun je daarna intrekken.",
    ].join("\n"),
    keywords: [
      "api-sleutel", "api sleutel", "apisleutel", "rest api", "consumer key", "consumer secret", "sleutel aanmaken",
      "nieuwe sleutel", "sleutel genereren", "sleutel toevoegen", "toegangssleutel", "woocommerce koppelen",
      "woocommerce verbinden", "webwinkel verbinden", "webshop koppelen", "sleutel ongeldig", "lezen", "rechten", "woo",
    ],
  },
  en: {
    title: "Create a WooCommerce API key and reconnect",
    body: [
      "Is the WooCommerce dot red, or does your shop refuse the koppeling's key? Create a new REST API key.",
      "1. In WordPress, go to WooCommerce › Settings › Advanced › REST API and add a key.",
      "2. Give it a description you will recognise, such as 'accounting koppeling', pick a user with administrator rights and set the permission to Read.",
      "3. Generate the key and copy the consumer key and consumer secret straight away: the secret is never shown again.",
      "4. Open the Configuratie tab in your dashboard, click Connect next to WooCommerce and paste both values.",
      "When the dot turns green, the connection works again. Sales that ended up in Fouten (errors) in the meantime can be retried with Verwerk. You can then revoke any old key that is no longer used.",
    ].join("\n"),
    keywords: [
      "api key", "rest api", "consumer key", "consumer secret", "generate key", "new key", "create key", "add key",
      "access key", "connect woocommerce", "connect shop", "connect webshop", "invalid key", "key rejected",
      "read permission", "permissions", "woo",
    ],
  },
};
