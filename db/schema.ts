/** The database schema: koppelingen, their connections and configuration, sales and what happened to them. */
import { sql } from "drizzle-orm";
import {
  customType,
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** Postgres' full-text search document type. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const cents = (name: string) => bigint(name, { mode: "number" });

/** One koppeling: one sales system + one accounting system, identified by a license key (stored hashed). */
export const koppelingen = pgTable("koppelingen", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  licenseKeyHash: text("license_key_hash").notNull().unique(),
  /** The last characters of the key, to tell koppelingen apart in support without the key itself. */
  licenseKeyHint: text("license_key_hint").notNull(),
  salesSystem: text("sales_system").notNull(),
  accountingSystem: text("accounting_system").notNull(),
  /** Only sales created after this moment are processed. */
  installedAt: timestamp("installed_at", { withTimezone: true }).notNull(),
  /** How often sales are fetched: "hourly", "nightly", "every_15_min". */
  cadence: text("cadence").notNull().default("hourly"),
  createdAt: createdAt(),
});

/** One side's connection: its credential (encrypted at rest) and the state of its dot. */
export const connections = pgTable(
  "connections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    koppelingId: uuid("koppeling_id").notNull().references(() => koppelingen.id, { onDelete: "cascade" }),
    side: text("side").$type<"sales" | "accounting">().notNull(),
    system: text("system").notNull(),
    baseUrl: text("base_url").notNull(),
    /** AES-256-GCM ciphertext of the credential JSON (db/credential-cipher.ts). */
    credentialsEncrypted: text("credentials_encrypted").notNull(),
    state: text("state").$type<"green" | "red" | "unknown">().notNull().default("unknown"),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
    lastErrorCode: text("last_error_code"),
    lastErrorDetail: text("last_error_detail"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("connections_koppeling_side").on(t.koppelingId, t.side)],
);

