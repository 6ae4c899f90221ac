/**
 * `base`, or `base` with the first free number (2, 3, ...) when it is taken; records the result as taken.
 * Names that must be unique (partner names, emails per account) stay realistic and never collide.
 */
export function uniqueName(taken: Set<string>, base: string, withSuffix: (base: string, suffix: number) => string): string {
  let candidate = base;
  for (let suffix = 2; taken.has(candidate.toLowerCase()); suffix += 1) candidate = withSuffix(base, suffix);
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** A company name as a domain label: "Hegmann - Simonis" becomes "hegmann-simonis". */
export function domainLabel(companyName: string): string {
  const label = companyName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return label || "company";
}

/** Lower-case letters and digits only, so that an address is valid whatever the name holds (O'Keefe). */
export function emailWord(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "");
}
