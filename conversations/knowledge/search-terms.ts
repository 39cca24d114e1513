/** Turns a merchant's question into the few words worth searching for: safe, deduplicated, bounded. */

/** At most this many words go into one search; a pasted 40 kB mail must not become a huge query. */
export const maxSearchTerms = 48;

const maxWordLength = 40;

// Question and chat words that Postgres' dutch/english stop lists keep but that say nothing about
// the topic ("waarom", "staat", "mean"), plus the product's own name, which every article shares.
const fillerWords = new Set(`
  waarom waar wanneer welke welk staat staan stond doe doet kun kunt wilt graag even gewoon eigenlijk precies
  vraag vraagje vragen koppeling koppelingen krijg krijgt krijgen zie ziet zien gaat gaan ga werkt werken mag
  mogen weet weten hallo hoi hey hee dank bedankt alsjeblieft alstublieft aub svp iets hulp help nodig
  why get gets got mean means meaning need needs want wants please pls thanks thank thx hi hello
  integration work works working happen happens happened tell explain know question someone anyone also
  still way im ive id dont doesnt didnt cant isnt arent wont wasnt werent shouldnt couldnt whats hows
  or
`.split(/\s+/).filter((word) => word !== ""));

function withoutDiacritics(word: string): string {
  return word.normalize("NFD").replace(/\p{M}/gu, "");
}

function isSearchable(word: string): boolean {
  if (word.length > maxWordLength) return false;
  if (/^\p{N}+$/u.test(word)) return true;
  return word.length >= 2 && !fillerWords.has(withoutDiacritics(word));
}

/**
 * The distinct lower-case words of a question, letters and digits only (so no text-search operator
 * can survive), fillers dropped; a word with accents also yields its plain spelling ("geïnstalleerd").
 */
export function searchTerms(question: string): string[] {
  const text = question.slice(0, 4 * maxSearchTerms * maxWordLength).normalize("NFC").toLowerCase();
  // Apostrophes join their word ("doesn't" → "doesnt", "creditnota's" → "creditnotas").
  const words = text.replace(/(\p{L})['’](\p{L})/gu, "$1$2").match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms = new Set<string>();
  for (const word of words) {
    if (!isSearchable(word)) continue;
    terms.add(word);
    const plain = withoutDiacritics(word);
    if (plain !== word && /^[\p{L}\p{N}]+$/u.test(plain)) terms.add(plain);
    if (terms.size >= maxSearchTerms) break;
  }
  return [...terms].slice(0, maxSearchTerms);
}
