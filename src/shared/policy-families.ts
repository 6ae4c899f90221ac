/** The three policy families, each one rule file: what the policy layer, its settings and its API name. */
export const policyFamilies = ["tiering", "service-priority", "retention-barriers"] as const;
export type PolicyFamily = (typeof policyFamilies)[number];
