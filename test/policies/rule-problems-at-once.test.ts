import { describeProblem } from "../../src/policies/rule-files/rule-problem";
import { compileRuleSet, readRuleFileSources } from "../../src/policies/rule-set";
import { runRuleTests } from "../../src/policies/rule-tests/run-rule-tests";
import path from "node:path";
import { minimalRuleFiles, problemsAfter, rule, writeRulesFolder } from "./support/rule-fixtures";

/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-assignment --
   the tests edit rule files as free JSON (EditableRuleFiles is any), to write what the types would refuse */

describe("every problem in one check", () => {
  test("when one rule breaks the format and another names an unknown fact, then one check reports both", () => {
    const problems = problemsAfter((files) => {
      files.tiering.rules[0].priorty = 5;
      files.tiering.rules[1].conditions.all[0].fact = "revenu12m";
    });
    expect(problems.map((problem) => [problem.rule, problem.path, problem.message])).toEqual([
      [
        "Gold: 50k a year",
        "$.rules[0].priorty",
        '"priorty" is not a field here. Did you mean "priority"? Fields: name, description, priority, conditions, event',
      ],
      [
        "Silver: 10k a year",
        "$.rules[1].conditions.all[0].fact",
        'unknown fact "revenu12m". Did you mean "revenue12m"? The facts are listed in rules/FACTS.md',
      ],
    ]);
  });

  test("when one comparison has an unknown operator, then an unknown fact beside it in the same rule is reported too, and the misshapen one only once", () => {
    const problems = problemsAfter((files) => {
      files.tiering.rules[0].conditions.all[0].operator = "greaterThenInclusive";
      files.tiering.rules[0].conditions.all[1].fact = "ordrs12m";
    });
    expect(problems.map((problem) => problem.path)).toEqual(["$.rules[0].conditions.all[0].operator", "$.rules[0].conditions.all[1].fact"]);
  });

  test("when the declarations break the format, then the rules are still checked, against what can be read", () => {
    const problems = problemsAfter((files) => {
      delete files["service-priority"].description;
      files["service-priority"].rules[0].conditions.all[0].value = "urgent";
      files["service-priority"].rules[2].event.params.lane = "dedicatd";
    });
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      ["$", '"description" is missing'],
      ["$.rules[0].conditions.all[0].value", '"urgent" is not a severity "severity" can have. It can be: low, medium, high, critical'],
    ]);
  });

  test("when a test file has a misshapen case, then the other cases still run and a failing one is reported in the same run", async () => {
    const directory = await writeRulesFolder(minimalRuleFiles(), {
      "tiering.json": {
        family: "tiering",
        cases: [
          { name: "misshapen", facts: { revenue12m: "lots" }, expect: { tier: "gold" } },
          { name: "wrong expectation", facts: { revenue12m: 0, orders12m: 0 }, expect: { tier: "gold" } },
        ],
      },
    });
    const compiled = compileRuleSet(await readRuleFileSources(directory));
    if (!compiled.loaded) throw new Error(compiled.problems.map(describeProblem).join("\n"));
    const report = await runRuleTests(compiled.ruleSet, path.join(directory, "tests"));
    expect(report.problems.map((problem) => [problem.testCase, problem.path])).toEqual([
      ["misshapen", "$.cases[0].facts.revenue12m"],
      ["wrong expectation", "$.cases[1].expect.tier"],
    ]);
    expect(report.problems[1].fix).toBe(
      `if the rules are right, expect "bronze"; if the case is right, change the rules (the explanation of the case's facts names the rule that decided)`,
    );
  });
});

describe("a plain-words fix per problem", () => {
  test("when a fact is unknown, then the fix names the nearest facts of the catalogue", () => {
    const [problem] = problemsAfter((files) => {
      files.tiering.rules[1].conditions.all[0].fact = "revenu12m";
    });
    expect(problem.fix).toMatch(
      /^write a fact of the catalogue; the nearest names are "revenue12m", "[^"]+", "[^"]+" \(every fact, its unit and its range: rules\/FACTS\.md\)$/,
    );
    expect(describeProblem(problem)).toMatch(/The facts are listed in rules\/FACTS\.md Fix: write a fact of the catalogue/);
  });

  test("when a value is out of range, then the fix gives the range in the unit (a percentage as its ratio)", () => {
    const problems = problemsAfter((files) => {
      files["retention-barriers"].rules.push(
        rule("Many returns", 10, [{ fact: "returnRate12m", operator: "greaterThan", value: 20 }], "signal", { signal: "orders_falling", weight: 10 }),
        rule("Unhappy", 10, [{ fact: "satisfaction90d", operator: "lessThan", value: 30 }], "signal", { signal: "complaints", weight: 10 }),
      );
    });
    expect(problems.map((problem) => problem.fix)).toEqual([
      'write 0.2: "returnRate12m" is a ratio, from 0 to 1, not a percentage',
      "write a value from 1 to 5, in score 1 to 5",
    ]);
  });

  test("when an operator, a tier, a lane or the default is not one of the known names, then the fix lists them", () => {
    const problems = problemsAfter((files) => {
      files.tiering.rules[1].conditions.all[0].operator = "greaterThenInclusive";
      files.tiering.rules[0].event.params.tier = "golden";
      files["service-priority"].rules[2].event.params.lane = "fast";
      files.tiering.default.tier = "diamond";
    });
    expect(problems.map((problem) => [problem.path, problem.fix])).toEqual([
      [
        "$.rules[1].conditions.all[0].operator",
        'write one of "equal", "notEqual", "lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive", "in", "notIn"',
      ],
      ["$.default.tier", 'write one of "gold", "silver", "bronze", or declare "diamond" first'],
      ["$.rules[0].event.params.tier", 'write one of "gold", "silver", "bronze", or declare "golden" in tiers of rules/tiering.json first'],
      ["$.rules[2].event.params.lane", 'write one of "dedicated", "standard", or declare "fast" in lanes of rules/service-priority.json first'],
    ]);
  });

  test("when a group is empty or a rule name is repeated, then the fix says what to write", () => {
    const problems = problemsAfter((files) => {
      files.tiering.rules[1].conditions = { all: [] };
      files.tiering.rules[3].name = files.tiering.rules[2].name;
    });
    expect(problems.map((problem) => problem.fix)).toEqual([
      'put at least one condition in the "all" list, or remove the group',
      "give one of the two a name of its own",
    ]);
  });

  test("when a family has no cases or a case name is repeated, then the fix says what to write", async () => {
    const repeated = { name: "no revenue is bronze", facts: { revenue12m: 0, orders12m: 0 }, expect: { tier: "bronze" } };
    const directory = await writeRulesFolder(minimalRuleFiles(), {
      "tiering.json": { family: "tiering", cases: [repeated, repeated] },
      "retention-barriers.json": { family: "tiering", cases: [repeated] },
    });
    const compiled = compileRuleSet(await readRuleFileSources(directory));
    if (!compiled.loaded) throw new Error(compiled.problems.map(describeProblem).join("\n"));
    const report = await runRuleTests(compiled.ruleSet, path.join(directory, "tests"));
    expect(report.problems.map((problem) => [problem.file, problem.fix])).toEqual([
      ["rules/tests/tiering.json", 'rename this case to say what it checks, e.g. "no revenue is bronze (2)"'],
      [
        "rules/tests/retention-barriers.json",
        'write rules/tests/retention-barriers.json with a case for each decision you rely on: { "family": "retention-barriers", "cases": [{ "name": "...", "facts": { ... }, "expect": { ... } }] }',
      ],
    ]);
  });
});
