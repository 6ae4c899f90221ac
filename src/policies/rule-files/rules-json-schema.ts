import { FactDefinition, factCatalogue } from "../facts/fact-catalogue";
import { comparisonOperators, eventTypesOfFamily, policyFamilies, priorityLevels } from "./rule-file";

/**
 * The JSON Schemas of the analysts' files, built from the fact catalogue so that an editor completes
 * fact names and shows what each means. Written to schema/ by `npm run rules:facts`; a test keeps the
 * committed copies current. They check the shape; the semantic checks (facts, values, reachability) follow.
 */
export function buildRuleFileJsonSchema(): Record<string, unknown> {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "rules.schema.json",
    title: "Policy rule file (json-rules-engine rules with a family, a hit policy and a default outcome)",
    type: "object",
    required: ["family", "description", "hitPolicy", "default", "rules"],
    additionalProperties: false,
    properties: {
      $schema: { type: "string" },
      family: { enum: [...policyFamilies], description: "Which policy this file decides" },
      description: { type: "string", minLength: 1 },
      hitPolicy: {
        enum: ["first", "collect"],
        description: "first: per decision, the highest-priority rule that fires wins. collect: every rule that fires counts.",
      },
      tiers: declaredValueList("Tiering: the tiers, best first (the API ranks them 1, 2, … in this order)"),
      lifecycleStages: declaredValueList("Tiering: the lifecycle stages, in the order an account lives through them (the API ranks them in this order)"),
      lanes: declaredValueList("Service priority: the queues a ticket can be routed to, fastest first (the API ranks them in this order)"),
      levels: {
        type: "array",
        description: "Service priority, optional: what each priority level means, P1 to P4 in that order (the levels themselves are fixed)",
        items: {
          type: "object",
          required: ["name"],
          additionalProperties: false,
          properties: { name: { enum: [...priorityLevels] }, description: { $ref: "#/definitions/valueDescription" } },
        },
      },
      targets: {
        type: "object",
        description: "Service priority: per tier, per level, the first-response and resolution clocks in minutes",
        additionalProperties: {
          type: "object",
          required: [...priorityLevels],
          additionalProperties: false,
          properties: Object.fromEntries(priorityLevels.map((level) => [level, { $ref: "#/definitions/serviceTarget" }])),
        },
      },
      businessHours: {
        type: "object",
        description:
          "Service priority, optional: per region (north_america, latin_america, europe, middle_east_africa, asia_pacific), the hours its support team works; " +
          'targets with "clock": "business" count only these hours for that region\'s accounts',
        additionalProperties: { $ref: "#/definitions/businessCalendar" },
      },
      riskLevels: {
        type: "array",
        minItems: 1,
        description: "Retention: risk levels, highest first; the risk is the first level whose minScore the summed signal weights reach",
        items: {
          type: "object",
          required: ["level", "minScore"],
          additionalProperties: false,
          properties: {
            level: { $ref: "#/definitions/name" },
            minScore: { type: "integer", minimum: 0 },
            description: { $ref: "#/definitions/valueDescription" },
          },
        },
      },
      default: {
        type: "object",
        description: "The outcome when no rule decides",
        additionalProperties: { type: "string" },
      },
      rules: { type: "array", items: { $ref: "#/definitions/rule" } },
    },
    definitions: {
      name: { type: "string", minLength: 1, maxLength: 50, pattern: "^[a-z0-9][a-z0-9_]*$" },
      valueDescription: {
        type: "string",
        minLength: 1,
        maxLength: 500,
        description: "What the value means to the business, for the API's clients (shown beside the value in their screens)",
      },
      declaredValue: {
        description: 'A name, or { "name": ..., "description": ... } to say what it means',
        if: { type: "string" },
        then: { $ref: "#/definitions/name" },
        else: {
          type: "object",
          required: ["name"],
          additionalProperties: false,
          properties: { name: { $ref: "#/definitions/name" }, description: { $ref: "#/definitions/valueDescription" } },
        },
      },
      serviceTarget: {
        type: "object",
        required: ["firstResponseMinutes", "resolutionMinutes"],
        additionalProperties: false,
        properties: {
          firstResponseMinutes: { type: "integer", minimum: 1 },
          resolutionMinutes: { type: "integer", minimum: 1 },
          clock: {
            enum: ["calendar", "business"],
            description: "calendar (the default): every minute counts. business: only the working hours of the account's region (businessHours) count",
          },
        },
      },
      businessCalendar: {
        type: "object",
        required: ["timeZone", "workingDays", "hours"],
        additionalProperties: false,
        properties: {
          description: { $ref: "#/definitions/valueDescription" },
          timeZone: { type: "string", minLength: 1, description: "An IANA time zone, e.g. Europe/Berlin (its daylight saving included)" },
          workingDays: {
            type: "array",
            minItems: 1,
            uniqueItems: true,
            items: { enum: ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] },
          },
          hours: {
            type: "object",
            required: ["from", "to"],
            additionalProperties: false,
            description: "The working day, in the time zone's wall-clock time: from 09:00 to 17:30",
            properties: { from: { $ref: "#/definitions/timeOfDay" }, to: { $ref: "#/definitions/timeOfDay" } },
          },
          holidays: { type: "array", uniqueItems: true, items: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" }, description: "Local dates not worked" },
        },
      },
      timeOfDay: { type: "string", pattern: "^([01]\\d|2[0-3]):[0-5]\\d$" },
      rule: {
        type: "object",
        required: ["name", "priority", "conditions", "event"],
        additionalProperties: false,
        properties: {
          name: { type: "string", minLength: 1, maxLength: 200, description: "Shown in explanations: say what the rule means" },
          description: { type: "string" },
          priority: { type: "integer", minimum: 1, maximum: 1000, description: "Higher runs (and wins) first" },
          conditions: { $ref: "#/definitions/condition" },
          event: { $ref: "#/definitions/event" },
        },
      },
      condition: {
        type: "object",
        additionalProperties: false,
        dependencies: { fact: ["operator", "value"], operator: ["fact"], value: ["fact"] },
        properties: {
          all: { type: "array", items: { $ref: "#/definitions/condition" }, description: "Every condition must hold" },
          any: { type: "array", items: { $ref: "#/definitions/condition" }, description: "At least one condition must hold" },
          not: { $ref: "#/definitions/condition", description: "The condition must not hold" },
          fact: { type: "string", examples: factCatalogue.map((fact) => fact.name), description: "A fact from rules/FACTS.md" },
          operator: { enum: [...comparisonOperators] },
          value: {
            description: 'A number, text, true/false, null (unknown), a list for in/notIn, or { "fact": name } to compare two facts',
          },
          name: { type: "string", description: "A label for explanations" },
        },
      },
      event: {
        type: "object",
        required: ["type", "params"],
        additionalProperties: false,
        properties: {
          type: { enum: [...new Set(Object.values(eventTypesOfFamily).flat())] },
          params: { type: "object", additionalProperties: { type: ["string", "number", "boolean"] } },
        },
      },
    },
  };
}

