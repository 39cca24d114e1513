import { readdirSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, rowsOf } from "../../../db/open-database.js";
import { articles } from "../../../conversations/knowledge/articles/index.js";
import { knowledgeLanguages, type KnowledgeArticle } from "../../../conversations/knowledge/knowledge-article.js";
import { searchKnowledge } from "../../../conversations/knowledge/search-knowledge.js";
import { syncKnowledgeArticles } from "../../../conversations/knowledge/sync-knowledge-articles.js";
import { createTestDatabase, testDriver } from "../../support/test-database.js";
import { knowledgeQuestions } from "./knowledge-questions.js";

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

const words = (text: string) => text.split(/\s+/).filter((word) => word !== "").length;

async function storedRows(db: Database): Promise<Array<{ slug: string; language: string; title: string; version: string }>> {
  // xmin changes whenever Postgres rewrites a row, so it shows whether a sync wrote anything.
  const result = await db.execute(sql`select slug, language, title, xmin::text as version from knowledge_articles order by slug, language`);
  return rowsOf(result);
}

const hostileInputs = [
  "",
  "   \n\t ",
  "'",
  "\"\"\"",
  "\\",
  "\\\\' \\\" \\",
  "&|!():*",
  "btw & | ! ( ) : * <-> <2> 'api':* !sleutel",
  "((((((((((btw",
  "' or 1=1 --",
  "btw'); drop table knowledge_articles; --",
  "or OR and AND not NOT - -btw \"btw\"",
  "\u0000btw\u0000",
  "\uD800 lone surrogate \uDFFF",
  "😀🔥👍 🇳🇱 emoji only",
  "税金 请求 API",
  "ضريبة القيمة المضافة",
  "ｂｔｗ ｃｏｄｅ",
  "e\u0301e\u0301n btw-nummer",
  "\u200B\u200D\u2060zero width\uFEFF",
  "x".repeat(40_000),
  "btw ".repeat(10_000),
  Array.from({ length: 4000 }, (_, i) => String.fromCodePoint(33 + ((i * 7919) % 60000))).join(""),
];

describe(`searching the knowledge articles on ${testDriver}`, () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await syncKnowledgeArticles(handle.db);
  });
  afterAll(async () => handle.close());

  it(`puts the right article first for ${knowledgeQuestions.length} merchant questions`, async () => {
    const misses: string[] = [];
    let top1 = 0;
    let top3 = 0;
    for (const { question, language, slug } of knowledgeQuestions) {
      const hits = await searchKnowledge(handle.db, question, language, 3);
      const position = hits.findIndex((hit) => hit.slug === slug);
      if (position === 0) top1++;
      if (position >= 0) top3++;
      if (position !== 0) {
        misses.push(`[${language}] "${question}" → expected ${slug}, got ${hits.map((hit) => `${hit.slug} (${hit.rank.toFixed(3)})`).join(", ") || "nothing"}`);
      }
    }
    const total = knowledgeQuestions.length;
    console.log(`knowledge search: top-1 ${top1}/${total}, top-3 ${top3}/${total}${misses.map((miss) => `\n  ${miss}`).join("")}`);
    expect(top1 / total).toBeGreaterThanOrEqual(0.9);
    expect(top3).toBe(total);
  });

  it("finds the WooCommerce key article for the classic question, in both languages", async () => {
    const [dutch] = await searchKnowledge(handle.db, "hoe maak ik een API-sleutel aan in WooCommerce?", "nl");
    expect(dutch?.slug).toBe("woocommerce-api-key");
    expect(dutch?.body).toMatch(/Instellingen › Geavanceerd › REST API/);
    const [english] = await searchKnowledge(handle.db, "how do I make a WooCommerce API key?", "en");
    expect(english?.body).toMatch(/Settings › Advanced › REST API/);
  });

  it("returns at most the limit, best first, with a positive rank", async () => {
    const hits = await searchKnowledge(handle.db, "btw verzendkosten grootboek factuur klant status", "nl", 5);
    expect(hits).toHaveLength(5);
    for (const hit of hits) expect(hit.rank).toBeGreaterThan(0);
    expect(hits.map((hit) => hit.rank)).toEqual([...hits.map((hit) => hit.rank)].sort((a, b) => b - a));
    expect(await searchKnowledge(handle.db, "btw", "nl", 0)).toEqual([]);
    expect((await searchKnowledge(handle.db, "btw", "nl", 1000)).length).toBeLessThanOrEqual(20);
    expect((await searchKnowledge(handle.db, "btw", "nl", Number.NaN)).length).toBeLessThanOrEqual(3);
  });

  it("falls back to the other language only when the asked one has no match", async () => {
    const [dutchWord] = await searchKnowledge(handle.db, "afrondingsverschil", "en");
    expect(dutchWord?.slug).toBe("totals-mismatch");
    expect(dutchWord?.title).toBe(articleBySlug("totals-mismatch").nl.title);
    const [englishWord] = await searchKnowledge(handle.db, "rounding", "nl");
    expect(englishWord?.title).toBe(articleBySlug("totals-mismatch").en.title);
    const [asked] = await searchKnowledge(handle.db, "permalinks", "en");
    expect(asked?.title).toBe(articleBySlug("woocommerce-permalinks").en.title);
  });

  it.each([
    "asdkjh qwpoeiru zzxq",
    "wat is het weer morgen",
    "what's the weather like tomorrow",
    "hoe laat is het?",
    "the and of to",
    "de het een van",
    "???",
  ])("answers nothing for %j rather than a random article", async (text) => {
    expect(await searchKnowledge(handle.db, text, "nl")).toEqual([]);
    expect(await searchKnowledge(handle.db, text, "en")).toEqual([]);
  });

  it("never throws on hostile input, and leaves the table alone", async () => {
    for (const text of hostileInputs) {
      for (const language of knowledgeLanguages) {
        const hits = await searchKnowledge(handle.db, text, language);
        expect(Array.isArray(hits), text.slice(0, 40)).toBe(true);
      }
    }
    expect(await storedRows(handle.db)).toHaveLength(articles.length * 2);
    const [injected] = await searchKnowledge(handle.db, "btw'); drop table knowledge_articles; --", "nl");
    expect(injected?.rank).toBeGreaterThan(0);
  });
});

