import { describeProblem } from "../../src/policies/rule-files/rule-problem";
import { validateRuleFiles } from "../../src/policies/rule-files/validate-rule-files";
import { minimalRuleFiles, problemsAfter, rule, toSources } from "./support/rule-fixtures";

/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-assignment --
   the tests edit rule files as free JSON (EditableRuleFiles is any), to write what the types would refuse */

describe("rule file validation", () => {
  test("when the files are the minimal valid set, then there is no problem", () => {
    expect(problemsAfter(() => undefined)).toEqual([]);
  });

  test("when a file is not JSON, then the problem names the file and the line of the syntax error", () => {
    const problems = problemsAfter(() => undefined, { tiering: '{\n  "family": "tiering",\n  "rules": [,]\n}' });
    expect(problems[0]).toMatchObject({ file: "rules/tiering.json", line: 3 });
    expect(problems[0].message).toMatch(/not valid JSON/);
  });

  test("when a fact is misspelled, then the problem names the rule, the line and the path, and suggests the fact", () => {
    const problems = problemsAfter((files) => {
      files.tiering.rules[1].conditions.all[0].fact = "revenu12m";
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "rules/tiering.json", rule: "Silver: 10k a year", path: "$.rules[1].conditions.all[0].fact" });
    expect(problems[0].message).toBe('unknown fact "revenu12m". Did you mean "revenue12m"? The facts are listed in rules/FACTS.md');
    expect(problems[0].line).toBeGreaterThan(1);
    expect(describeProblem(problems[0])).toMatch(
      /^rules\/tiering\.json:\d+:\d+ rule "Silver: 10k a year" \(\$\.rules\[1\]\.conditions\.all\[0\]\.fact\): unknown fact/,
    );
  });

  test("when an operator is unknown, then the JSON Schema problem lists the operators", () => {
    const problems = problemsAfter((files) => {
      files.tiering.rules[1].conditions.all[0].operator = "greaterThenInclusive";
    });
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe("$.rules[1].conditions.all[0].operator");
    expect(problems[0].message).toMatch(/Did you mean "greaterThanInclusive"\?/);
  });

  test("when a value does not fit its fact, then the problem says what the fact takes", () => {
    const problems = problemsAfter((files) => {
      files.tiering.rules[1].conditions.all[0].value = "10000";
      files.tiering.rules[2].conditions.all[0].value = "churnd";
      files.tiering.rules[3].conditions.all[0].operator = "in";
    });
    expect(problems.map((problem) => problem.message)).toEqual([
      '"revenue12m" is a number (USD); "10000" is not',
      '"churnd" is not a status "accountStatus" can have. Did you mean "churned"? It can be: prospect, active, churned',
      "in needs a non-empty list of values, e.g. [1, 2]",
    ]);
  });

  test("when a text fact is compared with lessThan, then the problem says ordering compares numbers", () => {
    const problems = problemsAfter((files) => {
      files.tiering.rules[2].conditions.all[0].operator = "lessThan";
    });
    expect(problems[0].message).toBe('lessThan compares numbers; "accountStatus" is text');
  });

  test("when a fact belongs to another family, then the problem says who may use it", () => {
    const problems = problemsAfter((files) => {
      files.tiering.rules[0].conditions.all[0] = { fact: "accountTier", operator: "equal", value: "gold" };
      files["retention-barriers"].rules[0].conditions.all[0] = { fact: "severity", operator: "equal", value: "high" };
    });
    expect(problems.map((problem) => problem.message)).toEqual([
      '"accountTier" is what the tiering rules decide; they cannot use it as a fact',
      '"severity" is a ticket fact: only service-priority rules can use it',
    ]);
  });

  test("when an event names an undeclared tier or a bad level, then the problem lists the declared names", () => {
    const problems = problemsAfter((files) => {
      files.tiering.rules[0].event.params.tier = "golden";
      files["service-priority"].rules[0].event.params.level = "P0";
      files["retention-barriers"].rules[0].event.params.weight = 150;
    });
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      ["$.rules[0].event.params.tier", '"golden" is not a tier declared in tiers. Did you mean "gold"? It can be: gold, silver, bronze'],
      ["$.rules[0].event.params.level", '"P0" is not a priority level. Did you mean "P1"? It can be: P1, P2, P3, P4'],
      ["$.rules[0].event.params.weight", '"weight" must be a whole number from 1 to 100'],
    ]);
  });

  test("when an event type does not belong to the family, then the problem lists the family's events", () => {
    const problems = problemsAfter((files) => {
      files.tiering.rules[0].event = { type: "priority", params: { level: "P1" } };
    });
    expect(problems[0].message).toBe('a tiering rule raises one of these events: tier, lifecycle-stage; not "priority"');
  });

  test("when two rules share a name, then the second one is reported", () => {
    const problems = problemsAfter((files) => {
      files.tiering.rules[1].name = files.tiering.rules[0].name;
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: "$.rules[1].name" });
    expect(problems[0].message).toMatch(/two rules are named "Gold: 50k a year" \(the other is rules\[0\]\)/);
  });

  test("when a stricter threshold sits below a looser one under first match, then the stricter rule is reported as never firing", () => {
    const problems = problemsAfter((files) => {
      files.tiering.rules.push(
        rule(
          "Gold for 20k",
          25,
          [
            { fact: "revenue12m", operator: "greaterThanInclusive", value: 20000 },
            { fact: "orders12m", operator: "greaterThan", value: 5 },
          ],
          "tier",
          { tier: "gold" },
        ),
      );
      files.tiering.rules.push(rule("Silver for 30k", 10, [{ fact: "revenue12m", operator: "greaterThan", value: 30000 }], "tier", { tier: "silver" }));
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ rule: "Silver for 30k", path: "$.rules[5]" });
    expect(problems[0].message).toMatch(/can never decide the tier: rule "Silver: 10k a year" \(priority 20\) runs first/);
  });

  test("when a collect-all rule repeats another, then nothing is reported (every rule counts)", () => {
    const problems = problemsAfter((files) => {
      files["retention-barriers"].rules.push(
        rule("Orders falling again", 1, [{ fact: "revenueTrend", operator: "lessThan", value: 0.5 }], "signal", { signal: "orders_falling_fast", weight: 10 }),
      );
    });
    expect(problems).toEqual([]);
  });

  test("when a tier has no service targets, then the service-priority file is reported", () => {
    const problems = problemsAfter((files) => {
      delete files["service-priority"].targets.silver;
      files["service-priority"].targets.platinum = files["service-priority"].targets.gold;
    });
    expect(problems.map((problem) => [problem.file, problem.message])).toEqual([
      ["rules/service-priority.json", 'the tier "silver" has no service targets: add "targets": { "silver": { "P1": ..., "P4": ... } }'],
      ["rules/service-priority.json", '"platinum" is not a tier in rules/tiering.json.'],
    ]);
  });

  test("when the default or the hit policy is wrong, then each is reported", () => {
    const problems = problemsAfter((files) => {
      files.tiering.default.tier = "diamond";
      files["retention-barriers"].hitPolicy = "first";
      files["retention-barriers"].riskLevels[2].minScore = 5;
    });
    expect(problems.map((problem) => problem.message)).toEqual([
      '"diamond" is not declared. It can be: gold, silver, bronze',
      'retention-barriers rules use the "collect" hit policy',
      "the lowest risk level needs minScore 0, so that every score has a level",
    ]);
  });

  test("when a rule uses path or an unknown field, then the schema problem explains facts are flat", () => {
    const problems = problemsAfter((files) => {
      files.tiering.rules[0].conditions.all[0].path = "$.amount";
      files.tiering.rules[1].priorty = 5;
    });
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      ["$.rules[0].conditions.all[0].path", '"path" is not allowed: facts are plain values (see rules/FACTS.md), nothing to look inside'],
      ["$.rules[1].priorty", '"priorty" is not a field here. Did you mean "priority"? Fields: name, description, priority, conditions, event'],
    ]);
  });

  test("when several files have problems, then all of them are reported at once", () => {
    const problems = problemsAfter((files) => {
      files.tiering.rules[0].conditions.all[0].fact = "nope";
      files["service-priority"].rules[0].conditions.all[0].value = "urgent";
      files["retention-barriers"].rules[0].event.params.signal = "Orders Falling";
    });
    expect(new Set(problems.map((problem) => problem.file))).toEqual(
      new Set(["rules/tiering.json", "rules/service-priority.json", "rules/retention-barriers.json"]),
    );
  });

  test("when a condition compares two facts of different types, then it is reported", () => {
    const problems = problemsAfter((files) => {
      files.tiering.rules[0].conditions.all[0].value = { fact: "autoRenew" };
    });
    expect(problems[0].message).toBe('"revenue12m" (number) cannot be compared with "autoRenew" (boolean)');
  });

  describe("described values", () => {
    test("when declared values are written with descriptions, bare or mixed, then the files are valid and the descriptions reach the rule set", () => {
      const files = minimalRuleFiles();
      files.tiering.tiers = [{ name: "gold", description: "The best customers" }, "silver", { name: "bronze" }];
      files["service-priority"].lanes = ["dedicated", { name: "standard", description: "First come, first served" }];
      files["service-priority"].levels = [{ name: "P1", description: "Urgent" }, { name: "P2" }, { name: "P3" }, { name: "P4", description: "Low" }];
      files["retention-barriers"].riskLevels[0].description = "Likely to leave";
      const validation = validateRuleFiles(toSources(files));
      expect(validation.valid && validation.files.tiering.tiers).toEqual(["gold", "silver", "bronze"]);
      expect(validation.valid && validation.files["service-priority"].valueDescriptions).toEqual({
        lanes: { standard: "First come, first served" },
        levels: { P1: "Urgent", P4: "Low" },
      });
      expect(validation.valid && validation.files.tiering.valueDescriptions).toEqual({ tiers: { gold: "The best customers" } });
      expect(validation.valid && validation.files["retention-barriers"].valueDescriptions).toEqual({ riskLevels: { high: "Likely to leave" } });
    });

    test("when a value is listed twice, bare or described, then the second is reported", () => {
      const problems = problemsAfter((files) => {
        files.tiering.tiers = ["gold", "silver", { name: "gold", description: "again" }, "bronze"];
        files["service-priority"].lanes = ["dedicated", "standard", "standard"];
      });
      expect(problems.map((problem) => [problem.file, problem.path, problem.message])).toEqual([
        ["rules/tiering.json", "$.tiers[2]", '"gold" is listed twice in tiers'],
        ["rules/service-priority.json", "$.lanes[2]", '"standard" is listed twice in lanes'],
      ]);
    });

    test("when the levels are described out of order or not all of them, then the problem lists them as they must be", () => {
      const levels = (...names: string[]) => names.map((name) => ({ name, description: `level ${name}` }));
      for (const written of [levels("P2", "P1", "P3", "P4"), levels("P1", "P2", "P3"), levels("P1", "P2", "P3", "P4", "P4")]) {
        const problems = problemsAfter((files) => {
          files["service-priority"].levels = written;
        });
        expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
          ["$.levels", "list the levels P1, P2, P3, P4, each once and in that order (they are fixed; you describe them)"],
        ]);
      }
      const unknown = problemsAfter((files) => {
        files["service-priority"].levels = levels("P1", "P2", "P3", "P5");
      });
      expect(unknown.map((problem) => [problem.path, problem.message])).toEqual([
        ["$.levels[3].name", '"P5" is not allowed here. Did you mean "P1"? It can be: "P1", "P2", "P3", "P4"'],
      ]);
    });

    test("when a description is empty or not text, or a described value has a misspelt field, then the schema problem says where and what", () => {
      const problems = problemsAfter((files) => {
        files.tiering.tiers = [
          { name: "gold", description: "" },
          { name: "silver", descripton: "the middle" },
          { name: "bronze", description: 3 },
        ];
        files["retention-barriers"].riskLevels[1].description = "";
        files["service-priority"].lanes = ["dedicated", { description: "no name" }];
      });
      expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
        ["$.tiers[0].description", "must not be empty"],
        ["$.tiers[1].descripton", '"descripton" is not a field here. Did you mean "description"? Fields: name, description'],
        ["$.tiers[2].description", "must be text, not 3"],
        ["$.lanes[1]", '"name" is missing'],
        ["$.riskLevels[1].description", "must not be empty"],
      ]);
    });
  });

  describe("business hours", () => {
    const europe = { timeZone: "Europe/Berlin", workingDays: ["monday", "tuesday", "wednesday", "thursday", "friday"], hours: { from: "09:00", to: "17:00" } };
    const everyRegion = () =>
      Object.fromEntries(["north_america", "latin_america", "europe", "middle_east_africa", "asia_pacific"].map((region) => [region, { ...europe }]));

    test("when targets count business time and every region has its hours, then the files are valid", () => {
      expect(
        problemsAfter((files) => {
          files["service-priority"].businessHours = everyRegion();
          files["service-priority"].targets.bronze.P4.clock = "business";
        }),
      ).toEqual([]);
    });

    test("when business hours name an unknown region, a bad time zone, a bad holiday or a day that ends before it starts, then each is reported", () => {
      const problems = problemsAfter((files) => {
        files["service-priority"].businessHours = {
          europa: { ...europe },
          europe: { ...europe, timeZone: "Europe/Atlantis", hours: { from: "17:00", to: "09:00" }, holidays: ["2026-02-30"] },
        };
      });
      expect(problems.map((problem) => problem.message)).toEqual([
        '"europa" is not a region (north_america, latin_america, europe, middle_east_africa, asia_pacific). Did you mean "europe"?',
        '"Europe/Atlantis" is not a time zone: write an IANA name such as Europe/Berlin or America/New_York',
        "the working day must end after it starts: from 17:00 to 09:00",
        '"2026-02-30" is not a date: write it as 2026-12-25',
      ]);
    });

    test("when a target counts business time and a region has no hours, then the missing regions are named", () => {
      const problems = problemsAfter((files) => {
        files["service-priority"].businessHours = { europe: { ...europe } };
        files["service-priority"].targets.gold.P1.clock = "business";
      });
      expect(problems.map((problem) => problem.message)).toEqual([
        "some targets count business time: give every region its hours (missing: north_america, latin_america, middle_east_africa, asia_pacific)",
      ]);
    });
  });

  test("when a condition group is empty, then it is reported: json-rules-engine would take it as true", () => {
    const problems = problemsAfter((files) => {
      files.tiering.rules[1].conditions = { all: [] };
      files.tiering.rules[2].conditions = { any: [{ any: [] }] };
    });
    expect(problems.map((problem) => [problem.rule, problem.path, problem.message])).toEqual([
      ["Silver: 10k a year", "$.rules[1].conditions.all", 'an empty "all" is always true (the rule would fire for everyone): give it conditions'],
      ["Churned", "$.rules[2].conditions.any[0].any", 'an empty "any" is always true (the rule would fire for everyone): give it conditions'],
    ]);
  });

  test("when a value lies outside what its fact can be (a unit mistake), then it is refused with the range and the unit", () => {
    const problems = problemsAfter((files) => {
      files["retention-barriers"].rules.push(
        rule("Many returns", 10, [{ fact: "returnRate12m", operator: "greaterThan", value: 20 }], "signal", { signal: "orders_falling", weight: 10 }),
        rule("Unhappy", 10, [{ fact: "satisfaction90d", operator: "lessThan", value: 30 }], "signal", { signal: "complaints", weight: 10 }),
        rule("Back in time", 10, [{ fact: "daysSinceLastOrder", operator: "in", value: [10, -5] }], "signal", { signal: "complaints", weight: 10 }),
      );
    });
    expect(problems.map((problem) => [problem.rule, problem.message])).toEqual([
      ["Many returns", '20 is outside what "returnRate12m" can be: from 0 to 1 (ratio 0 to 1) (20 % is 0.2)'],
      ["Unhappy", '30 is outside what "satisfaction90d" can be: from 1 to 5 (score 1 to 5)'],
      ["Back in time", '-5 is outside what "daysSinceLastOrder" can be: 0 or more (days)'],
    ]);
  });
});
