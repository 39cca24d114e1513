/** The products and customers of the demo shop: a Dutch webshop selling home goods, books and food. */

/** A product with its unit price excl. VAT and VAT rate in percent. */
export interface DemoProduct {
  name: string;
  sku: string;
  price: string;
  vatRate: number;
}

export const demoProducts: readonly DemoProduct[] = [
  { name: "Wollen plaid antraciet", sku: "PL-001", price: "49.55", vatRate: 21 },
  { name: "Geurkaars vijg", sku: "GK-014", price: "16.49", vatRate: 21 },
  { name: "Keramische vaas klein", sku: "VS-102", price: "24.75", vatRate: 21 },
  { name: "Linnen tafelkleed", sku: "TK-220", price: "41.28", vatRate: 21 },
  { name: "Theedoek set van 3", sku: "TD-003", price: "14.05", vatRate: 21 },
  { name: "Kookboek Seizoenen", sku: "BK-501", price: "27.48", vatRate: 9 },
  { name: "Tijdschrift Wonen", sku: "BK-520", price: "8.26", vatRate: 9 },
  { name: "Biologische thee 100 g", sku: "FD-301", price: "6.88", vatRate: 9 },
  { name: "Chocoladereep puur", sku: "FD-315", price: "3.62", vatRate: 9 },
  { name: "Koffiebonen 500 g", sku: "FD-330", price: "12.84", vatRate: 9 },
];

/** Dutch customers (first name, last name, city, postcode). */
export const demoCustomers: ReadonlyArray<readonly [string, string, string, string]> = [
  ["Jan", "de Vries", "Utrecht", "3511 AB"],
  ["Sanne", "Jansen", "Amsterdam", "1012 JS"],
  ["Pieter", "Bakker", "Rotterdam", "3011 AA"],
  ["Lotte", "Visser", "Den Haag", "2511 CV"],
  ["Daan", "Smit", "Eindhoven", "5611 AZ"],
  ["Emma", "Meijer", "Groningen", "9711 LM"],
  ["Bram", "de Boer", "Zwolle", "8011 PK"],
  ["Fleur", "Mulder", "Haarlem", "2011 RD"],
  ["Thijs", "de Groot", "Nijmegen", "6511 HN"],
  ["Anouk", "Bos", "Leiden", "2311 EW"],
  ["Ruben", "Vos", "Arnhem", "6811 AA"],
  ["Iris", "Peters", "Breda", "4811 XJ"],
  ["Lars", "Hendriks", "Tilburg", "5038 AB"],
  ["Noor", "van Leeuwen", "Delft", "2611 GK"],
  ["Sem", "Dekker", "Amersfoort", "3811 KA"],
  ["Julia", "Brouwer", "Maastricht", "6211 LE"],
  ["Milan", "de Wit", "Alkmaar", "1811 KH"],
  ["Sophie", "Dijkstra", "Leeuwarden", "8911 BE"],
  ["Luuk", "Smits", "Den Bosch", "5211 HX"],
  ["Eva", "de Graaf", "Apeldoorn", "7311 KZ"],
];

/** EU business customers for ICP (0%) sales; `validVat` is a well-formed number, `invalidVat` is not. */
export const demoBusinessCustomers: ReadonlyArray<{ company: string; country: string; city: string; validVat: string; invalidVat: string }> = [
  { company: "Wohnkultur Schmidt GmbH", country: "DE", city: "Köln", validVat: "DE811907980", invalidVat: "DE81190798" },
  { company: "Maison Dubois SPRL", country: "BE", city: "Gent", validVat: "BE0417497106", invalidVat: "BE417497106X" },
  { company: "Hygge Interiør ApS", country: "DK", city: "Aarhus", validVat: "DK13585628", invalidVat: "DK1358562" },
];
