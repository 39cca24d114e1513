/** Tells Dutch from English per message by counting words that belong to only one of them. */
import { isOneTypoAway } from "./edit-distance.js";

// Words that mark a language. Words both languages use in chat ("is", "in", "ok", "status", "order",
// "help", "link", "check", "update", "later", "hey", "me", "we", "of", "u") are deliberately absent.
const dutchWords = new Set(`
  ik je jij jou jullie mijn mn jouw onze ons ze zij hij die dit deze dat het de een en van voor met naar niet
  niks niets geen wat waar waarom hoe wanneer welke wie zijn er staat staan stond kun kan kunt kunnen wil
  wilt willen moet moeten mag mogen heb hebt heeft hebben ook nog al aan op uit bij maar wel even ff graag
  aub ajb alsjeblieft alstublieft bedankt dank hoi hallo goedemorgen goedemiddag goedenavond goeiemorgen ja
  jep jup nee neen doe doen gaat ga gaan gebeurd gebeurt opnieuw alles allemaal alle elke iedere om uur hier
  daar dus toch zoveel hoeveel weer eens nu vandaag morgen gisteren ge gij amai allez keer liever prima
  bestelling bestellingen fouten foutmelding foutmeldingen verwerk verwerken negeer negeren instellingen
  ingesteld boekhouding boekhouder verzendkosten bolletje bolletjes rood rode groen tabblad optie nummer meld
  melden probleem zet vink aanvinken laag hoog tarief procent geweigerd geweigerde verkopen kanaal sleutel
  licentiesleutel ontkoppel wekelijkse overzicht samenvatting klopt kloppen zoek opzoeken maandag dinsdag
  woensdag donderdag vrijdag zaterdag zondag worden wordt werd komen komt krijg krijgen vraag vragen mis zien
  laten kijken heel helemaal terug steeds blijven blijft hangen zonder bestaat factuur facturen klant klanten
  handleiding grootboek omzet betaalkosten verbinding verbinden stuur lunchen toetsenbord over sinds na ipv
  dag gelukt laatste goeiemiddag goeiedag jazeker jawel pakt nakijken klaar gebruik beetje gebleven zitten
  ermee ingevoerd los halen weten weet denk ingevuld compleet installatie vorige tussen verschil vandaan
  doorheen gefixt melding ontwikkelaars kom zegt inloggen ingetrokken laat vind stel wekelijks verbroken
  meenemen gooi gesteld vergeten begonnen geconfigureerd goed overgenomen herstart mogelijkheden verwerkt
`.split(/\s+/).filter((word) => word !== ""));

const englishWords = new Set(`
  i you your my our the a an and of for with to not nothing what where why how when which who are was were
  been being be can could do does did have has would should will please pls plz thanks thank thx hi hello
  yes yep yup yeah no nope nah this that these those it its them they there here all every again show list
  set use also tick untick retry ignore report unlink subscribe unsubscribe reconnect connection connections
  green red dot integration sales rejected transferred stuck going happened happen failed error wrong doing
  running many much today anything everything missing properly correct right just installed booked manually
  remove from sending send weekly digest summary monday tuesday wednesday thursday friday saturday sunday
  channel license find mean whats hows thats ahead go through push fixed ledger revenue shipping costs
  payment high rate low vat number one ones issue escalate capital won yesterday bookkeeper says some last
  month as well so before after off on at am pm by up out once more news any forgotten refuse invoices work
  works accountant wants know coming mark done already add turn posting summaries refunds write let case log
  keeps failing put mondays expired skip resubmit dismiss ourselves another give stopped working linking
  bunch things verify restart run
`.split(/\s+/).filter((word) => word !== ""));

/** All words the language lists know; they count as real words, never as typos. */
export const languageWords: readonly string[] = [...dutchWords, ...englishWords];

/** A word with one letter left out, for every position: two words one typo apart share one of these (or are equal). */
function deletions(word: string): string[] {
  const variants: string[] = [];
  for (let i = 0; i < word.length; i++) variants.push(word.slice(0, i) + word.slice(i + 1));
  return variants;
}

/**
 * The words that may be one typo away from a token, found by their deletions (the "symmetric delete"
 * lookup) instead of by comparing the token with every word of about its length.
 */
function typoIndex(words: ReadonlySet<string>): ReadonlyMap<string, readonly string[]> {
  const index = new Map<string, string[]>();
  const add = (key: string, word: string) => {
    const list = index.get(key);
    if (!list) index.set(key, [word]);
    else if (!list.includes(word)) list.push(word);
  };
  for (const word of words) {
    add(word, word);
    for (const variant of deletions(word)) add(variant, word);
  }
  return index;
}

const dutchTypos = typoIndex(dutchWords);
const englishTypos = typoIndex(englishWords);

function isNear(token: string, index: ReadonlyMap<string, readonly string[]>): boolean {
  if (token.length < 5) return false;
  for (const key of [token, ...deletions(token)]) {
    for (const word of index.get(key) ?? []) if (isOneTypoAway(token, word)) return true;
  }
  return false;
}

/** "nl" or "en" by majority of marker words (a typo of one counts too); null on a tie (a bare "1043", "ok", "help"). */
export function detectLanguage(tokens: readonly string[]): "nl" | "en" | null {
  let dutch = 0;
  let english = 0;
  for (const token of tokens) {
    const known = dutchWords.has(token) || englishWords.has(token);
    if (dutchWords.has(token) || (!known && isNear(token, dutchTypos))) dutch++;
    if (englishWords.has(token) || (!known && isNear(token, englishTypos))) english++;
  }
  if (dutch === english) return null;
  return dutch > english ? "nl" : "en";
}
