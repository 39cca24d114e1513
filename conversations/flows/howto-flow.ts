/** How-to answers from the knowledge articles (full-text search), quoting the article by name. */
import type { AnswerHowto } from "../core/create-conversation-core.js";
import { textReply } from "../core/turn-context.js";
import { searchKnowledge } from "../knowledge/search-knowledge.js";
import { syncKnowledgeArticles } from "../knowledge/sync-knowledge-articles.js";
import { say } from "../replies/format.js";

/** Creates the answerer; the articles are written to the database once, on the first question. */
export function createHowtoAnswerer(): AnswerHowto {
  let synced: Promise<void> | null = null;
  return async (ctx, question) => {
    synced ??= syncKnowledgeArticles(ctx.engine.db);
    await synced;
    const [best] = await searchKnowledge(ctx.engine.db, question, ctx.language, 1);
    if (!best) {
      return textReply(ctx, "howto", say(ctx.language, "Daar heb ik geen artikel over. Vraag me \"wat kun je?\" voor wat ik wel weet, of meld het bij support.", "I have no article about that. Ask me \"what can you do?\" for what I do know, or ask support."));
    }
    return textReply(ctx, "howto", `📘 ${best.title}\n${best.body}`);
  };
}
