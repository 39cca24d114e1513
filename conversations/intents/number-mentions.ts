/** Reads the numbers in a message and decides what each one is: a sale, a ledger code, a time, an amount... */

/** What a number in a message stands for. */
export type NumberKind = "sale" | "ledger" | "percent" | "time" | "amount" | "year" | "other" | "plain";

/** One number as written, with what it stands for. */
export interface NumberMention {
  digits: string;
  kind: NumberKind;
}

const numberLabel = String.raw`\s*(?:nr\.?|nummer|number|no\.?|code|#)?\s*:?\s*#?$`;
const saleMarker = new RegExp(
  String.raw`(?:bestelling(?:en)?|bestelnummer|order(?:s|nummer|nr)?|factuur(?:nummer)?|facturen|invoices?|verkoop|bon|sales?)` +
    numberLabel,
);
const ledgerMarker = new RegExp(String.raw`(?:grootboekrekening|grootboek|rekeningnummer|rekening|ledger|account|omzetrekening|gb)` + numberLabel);
const roleMarker = new RegExp(
  String.raw`(?:verzend\w*|shipping(?: costs?)?|omzet\w*|revenue|betaalkosten|betalingskosten|transactiekosten|payment (?:costs?|fees?))` +
    String.raw`\s*:?\s*$`,
);
const afterRoleVerb = /(?:\bop|\bnaar|\bto|\binto|\bon|=|\buse|\bgebruik|\bmet|\bwordt|\bbecomes?)\s*$/;
const yearMarker =
  /(?:\bin|jaar|year|sinds|since|periode|period|boekjaar|from|(?:jan|feb|maart|mar|apr|mei|may|jun|jul|aug|sep|okt|oct|nov|dec)\w*)\s*$/;
// "300 orders", "37 verkopen": a count, not a sale number.
const countedThing = /^\s*(?:orders?|bestellingen|verkopen|sales|facturen|invoices|fouten|errors|stuks|keer|times|dagen|days)\b/;
const listSeparator = /^\s*(?:,|en|and|&|\+|of|or|\/)\s*#?$/;

function isTime(before: string, after: string, digits: string): boolean {
  if (/^\s*[:h]\d{2}/.test(after) || /\d[:h]$/.test(before)) return true;
  if (/^\s*(?:uur|u|am|pm|a\.m|p\.m)\b/.test(after)) return true;
  return digits.length <= 2 && /\b(?:om|at|half|rond|around)\s+$/.test(before);
}

function classify(before: string, after: string, digits: string, hasLedgerRole: boolean): NumberKind {
  if (/^(?:[.,]\d+)?\s*(?:%|procent|percent|pct)/.test(after)) return "percent";
  if (/^[.,]\d/.test(after) || /\d[.,]$/.test(before)) return "amount";
  if (isTime(before, after, digits)) return "time";
  if (/(?:€|\beur|\beuro)\s*$/.test(before) || /^\s*(?:euro|eur\b|€)/.test(after)) return "amount";
  if (/^\s*(?:error|fout|unauthorized|forbidden)/.test(after)) return "other";
  if (countedThing.test(after)) return "plain";
  if (/#$/.test(before) || saleMarker.test(before)) return "sale";
  if (ledgerMarker.test(before)) return "ledger";
  if (hasLedgerRole && (roleMarker.test(before) || afterRoleVerb.test(before))) return "ledger";
  if (/^(?:19|20)\d\d$/.test(digits) && yearMarker.test(before)) return "year";
  return digits.length >= 3 ? "sale" : "plain";
}

function kindAt(text: string, start: number, digits: string, hasLedgerRole: boolean): NumberKind {
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(start + digits.length, start + digits.length + 20);
  // "2023-0045" is one number: an invoice number after a sale marker, otherwise a date or a range.
  if (digits.includes("-")) return saleMarker.test(before) ? "sale" : "other";
  return classify(before, after, digits, hasLedgerRole);
}

/**
 * Every number of the message in order. `hasLedgerRole` says the message names a ledger ("verzendkosten"),
 * which turns "op 8050" into a ledger code. License keys must be removed from `text` first.
 */
export function findNumberMentions(text: string, hasLedgerRole: boolean): NumberMention[] {
  const mentions: NumberMention[] = [];
  let previousSaleEnd = -1;
  for (const match of text.matchAll(/\d+(?:-\d+)*/g)) {
    const digits = match[0];
    let kind = kindAt(text, match.index, digits, hasLedgerRole);
    // "1502 en 1507", "#12, #13": a number listed right after a sale number is a sale too.
    const listed = previousSaleEnd >= 0 && listSeparator.test(text.slice(previousSaleEnd, match.index));
    if (listed && kind === "plain") kind = "sale";
    mentions.push({ digits, kind });
    previousSaleEnd = kind === "sale" ? match.index + digits.length : -1;
  }
  return mentions;
}

/** A license key such as "KB-DEMO-0001", upper-cased. */
export function findLicenseKey(text: string): string | undefined {
  return text.match(/\bkb-[a-z0-9]+(?:-[a-z0-9]+)*/i)?.[0].toUpperCase();
}

/** The text with license keys blanked out, so their digits are not read as sale numbers. */
export function withoutLicenseKeys(text: string): string {
  return text.replace(/\bkb-[a-z0-9]+(?:-[a-z0-9]+)*/gi, " ");
}

const ordinals: Readonly<Record<string, number>> = {
  eerste: 1, first: 1, tweede: 2, second: 2, derde: 3, third: 3, vierde: 4, fourth: 4, vijfde: 5, fifth: 5,
};

/** A bare choice ("2", "optie 2", "nummer 2", "de tweede") when that is the whole message. */
export function findChoice(text: string): number | undefined {
  const plain = text
    .replace(/[.!?)]+$/, "")
    .replace(/^(?:graag|please|pls|dan|doe maar)\s+|\s+(?:graag|please|pls|aub|ajb|dan|maar|thanks|svp)$/g, "")
    .trim();
  const numbered = plain.match(/^(?:optie|keuze|nummer|nr\.?|option|choice|number|no\.?)?\s*(\d{1,2})$/);
  if (numbered?.[1]) return Number(numbered[1]);
  const ordinal = plain.match(/^(?:de |het |the )?(\w+)(?: one| optie| option| keuze)?$/)?.[1];
  return ordinal === undefined ? undefined : ordinals[ordinal];
}
