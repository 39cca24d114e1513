/** Every how-to article the bot answers from; add a new article here to publish it. */
import type { KnowledgeArticle } from "../knowledge-article.js";
import { changesAfterTransfer } from "./changes-after-transfer.js";
import { closedPeriod } from "./closed-period.js";
import { configurationChecklist } from "./configuration-checklist.js";
import { connectionDots } from "./connection-dots.js";
import { debtorMatching } from "./debtor-matching.js";
import { duplicateInvoiceNumber } from "./duplicate-invoice-number.js";
import { errorsTabRetry } from "./errors-tab-retry.js";
import { exactOnlineLimits } from "./exact-online-limits.js";
import { icpVatNumber } from "./icp-vat-number.js";
import { ignoreSale } from "./ignore-sale.js";
import { installMoment } from "./install-moment.js";
import { ledgerAccounts } from "./ledger-accounts.js";
import { mapVatRate } from "./map-vat-rate.js";
import { openTab } from "./open-tab.js";
import { ossVat } from "./oss-vat.js";
import { reconnectMoneybird } from "./reconnect-moneybird.js";
import { reportProblem } from "./report-problem.js";
import { requiredDefaults } from "./required-defaults.js";
import { shippingVat } from "./shipping-vat.js";
import { syncTiming } from "./sync-timing.js";
import { totalsMismatch } from "./totals-mismatch.js";
import { weeklyStatusUpdate } from "./weekly-status-update.js";
import { woocommerceApiKey } from "./woocommerce-api-key.js";
import { woocommercePermalinks } from "./woocommerce-permalinks.js";

/** All published articles, in the order a merchant meets the topics. */
export const articles: readonly KnowledgeArticle[] = [
  configurationChecklist,
  connectionDots,
  woocommerceApiKey,
  woocommercePermalinks,
  reconnectMoneybird,
  exactOnlineLimits,
  installMoment,
  syncTiming,
  openTab,
  errorsTabRetry,
  ignoreSale,
  reportProblem,
  mapVatRate,
  icpVatNumber,
  ossVat,
  shippingVat,
  ledgerAccounts,
  requiredDefaults,
  debtorMatching,
  duplicateInvoiceNumber,
  closedPeriod,
  totalsMismatch,
  changesAfterTransfer,
  weeklyStatusUpdate,
];