/** The schema of rules/tests/*.json: facts typed one by one, so a misspelled fact is caught. */
export function buildRuleTestsJsonSchema(): Record<string, unknown> {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "rules-tests.schema.json",
    title: "Analysts' test cases for a policy rule file",
    type: "object",
    required: ["family", "cases"],
    additionalProperties: false,
    properties: {
      $schema: { type: "string" },
      family: { enum: [...policyFamilies] },
      cases: {
        type: "array",
        minItems: 1,
        items: {
          type: "object",
          required: ["name", "facts", "expect"],
          additionalProperties: false,
          properties: {
            name: { type: "string", minLength: 1 },
            facts: {
              type: "object",
              description: "Facts left out are unknown (null)",
              additionalProperties: false,
              properties: Object.fromEntries(factCatalogue.map((fact) => [fact.name, factValueSchema(fact)])),
            },
            expect: {
              type: "object",
              minProperties: 1,
              additionalProperties: false,
              properties: {
                tier: { type: "string" },
                lifecycleStage: { type: "string" },
                level: { enum: [...priorityLevels] },
                lane: { type: "string" },
                firstResponseMinutes: { type: "integer" },
                resolutionMinutes: { type: "integer" },
                risk: { type: "string" },
                riskScore: { type: "integer" },
                signals: { type: "array", items: { type: "string" } },
                barriers: { type: "array", items: { type: "string" } },
                actions: { type: "array", items: { type: "string" } },
                letGo: { type: "boolean" },
              },
            },
          },
        },
      },
    },
  };
}

/** A list of declared values; a name listed twice (bare and described alike) is a semantic problem (declaration-checks.ts). */
function declaredValueList(description: string) {
  return { type: "array", minItems: 1, items: { $ref: "#/definitions/declaredValue" }, description };
}

function factValueSchema(fact: FactDefinition): Record<string, unknown> {
  const type = fact.type === "text" ? "string" : fact.type;
  const description = `${fact.description} (${fact.unit})`;
  const values = typeof fact.values === "object" ? { enum: fact.nullable ? [...fact.values, null] : [...fact.values] } : {};
  return { type: fact.nullable ? [type, "null"] : type, description, ...values };
}
