import { GraphQLError } from "graphql";
import { DataSource } from "typeorm";
import { findCallerByKey, hashApiKey } from "./api-keys";
import { isDatabaseUnavailable, ServiceUnavailableError } from "../database/database-availability";
import { Caller } from "./roles";

/** How long a key looked up stays trusted without asking the database again: a revocation takes effect within it. */
const cacheMilliseconds = 10_000;

export class UnauthenticatedError extends GraphQLError {
  constructor(message: string) {
    super(message, {
      extensions: { code: "UNAUTHENTICATED", http: { status: 401, headers: new Map([["www-authenticate", 'Bearer realm="customer-graph"']]) } },
    });
  }
}

/** Finds the caller behind an `Authorization: Bearer <key>` header; a short cache spares a query per request. */
export class Authenticator {
  private readonly cache = new Map<string, { caller: Promise<Caller | undefined>; until: number }>();

  constructor(private readonly dataSource: DataSource) {}

  async authenticate(authorization: string | undefined): Promise<Caller> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? "");
    if (!match) throw new UnauthenticatedError("Send an API key: Authorization: Bearer <key>");
    const caller = await this.lookUp(match[1]).catch((error: unknown) => {
      throw isDatabaseUnavailable(error) ? new ServiceUnavailableError() : error;
    });
    if (!caller) throw new UnauthenticatedError("The API key is unknown, revoked or expired");
    return caller;
  }

  /** The lookup itself is cached, not only its answer: concurrent requests of one key share one statement. */
  private lookUp(key: string): Promise<Caller | undefined> {
    const hash = hashApiKey(key);
    const cached = this.cache.get(hash);
    if (cached && cached.until > Date.now()) return cached.caller;
    const caller = findCallerByKey(this.dataSource, key);
    if (this.cache.size > 10_000) this.cache.clear(); // Bounded: a flood of random keys cannot grow it without end.
    this.cache.set(hash, { caller, until: Date.now() + cacheMilliseconds });
    // A failed lookup (the database away) is not remembered: the next request asks again.
    caller.catch(() => {
      if (this.cache.get(hash)?.caller === caller) this.cache.delete(hash);
    });
    return caller;
  }
}
