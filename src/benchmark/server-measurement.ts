import { DataSource } from "typeorm";
import { createApiKey, revokeApiKey } from "../access/api-keys";
import { Role } from "../access/roles";
import { BenchOperation } from "./bench-operations";
import { LoadSettings, measureOperation, OperationFigures } from "./load-run";
import { startServerProcess } from "./server-process";

export interface ServerMeasurementOptions {
  /** Folder for a V8 CPU profile of the server, or none. */
  profileDirectory?: string;
  /** Settings the server gets beside DATABASE_URL. */
  environment?: Record<string, string>;
}

/**
 * Starts the compiled server on the database `databaseUrl` names and drives each operation in turn, with an
 * internal API key made for the run (in that database, read through `dataSource`) and revoked after it.
 */
export async function measureOnServer(
  dataSource: DataSource,
  databaseUrl: string,
  operations: readonly BenchOperation[],
  load: Omit<LoadSettings, "apiKey">,
  options: ServerMeasurementOptions = {},
): Promise<OperationFigures[]> {
  const key = await createApiKey(dataSource.manager, {
    name: "npm run bench",
    role: Role.INTERNAL,
    partnerId: null,
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  const figures: OperationFigures[] = [];
  try {
    const server = await startServerProcess(databaseUrl, options);
    try {
      for (const operation of operations) {
        console.log(`Measuring ${operation.name} (${operation.description})…`);
        figures.push(await measureOperation(server, operation, { ...load, apiKey: key.key }));
      }
    } finally {
      await server.stop();
    }
  } finally {
    await revokeApiKey(dataSource.manager, key.id);
  }
  return figures;
}
