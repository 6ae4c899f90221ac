import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * The process's Prometheus metrics: node's own (CPU seconds, resident memory, event-loop lag, heap)
 * and the SQL statements sent, which the benchmark divides by requests and operators watch for N+1s.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const sqlStatements = new Counter({
  name: "customer_graph_sql_statements_total",
  help: "SQL statements sent to PostgreSQL, transaction control included",
  registers: [metricsRegistry],
});

export const evaluationBatchSeconds = new Histogram({
  name: "customer_graph_policy_evaluation_batch_seconds",
  help: "Re-evaluation batches of up to 1,000 accounts: engines, explanations and writes",
  buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

export const accountsEvaluated = new Counter({
  name: "customer_graph_policy_accounts_evaluated_total",
  help: "Accounts re-evaluated by background runs (a new rule set, or a stale database)",
  registers: [metricsRegistry],
});
