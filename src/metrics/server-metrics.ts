import { Pool } from "pg";
import { Gauge } from "prom-client";
import { DataSource } from "typeorm";
import { PostgresDriver } from "typeorm/driver/postgres/PostgresDriver";
import { metricsRegistry } from "./metrics";

const serverMetricNames = [
  "customer_graph_db_pool_connections",
  "customer_graph_db_pool_idle_connections",
  "customer_graph_db_pool_waiting_requests",
  "customer_graph_rule_set_info",
];

/** The server's state, read when Prometheus scrapes: the database pool's use and the version of the rule set in service. */
export function registerServerMetrics(dataSource: DataSource, ruleSetVersion: () => string): void {
  // A process that starts the application again (tests) replaces the gauges of the previous one.
  for (const name of serverMetricNames) metricsRegistry.removeSingleMetric(name);
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const poolGauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [metricsRegistry],
      collect() {
        this.set(read());
      },
    });
  poolGauge("customer_graph_db_pool_connections", "Connections the pool holds, busy or idle", () => pool.totalCount);
  poolGauge("customer_graph_db_pool_idle_connections", "Connections idle in the pool", () => pool.idleCount);
  poolGauge("customer_graph_db_pool_waiting_requests", "Requests waiting for a connection", () => pool.waitingCount);
  new Gauge({
    name: "customer_graph_rule_set_info",
    help: "The rule set in service: 1 for its version",
    labelNames: ["version"],
    registers: [metricsRegistry],
    collect() {
      this.reset();
      this.set({ version: ruleSetVersion() }, 1);
    },
  });
}
