/** The shape of a how-to article the bot answers from: one slug, a Dutch and an English version. */
import type { Language } from "../replies/reply.js";

/** One language version: what is shown (title, body) and the extra words it is found by (keywords). */
export interface KnowledgeArticleText {
  title: string;
  /** Plain text, 60–180 words; lines are separated by "\n". */
  body: string;
  /** The words merchants use for the topic: synonyms, compounds written apart and together, vendor terms. */
  keywords: readonly string[];
}

/** A how-to article in our own words, in both languages. */
export interface KnowledgeArticle {
  /** Stable identifier, kebab-case; the key of the database rows. */
  slug: string;
  nl: KnowledgeArticleText;
  en: KnowledgeArticleText;
}

/** The languages every article is written in. */
export const knowledgeLanguages: readonly Language[] = ["nl", "en"];
