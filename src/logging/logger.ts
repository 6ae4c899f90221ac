import pino from "pino";

/**
 * The server's log: JSON lines (pino) on stdout, one object per event; lines of a request carry its
 * requestId (the x-request-id header the client got). LOG_LEVEL is read here, before the config,
 * so that a failing start can still be logged.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "customer-graph", pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});
