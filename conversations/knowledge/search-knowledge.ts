/** Finds the how-to articles that answer a merchant's question, with Postgres full-text search. */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/open-database.js";
import { knowledgeArticles } from "../../db/schema.js";
import type { Language } from "../replies/reply.js";
import { searchTerms } from "./search-terms.js";

/** One article that matches a question; a higher rank is a better match. */
export interface KnowledgeHit {
  slug: string;
  title: string;
  body: string;
  rank: number;
}

const textSearchConfig: Record<Language, string> = { nl: "dutch", en: "english" };

const maxLimit = 20;

/**
 * The best-matching articles in the given language, or in the other language when none match there;
 * empty when no article shares a meaningful word with the question. Never throws on odd input.
 */
export async function searchKnowledge(
  db: Database,
  query: string,
  language: Language,
  limit = 3,
): Promise<KnowledgeHit[]> {
  const terms = searchTerms(query);
  const count = Number.isFinite(limit) ? Math.min(Math.max(Math.trunc(limit), 0), maxLimit) : 3;
  if (terms.length === 0 || count === 0) return [];
  const hits = await searchIn(db, terms, language, count);
  if (hits.length > 0) return hits;
  return searchIn(db, terms, language === "nl" ? "en" : "nl", count);
}

/**
 * The OR query over the terms. A word that either language's configuration treats as a stop word is
 * left out of both: "the" means nothing in English, and must not match Dutch text on the fallback.
 * The terms are letters and digits only and travel as parameters, so the only operator is our "or".
 */
function orQuery(terms: readonly string[], language: Language) {
  const words = sql.join(terms.map((term) => sql`${term}`), sql`, `);
  return sql`websearch_to_tsquery(${textSearchConfig[language]}::regconfig, (
    select coalesce(string_agg(term, ' or '), '') from unnest(array[${words}]::text[]) as term
    where to_tsvector('dutch'::regconfig, term) <> ''::tsvector and to_tsvector('english'::regconfig, term) <> ''::tsvector))`;
}

async function searchIn(db: Database, terms: readonly string[], language: Language, limit: number): Promise<KnowledgeHit[]> {
  const query = orQuery(terms, language);
  const rank = sql<number>`ts_rank(${knowledgeArticles.search}, ${query})`.mapWith(Number);
  // At least one word must hit the title or keywords (weight A): a match on an incidental body word
  // ("weer", "laat") is not an answer.
  const titleOrKeywords = sql`ts_filter(${knowledgeArticles.search}, '{a}') @@ ${query}`;
  return db
    .select({ slug: knowledgeArticles.slug, title: knowledgeArticles.title, body: knowledgeArticles.body, rank })
    .from(knowledgeArticles)
    .where(and(eq(knowledgeArticles.language, language), titleOrKeywords))
    .orderBy(desc(rank), asc(knowledgeArticles.slug))
    .limit(limit);
}
