import { faker } from "@faker-js/faker";
import { createWriteStream } from "node:fs";
import { once } from "node:events";

const regions = ["NORTH_AMERICA", "LATIN_AMERICA", "EUROPE", "MIDDLE_EAST_AFRICA", "ASIA_PACIFIC"];
const industries = ["Retail", "Manufacturing", "Healthcare", "Finance", "Logistics", "Education", "Hospitality"];
const roles = ["DECISION_MAKER", "BUYER", "USER", "TECHNICAL"];

/**
 * Writes an import file as an ERP would send one: each account on its line, followed by its contacts
 * (1 to 4, about 2.6 on average). The same seed writes the same file, so that a second import of it
 * finds every record UNCHANGED.
 */
export async function writeSampleFile(file: string, accounts: number, seed: number): Promise<number> {
  faker.seed(seed);
  const out = createWriteStream(file);
  let lines = 0;
  const write = async (record: object) => {
    lines += 1;
    if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, "drain");
  };
  for (let number = 1; number <= accounts; number += 1) {
    const accountExternalId = `CUST-${String(number).padStart(7, "0")}`;
    await write(sampleAccount(accountExternalId));
    const contacts = faker.number.int({ min: 1, max: 4 });
    for (let contact = 1; contact <= contacts; contact += 1) await write(sampleContact(accountExternalId, contact));
  }
  out.end();
  await once(out, "finish");
  return lines;
}

function sampleAccount(externalId: string): object {
  const customer = faker.number.float() < 0.8;
  return {
    type: "account",
    externalId,
    name: faker.company.name(),
    industry: faker.helpers.arrayElement(industries),
    region: faker.helpers.arrayElement(regions),
    employees: faker.number.int({ min: 1, max: 20_000 }),
    status: customer ? "ACTIVE" : "PROSPECT",
    ...(customer && { customerSince: faker.date.past({ years: 8, refDate: "2026-01-01" }).toISOString().slice(0, 10) }),
    loyaltyPoints: faker.number.int({ min: 0, max: 50_000 }),
  };
}

function sampleContact(accountExternalId: string, number: number): object {
  const firstName = faker.person.firstName();
  const lastName = faker.person.lastName();
  return {
    type: "contact",
    externalId: `${accountExternalId}-C${number}`,
    accountExternalId,
    firstName,
    lastName,
    role: faker.helpers.arrayElement(roles),
    email: `${firstName}.${lastName}.${number}@example.com`.toLowerCase().replace(/[^a-z0-9.@-]/g, ""),
    isPrimary: number === 1,
  };
}
