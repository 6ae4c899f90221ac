import { ApolloServerPlugin } from "@apollo/server";
import { Counter, Histogram } from "prom-client";
import { metricsRegistry } from "../../metrics/metrics";

const requestDuration = new Histogram({
  name: "customer_graph_graphql_request_duration_seconds",
  help: "GraphQL requests by operation name and outcome (ok, or the first error code), from the first hook to the response",
  labelNames: ["operation", "outcome"],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

const errorsByCode = new Counter({
  name: "customer_graph_graphql_errors_total",
  help: "Errors sent to clients, by extensions.code",
  labelNames: ["code"],
  registers: [metricsRegistry],
});

/** Clients name their operations: beyond this many distinct names, or for odd ones, the label is "other" (bounded series). */
const maximumOperationLabels = 200;
const operationLabels = new Set<string>();

function operationLabel(operationName: string | null | undefined): string {
  if (!operationName) return "anonymous";
  if (operationLabels.has(operationName)) return operationName;
  if (operationLabels.size >= maximumOperationLabels || !/^[_A-Za-z][_0-9A-Za-z]{0,63}$/.test(operationName)) return "other";
  operationLabels.add(operationName);
  return operationName;
}

/** Request duration by operation and outcome, errors by code: the GraphQL half of GET /metrics. */
export function requestMetricsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ response, operationName }) {
          const errors = response.body.kind === "single" ? (response.body.singleResult.errors ?? []) : [];
          const codes = errors.map(({ extensions }) => (typeof extensions?.code === "string" ? extensions.code : "UNKNOWN"));
          for (const code of codes) errorsByCode.inc({ code });
          requestDuration.observe({ operation: operationLabel(operationName), outcome: codes[0] ?? "ok" }, (performance.now() - started) / 1000);
        },
      };
    },
  };
}
