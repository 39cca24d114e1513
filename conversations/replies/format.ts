/** Money, dates and VAT rates in the user's language, always in the Amsterdam time zone. */
import { formatMoney } from "../../engine/sales/money.js";
import { formatVatRate } from "../../engine/sales/vat-rate.js";
import type { Language } from "./reply.js";

const locales = { nl: "nl-NL", en: "en-GB" } as const;
const dayFormats = {
  nl: new Intl.DateTimeFormat(locales.nl, { timeZone: "Europe/Amsterdam", day: "numeric", month: "short" }),
  en: new Intl.DateTimeFormat(locales.en, { timeZone: "Europe/Amsterdam", day: "numeric", month: "short" }),
};
const momentFormats = {
  nl: new Intl.DateTimeFormat(locales.nl, { timeZone: "Europe/Amsterdam", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }),
  en: new Intl.DateTimeFormat(locales.en, { timeZone: "Europe/Amsterdam", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }),
};

/** "€ 1.204,50" / "€1,204.50". */
export const money = (cents: number, language: Language): string => formatMoney(cents, language);
/** "12 nov" / "12 Nov". */
export const day = (date: Date, language: Language): string => dayFormats[language].format(date);
/** "12 nov, 14:02" / "12 Nov, 14:02". */
export const moment = (date: Date, language: Language): string => momentFormats[language].format(date);
/** "9%" / "5,5%". */
export const rate = (rateBp: number, language: Language): string => formatVatRate(rateBp, language);
const ledgerRoleNames = {
  nl: { revenue: "omzet", shipping: "verzendkosten", paymentCosts: "betaalkosten", discount: "korting" },
  en: { revenue: "revenue", shipping: "shipping", paymentCosts: "payment costs", discount: "discounts" },
} as const;

/** "verzendkosten" / "shipping" for a ledger role; `capital` for the start of a sentence. */
export function ledgerRoleName(role: string, language: Language, capital = false): string {
  const name = ledgerRoleNames[language][role as keyof (typeof ledgerRoleNames)["nl"]] ?? role;
  return capital ? `${name[0]!.toUpperCase()}${name.slice(1)}` : name;
}

/** Picks the Dutch or English text. */
export const say = (language: Language, nl: string, en: string): string => (language === "nl" ? nl : en);