describe(`syncing the knowledge articles on ${testDriver}`, () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it("writes one row per slug and language, and rewrites nothing when run again", async () => {
    await syncKnowledgeArticles(handle.db);
    const first = await storedRows(handle.db);
    expect(first).toHaveLength(articles.length * 2);
    expect(new Set(first.map((row) => `${row.slug}/${row.language}`)).size).toBe(first.length);
    await syncKnowledgeArticles(handle.db);
    expect(await storedRows(handle.db)).toEqual(first);
  });

  it("updates a changed article, removes a withdrawn one, and is searchable by the new words", async () => {
    const [changedArticle, withdrawn, ...rest] = articles;
    if (!changedArticle || !withdrawn) throw new Error("expected at least two articles");
    const changed: KnowledgeArticle = {
      ...changedArticle,
      nl: { ...changedArticle.nl, title: "Gewijzigde titel", keywords: [...changedArticle.nl.keywords, "zebrapad"] },
    };
    await syncKnowledgeArticles(handle.db, [changed, ...rest]);
    const rows = await storedRows(handle.db);
    expect(rows).toHaveLength(articles.length * 2 - 2);
    expect(rows.some((row) => row.slug === withdrawn.slug)).toBe(false);
    expect(rows.find((row) => row.slug === changed.slug && row.language === "nl")?.title).toBe("Gewijzigde titel");
    const [hit] = await searchKnowledge(handle.db, "zebrapad", "nl");
    expect(hit?.slug).toBe(changed.slug);

    await syncKnowledgeArticles(handle.db);
    expect(await storedRows(handle.db)).toHaveLength(articles.length * 2);
    expect(await searchKnowledge(handle.db, "zebrapad", "nl")).toEqual([]);
  });
});

describe("the articles", () => {
  it("number at least 16, with unique kebab-case slugs, one module each", () => {
    expect(articles.length).toBeGreaterThanOrEqual(16);
    const slugs = articles.map((article) => article.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const modules = readdirSync(new URL("../../../conversations/knowledge/articles/", import.meta.url)).filter((name) => name !== "index.ts");
    expect(modules.sort()).toEqual(slugs.map((slug) => `${slug}.ts`).sort());
  });

  it.each(articles.map((article) => [article.slug, article] as const))("%s has both languages, short and complete", (_slug, article) => {
    for (const language of knowledgeLanguages) {
      const text = article[language];
      expect(text.title.length, `${language} title`).toBeGreaterThanOrEqual(10);
      expect(text.title.length, `${language} title`).toBeLessThanOrEqual(80);
      expect(words(text.body), `${language} body words`).toBeGreaterThanOrEqual(60);
      expect(words(text.body), `${language} body words`).toBeLessThanOrEqual(180);
      expect(text.keywords.length, `${language} keywords`).toBeGreaterThanOrEqual(5);
      for (const keyword of text.keywords) expect(keyword.trim(), `${language} keyword`).toBe(keyword);
    }
    expect(article.nl.body).not.toBe(article.en.body);
  });
});

function articleBySlug(slug: string): KnowledgeArticle {
  const article = articles.find((candidate) => candidate.slug === slug);
  if (!article) throw new Error(`no article ${slug}`);
  return article;
}