/** The configuration tab of a koppeling; `settings` is validated by engine/config/koppeling-config.ts. */
export const koppelingConfigs = pgTable("koppeling_configs", {
  koppelingId: uuid("koppeling_id")
    .primaryKey()
    .references(() => koppelingen.id, { onDelete: "cascade" }),
  settings: jsonb("settings").notNull(),
  /** Raised on every change, so a rejection can tell whether the configuration changed since. */
  version: integer("version").notNull().default(1),
  savedAt: timestamp("saved_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The cause a sale in Fouten is grouped under (listErrorGroups, cause_totals, the sales_fouten_* indexes). */
export const saleCause = sql`coalesce(fingerprint, error_code, 'UNKNOWN')`;
const inFouten = sql`state in ('rejected', 'expired')`;

/** A sale fetched from the sales system, with where it is in the lifecycle. */
export const sales = pgTable(
  "sales",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    koppelingId: uuid("koppeling_id").notNull().references(() => koppelingen.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    number: text("number").notNull(),
    kind: text("kind").$type<"order" | "refund">().notNull(),
    shopStatus: text("shop_status").notNull(),
    state: text("state").notNull(),
    createdInShopAt: timestamp("created_in_shop_at", { withTimezone: true }).notNull(),
    modifiedInShopAt: timestamp("modified_in_shop_at", { withTimezone: true }).notNull(),
    fetchedAt: timestamp("fetched_at", { withTimezone: true }).notNull().defaultNow(),
    stateChangedAt: timestamp("state_changed_at", { withTimezone: true }).notNull().defaultNow(),
    currency: text("currency").notNull(),
    pricesIncludeTax: boolean("prices_include_tax").notNull(),
    totalCents: cents("total_cents").notNull(),
    taxCents: cents("tax_cents").notNull(),
    customerEmail: text("customer_email"),
    customerName: text("customer_name").notNull(),
    customerCompany: text("customer_company"),
    customerCountry: text("customer_country"),
    customerVatNumber: text("customer_vat_number"),
    customerAddress: jsonb("customer_address"),
    paymentMethod: text("payment_method"),
    /** Why the sale is in Fouten (catalogue code) and its grouping fingerprint; null otherwise. */
    errorCode: text("error_code"),
    errorClass: text("error_class"),
    errorMessage: text("error_message"),
    vendorMessage: text("vendor_message"),
    /** The specifics of the cause: the VAT rate, the ledger role, the field. */
    errorFacts: jsonb("error_facts"),
    fingerprint: text("fingerprint"),
    /** The configuration version the last failure happened under. */
    failedConfigVersion: integer("failed_config_version"),
    attemptCount: integer("attempt_count").notNull().default(0),
    /** Automatic retries of temporary failures: how many were made and when the next is due. */
    autoRetryCount: integer("auto_retry_count").notNull().default(0),
    nextRetryAt: timestamp("next_retry_at", { withTimezone: true }),
    /** A worker's claim while transferring; an expired lease may be taken over. */
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("sales_koppeling_external").on(t.koppelingId, t.externalId),
    index("sales_koppeling_number").on(t.koppelingId, t.number),
    index("sales_koppeling_state").on(t.koppelingId, t.state, t.createdInShopAt),
    index("sales_rejected_fingerprint")
      .on(t.koppelingId, t.fingerprint)
      .where(sql`${t.state} = 'rejected'`),
    index("sales_retry_due").on(t.nextRetryAt).where(sql`${t.nextRetryAt} is not null`),
    // The latest sales of a koppeling whatever their state: the dry run and the checklist's recent sample.
    index("sales_koppeling_created").on(t.koppelingId, t.createdInShopAt, t.id),
    // The next batch to book, oldest first (claimSales), without stepping over every sale already booked.
    index("sales_claimable")
      .on(t.koppelingId, t.createdInShopAt, t.id)
      .where(sql`${t.state} in ('queued', 'transferring')`),
    // Fouten per cause without reading every rejected sale: oldest, newest, last failure, config version, changed in the shop.
    index("sales_fouten_cause_created").on(t.koppelingId, saleCause, t.createdInShopAt, t.id).where(inFouten),
    index("sales_fouten_cause_failed").on(t.koppelingId, saleCause, t.stateChangedAt).where(inFouten),
    index("sales_fouten_cause_version").on(t.koppelingId, saleCause, t.failedConfigVersion).where(inFouten),
    index("sales_fouten_cause_changed")
      .on(t.koppelingId, saleCause)
      .where(sql`${t.state} in ('rejected', 'expired') and ${t.modifiedInShopAt} > ${t.stateChangedAt}`),
  ],
);

/**
 * Count and amount of a koppeling's sales per state, kept by statement triggers on sales (migration
 * 0004): the status answers from here instead of counting a million sales.
 */
export const saleTotals = pgTable(
  "sale_totals",
  {
    koppelingId: uuid("koppeling_id").notNull().references(() => koppelingen.id, { onDelete: "cascade" }),
    state: text("state").notNull(),
    sales: bigint("sales", { mode: "number" }).notNull().default(0),
    cents: cents("cents").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.koppelingId, t.state] })],
);

/** Count and amount of the sales in Fouten (rejected, expired) per cause and state, kept by the same triggers. */
export const causeTotals = pgTable(
  "cause_totals",
  {
    koppelingId: uuid("koppeling_id").notNull().references(() => koppelingen.id, { onDelete: "cascade" }),
    /** coalesce(fingerprint, error_code, 'UNKNOWN') of the sales: the grouping of listErrorGroups. */
    cause: text("cause").notNull(),
    state: text("state").notNull(),
    sales: bigint("sales", { mode: "number" }).notNull().default(0),
    cents: cents("cents").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.koppelingId, t.cause, t.state] })],
);

