import { ApolloServerPlugin } from "@apollo/server";
import { databaseRetryAfterSeconds } from "../../database/database-availability";

/**
 * A response whose errors say the database is away is HTTP 503 with Retry-After, so that clients,
 * proxies and load balancers retry it rather than treat it as a failure of the request itself.
 */
export function databaseAvailabilityPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const unavailable = response.body.singleResult.errors?.some((error) => error.extensions?.code === "SERVICE_UNAVAILABLE");
          if (!unavailable) return;
          response.http.status = 503;
          response.http.headers.set("retry-after", String(databaseRetryAfterSeconds));
        },
      };
    },
  };
}
