import { Counter, Registry, collectDefaultMetrics } from "prom-client";

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