/** The lines of a sale: amounts excl. VAT in cents, VAT rate in basis points. */
export const saleLines = pgTable(
  "sale_lines",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    saleId: bigint("sale_id", { mode: "number" })
      .notNull()
      .references(() => sales.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind").$type<"product" | "shipping" | "fee" | "discount">().notNull(),
    description: text("description").notNull(),
    sku: text("sku"),
    quantity: text("quantity").notNull(),
    totalExclCents: cents("total_excl_cents").notNull(),
    taxCents: cents("tax_cents").notNull(),
    vatRateBp: integer("vat_rate_bp"),
  },
  (t) => [uniqueIndex("sale_lines_sale_position").on(t.saleId, t.position)],
);

/** The one transfer of a sale: unique per sale, the core of "booked at most once". */
export const transfers = pgTable(
  "transfers",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    saleId: bigint("sale_id", { mode: "number" })
      .notNull()
      .unique()
      .references(() => sales.id, { onDelete: "cascade" }),
    koppelingId: uuid("koppeling_id").notNull().references(() => koppelingen.id, { onDelete: "cascade" }),
    reference: text("reference").notNull(),
    documentId: text("document_id").notNull(),
    debtorId: text("debtor_id"),
    totalCents: cents("total_cents").notNull(),
    /** True when the document was found in accounting by its reference instead of created. */
    recovered: boolean("recovered").notNull().default(false),
    transferredAt: timestamp("transferred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // The weekly digest counts and sums one koppeling's transfers of one week from the index alone (no heap reads).
  (t) => [index("transfers_koppeling_week").on(t.koppelingId, t.transferredAt, t.totalCents)],
);

/** Every attempt to transfer a sale, written before the accounting system is called. */
export const transferAttempts = pgTable(
  "transfer_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    saleId: bigint("sale_id", { mode: "number" })
      .notNull()
      .references(() => sales.id, { onDelete: "cascade" }),
    koppelingId: uuid("koppeling_id").notNull(),
    trigger: text("trigger").$type<"sync" | "retry" | "auto_retry">().notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** started (not finished: maybe crashed), transferred, found_existing, rejected, temporary. */
    outcome: text("outcome").notNull().default("started"),
    errorCode: text("error_code"),
    message: text("message"),
    httpStatus: integer("http_status"),
    actor: text("actor"),
  },
  (t) => [
    index("transfer_attempts_sale").on(t.saleId, t.startedAt),
    // "Fixed automatically" in the weekly digest: one koppeling's successful automatic retries of one week.
    index("transfer_attempts_auto_retry")
      .on(t.koppelingId, t.finishedAt)
      .where(sql`${t.trigger} = 'auto_retry'`),
  ],
);

/** One run of fetch → classify → book for a koppeling. */
export const syncRuns = pgTable(
  "sync_runs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    koppelingId: uuid("koppeling_id").notNull().references(() => koppelingen.id, { onDelete: "cascade" }),
    trigger: text("trigger").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    status: text("status").$type<"running" | "succeeded" | "failed">().notNull().default("running"),
    fetched: integer("fetched").notNull().default(0),
    transferred: integer("transferred").notNull().default(0),
    rejected: integer("rejected").notNull().default(0),
    opened: integer("opened").notNull().default(0),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    /** The shop's modification time of the newest sale seen: the next run fetches from here. */
    cursor: timestamp("cursor", { withTimezone: true }),
    /**
     * Set when this run's fetch stopped part-way after storing some pages: where the next run resumes the
     * same pass instead of starting it over (engine/sync/fetch-progress.ts).
     */
    fetchResume: jsonb("fetch_resume").$type<{ createdAfter: string; modifiedAfter: string | null; newest: string | null }>(),
  },
  (t) => [
    index("sync_runs_koppeling_started").on(t.koppelingId, t.startedAt),
    // The last run of a koppeling (status, checklist): one index descent however many hourly runs it has had.
    index("sync_runs_koppeling_id").on(t.koppelingId, t.id),
  ],
);

