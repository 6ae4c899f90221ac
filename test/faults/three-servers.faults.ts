import { appendFile, cp, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ServerProcess, startServerProcess } from "../../src/benchmark/server-process";
import { post, SeededCluster, seedCluster } from "./support/fault-fixtures";
import { PrivateCluster } from "./support/private-cluster";
import { reevaluationProgress } from "../../src/policies/publication/reevaluation-jobs";

const versionQuery = `{ ruleSets { version } }`;
const draftsQuery = `{ ruleDrafts { id author } }`;
const publishQuery = `mutation ($input: RuleDraftStepInput!) { publishRuleDraft(input: $input) { userErrors { message } ruleSetVersion { version } } }`;

/** The draft a server saved from its rules folder's change (its author names the folder), within 10 s. */
async function folderDraftOf(server: ServerProcess, apiKey: string): Promise<string> {
  for (const started = Date.now(); Date.now() - started < 10_000; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const answer = await post(server.url, apiKey, draftsQuery);
    const drafts = (answer.body?.data?.ruleDrafts ?? []) as Array<{ id: string; author: string }>;
    const fromFolder = drafts.find((draft) => draft.author.startsWith("rules folder"));
    if (fromFolder) return fromFolder.id;
  }
  throw new Error("no draft of the folder's change within 10 s");
}

describe("three server processes on one PostgreSQL", () => {
  let cluster: PrivateCluster;
  let seeded: SeededCluster;
  const servers: ServerProcess[] = [];
  let folders: string[];
  beforeAll(async () => {
    cluster = await PrivateCluster.start();
    seeded = await seedCluster(cluster.url, 3_000);
    folders = [];
    for (let index = 0; index < 3; index++) {
      const folder = path.join(await mkdtemp(path.join(tmpdir(), "customer-graph-rules-")), "rules");
      await cp(path.resolve("rules"), folder, { recursive: true });
      folders.push(folder);
      // Looking on their own only once a minute: agreeing within 2 s proves the notification.
      // No second analyst here: drafts publish without an approval (four eyes are the API tests' and the browser test's).
      const environment = { RULES_DIRECTORY: folder, RULES_WATCH: index === 0 ? "true" : "false", RULES_FOLLOW_MS: "60000", RULES_REVIEW_FAMILIES: "" };
      servers.push(await startServerProcess(cluster.url, { environment }));
    }
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await seeded?.dataSource.destroy().catch(() => undefined);
    await cluster?.destroy();
  });

  const versionOf = async (server: ServerProcess) => {
    const answer = await post(server.url, seeded.apiKey, versionQuery);
    return (answer.body?.data?.ruleSets as Array<{ version: string }> | undefined)?.[0]?.version;
  };

  test("when one server's rule file changes, then it becomes a draft; published over HTTP, all three serve it within 2 s and every account is re-evaluated exactly once", async () => {
    const before = await versionOf(servers[0]);
    expect(await Promise.all(servers.map(versionOf))).toEqual([before, before, before]);
    // A new content (the version is its hash) with the same rules: valid, and every analyst test still passes.
    await appendFile(path.join(folders[0], "tiering.json"), "\n");
    const draftId = await folderDraftOf(servers[0], seeded.apiKey);
    expect(await Promise.all(servers.map(versionOf))).toEqual([before, before, before]);
    const published = await post(servers[1].url, seeded.apiKey, publishQuery, { input: { draftId, comment: "a new line at the end" } });
    expect(published.body?.data?.publishRuleDraft).toMatchObject({ userErrors: [] });
    const changed = Date.now();
    let versions: Array<string | undefined> = [];
    let firstSeen = 0;
    while (Date.now() - changed < 10_000) {
      versions = await Promise.all(servers.map(versionOf));
      if (!firstSeen && versions[0] !== before) firstSeen = Date.now();
      if (versions.every((version) => version !== before && version === versions[0])) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const agreedAt = Date.now();
    const newVersion = versions[0]!;
    expect(versions).toEqual([newVersion, newVersion, newVersion]);

    const [{ id: activationId }]: { id: number }[] = await seeded.dataSource.query(
      `SELECT id FROM rule_set_activations WHERE version = $1 ORDER BY id DESC LIMIT 1`,
      [newVersion],
    );
    // The servers' job queue (the default schema): one job per batch, its output who took it and how many accounts.
    const progress = () => reevaluationProgress("job_queue", seeded.dataSource, activationId);
    let work = await progress();
    for (let attempt = 0; attempt < 600 && (work.open !== 0 || work.batches === 0); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      work = await progress();
    }
    const open = work.open;
    const [{ accounts }]: { accounts: number }[] = await seeded.dataSource.query(`SELECT count(*)::int AS accounts FROM accounts`);
    const [{ behind }]: { behind: number }[] = await seeded.dataSource.query(
      `SELECT count(*)::int AS behind FROM account_assessments WHERE rules_version <> $1`,
      [newVersion],
    );
    const seconds = (agreedAt - changed) / 1000;
    console.log(
      `three servers: the first server served version ${newVersion} ${((firstSeen - changed) / 1000).toFixed(2)} s after its publication, all three ${seconds.toFixed(2)} s after; ` +
        `re-evaluation: ${work.evaluated} of ${accounts} accounts in ${work.batches} batches shared by ${work.workers} processes, ${behind} behind`,
    );
    expect(seconds).toBeLessThan(2);
    expect(open).toBe(0);
    expect(work.evaluated).toBe(accounts);
    expect(behind).toBe(0);
  });
});
