import { measureWebhooks } from "../../src/benchmark/webhook-throughput";
import { benchEventsCommand } from "../../src/commands/bench-events-command";
import { EventRelay, startEventRelay } from "../../src/events/event-relay";
import { JobQueue } from "../../src/jobs/job-queue";
import { RunningWebhooks, startWebhooks } from "../../src/webhooks/webhooks";
import { parsedOptions } from "../support/command-options";
import { HttpTestServer, startHttpTestServer } from "../support/http-test-server";
import { testDatabaseUrl } from "../support/test-database";

describe("the webhook benchmark (npm run bench:events -- --webhooks)", () => {
  test("when --webhooks is given alone, then it measures 10 partners, 500 events at 50 a second, then the events from 4 connections", async () => {
    expect(await parsedOptions(benchEventsCommand, ["--webhooks"])).toMatchObject({ webhooks: true, partners: 10, steadyEvents: 500, rate: 50, appenders: 4 });
    expect(await parsedOptions(benchEventsCommand, ["--webhooks", "--webhook-poll-seconds", "0.5"])).toMatchObject({ webhookPollSeconds: 0.5 });
    await expect(parsedOptions(benchEventsCommand, ["--webhook-poll-seconds", "0.1"])).rejects.toThrow(/at least 0.5/);
  });

  describe("against a server relaying the outbox to its webhook workers", () => {
    let server: HttpTestServer;
    let queue: JobQueue;
    let webhooks: RunningWebhooks;
    let relay: EventRelay;
    // A schema of this file's own, so that no other test file's queue takes these jobs.
    const jobsSchema = `jobs_webhook_bench_test_${process.pid}`;

    beforeAll(async () => {
      server = await startHttpTestServer();
      queue = await JobQueue.start(
        { connectionString: testDatabaseUrl(), schema: jobsSchema, maintenanceSeconds: 60, supervise: false, poolSize: 2 },
        (error) => console.error(error),
      );
      const settings = { retryLimit: 1, retryDelaySeconds: 1, expireSeconds: 30, timeoutMilliseconds: 5_000, workers: 2, pollingSeconds: 0.5 };
      webhooks = await startWebhooks({ dataSource: server.dataSource, queue, settings, log: { warn: () => undefined } });
      relay = startEventRelay(server.dataSource, [webhooks.consumer], {
        pollMilliseconds: 50,
        onError: (error) => console.error(error),
        onRelayed: () => webhooks.wake(),
      });
    });
    afterAll(async () => {
      await relay?.close();
      await webhooks?.close();
      await queue?.stop(5_000);
      await server?.dataSource.query(`DROP SCHEMA IF EXISTS ${jobsSchema} CASCADE`);
      await server?.close();
    });

    test("when 2 partners' accounts get 3 steady events and 5 at once, then each arrives once at its partner's endpoint, signed", async () => {
      const figures = await measureWebhooks(
        { graphqlUrl: new URL("/graphql", server.url).href, dataSource: server.dataSource, readCpuSeconds: async () => process.cpuUsage().user / 1e6 },
        { partners: 2, steadyEvents: 3, steadyPerSecond: 50, events: 5, appenders: 2, settleMilliseconds: 20_000 },
        `webhook bench test ${Date.now()}`,
      );
      expect(figures.steady).toMatchObject({ events: 3, expected: 3, delivered: 3, missed: 0 });
      expect(figures.throughput).toMatchObject({ events: 5, expected: 5, delivered: 5, missed: 0 });
      expect(figures.throughput.latencyMilliseconds.samples).toBe(5);
      expect(figures).toMatchObject({ partners: 2, duplicates: 0, badSignatures: 0, wrongPartner: 0, unknownPath: 0 });
    });
  });
});