/** A problem report to support: one open report per cause (fingerprint). */
export const problemReports = pgTable(
  "problem_reports",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    reference: text("reference").notNull().unique(),
    koppelingId: uuid("koppeling_id").notNull().references(() => koppelingen.id, { onDelete: "cascade" }),
    fingerprint: text("fingerprint").notNull(),
    errorCode: text("error_code").notNull(),
    saleId: bigint("sale_id", { mode: "number" }).references(() => sales.id, { onDelete: "set null" }),
    status: text("status").$type<"open" | "closed">().notNull().default("open"),
    bundle: jsonb("bundle").notNull(),
    note: text("note"),
    occurrences: integer("occurrences").notNull().default(1),
    reportedBy: text("reported_by"),
    /** The support user who took it on ("Claim" in the support channel). */
    claimedBy: text("claimed_by"),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("problem_reports_one_open_per_cause")
      .on(t.koppelingId, t.fingerprint)
      .where(sql`${t.status} = 'open'`),
    // A sale's trace lists the reports of its cause, closed ones included.
    index("problem_reports_koppeling_cause").on(t.koppelingId, t.fingerprint),
  ],
);

/** Who did what, with the configuration before and after. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    koppelingId: uuid("koppeling_id").references(() => koppelingen.id, { onDelete: "cascade" }),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_koppeling_at").on(t.koppelingId, t.at)],
);

/** Debtors the koppeling found or created in accounting, by e-mail: saves a lookup per sale. */
export const knownDebtors = pgTable(
  "known_debtors",
  {
    koppelingId: uuid("koppeling_id").notNull().references(() => koppelingen.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    debtorId: text("debtor_id").notNull(),
    createdByKoppeling: boolean("created_by_koppeling").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("known_debtors_koppeling_email").on(t.koppelingId, t.email)],
);

/** A chat place (channel, DM, terminal) linked to a koppeling by its license key, with the user's role. */
export const chatLinks = pgTable(
  "chat_links",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    platform: text("platform").notNull(),
    /** Workspace/guild + channel, e.g. "T123/C456"; the terminal uses "local". */
    place: text("place").notNull(),
    koppelingId: uuid("koppeling_id").notNull().references(() => koppelingen.id, { onDelete: "cascade" }),
    linkedBy: text("linked_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("chat_links_place").on(t.platform, t.place)],
);

/** The state of one conversation (platform, place, user): the open flow and the language. */
export const conversations = pgTable(
  "conversations",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    platform: text("platform").notNull(),
    place: text("place").notNull(),
    userId: text("user_id").notNull(),
    language: text("language").$type<"nl" | "en">().notNull().default("nl"),
    /** The open flow (checklist walk-through, a question awaiting an answer), as JSON. */
    flow: jsonb("flow"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("conversations_key").on(t.platform, t.place, t.userId)],
);

/** An action behind a button or a pending confirmation: checked against user and koppeling, used once. */
export const pendingActions = pgTable(
  "pending_actions",
  {
    id: text("id").primaryKey(),
    platform: text("platform").notNull(),
    place: text("place").notNull(),
    /** Only this user may confirm it. */
    userId: text("user_id").notNull(),
    koppelingId: uuid("koppeling_id").references(() => koppelingen.id, { onDelete: "cascade" }),
    action: jsonb("action").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("pending_actions_place").on(t.platform, t.place, t.userId)],
);

/** How-to articles the bot answers from, searched with Postgres full-text search (dutch / english). */
export const knowledgeArticles = pgTable(
  "knowledge_articles",
  {
    slug: text("slug").notNull(),
    language: text("language").$type<"nl" | "en">().notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** Extra search words: synonyms and the words merchants use. */
    keywords: text("keywords").notNull().default(""),
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector(case when language = 'nl' then 'dutch'::regconfig else 'english'::regconfig end, title || ' ' || keywords), 'A') || setweight(to_tsvector(case when language = 'nl' then 'dutch'::regconfig else 'english'::regconfig end, body), 'B')`,
      ),
  },
  (t) => [uniqueIndex("knowledge_articles_slug_language").on(t.slug, t.language), index("knowledge_articles_search").using("gin", t.search)],
);

/** Who owns a koppeling in chat: the user who linked it with the license key (others in the place are viewers). */
export const chatRoles = pgTable(
  "chat_roles",
  {
    platform: text("platform").notNull(),
    /** Workspace/guild id ("" for DMs and the terminal): roles hold across the channels of one workspace. */
    workspace: text("workspace").notNull(),
    userId: text("user_id").notNull(),
    koppelingId: uuid("koppeling_id").notNull().references(() => koppelingen.id, { onDelete: "cascade" }),
    role: text("role").$type<"owner" | "viewer">().notNull(),
    grantedBy: text("granted_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.workspace, t.userId, t.koppelingId] })],
);

/** Chat deliveries already handled (Slack event_id, Discord interaction id): a retry or duplicate does nothing. */
export const processedEvents = pgTable(
  "processed_events",
  {
    platform: text("platform").notNull(),
    eventId: text("event_id").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.eventId] }), index("processed_events_received").on(t.receivedAt)],
);

/** A channel that gets the weekly digest of a koppeling (or, for support, the overview of all). */
export const subscriptions = pgTable(
  "subscriptions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    platform: text("platform").notNull(),
    place: text("place").notNull(),
    /** null: the support overview of all koppelingen. */
    koppelingId: uuid("koppeling_id").references(() => koppelingen.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"weekly" | "support_overview">().notNull().default("weekly"),
    /** ISO weekday 1 = Monday … 7 = Sunday, hour and minute in `timeZone`. */
    weekday: integer("weekday").notNull().default(1),
    hour: integer("hour").notNull().default(9),
    minute: integer("minute").notNull().default(0),
    /** An IANA time zone; null: the installation's (TZ_DIGEST, default Europe/Amsterdam). */
    timeZone: text("time_zone"),
    language: text("language").$type<"nl" | "en">().notNull().default("nl"),
    createdBy: text("created_by").notNull(),
    pausedAt: timestamp("paused_at", { withTimezone: true }),
    pausedReason: text("paused_reason"),
    /** Cause fingerprints in the previous digest, to mark new causes. */
    lastCauses: jsonb("last_causes").$type<string[]>(),
    lastDigestAt: timestamp("last_digest_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("subscriptions_place_koppeling").on(t.platform, t.place, t.kind)],
);

/** One row per scheduled job and fire time: node-schedule fires in every process, one claims the tick. */
export const scheduleTicks = pgTable(
  "schedule_ticks",
  {
    job: text("job").notNull(),
    fireAt: timestamp("fire_at", { withTimezone: true }).notNull(),
    claimedBy: text("claimed_by").notNull(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.job, t.fireAt] })],
);

/** One digest per subscription and period: claimed, then posted once (survives a crash mid-send). */
export const digestDeliveries = pgTable(
  "digest_deliveries",
  {
    subscriptionId: bigint("subscription_id", { mode: "number" }).notNull().references(() => subscriptions.id, { onDelete: "cascade" }),
    /** Start of the digest's week (the fire time it belongs to). */
    periodStart: timestamp("period_start", { withTimezone: true }).notNull(),
    state: text("state").$type<"claimed" | "posted" | "failed">().notNull(),
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    postedAt: timestamp("posted_at", { withTimezone: true }),
    message: jsonb("message"),
    error: text("error"),
  },
  (t) => [primaryKey({ columns: [t.subscriptionId, t.periodStart] })],
);

/** The post of a problem report in a platform's support channel (an outbox): claimed by one process, posted once. */
export const supportPosts = pgTable(
  "support_posts",
  {
    reportId: bigint("report_id", { mode: "number" }).notNull().references(() => problemReports.id, { onDelete: "cascade" }),
    platform: text("platform").notNull(),
    state: text("state").$type<"claimed" | "posted">().notNull(),
    claimedBy: text("claimed_by").notNull(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }).notNull(),
    postedAt: timestamp("posted_at", { withTimezone: true }),
    /** The platform's message reference (channel + ts / message id), to update it after a Claim. */
    message: jsonb("message"),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.platform] })],
);
