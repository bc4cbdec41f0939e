/** HCL as `terraform fmt` writes it, for the Terraform kits: blocks, aligned attributes, variables and their validations. */

export type Line = string;
export type Attr = [key: string, value: string];

export const str = (value: string) => JSON.stringify(value);
export const list = (values: (string | number)[]) => `[${values.map((v) => (typeof v === "number" ? String(v) : str(v))).join(", ")}]`;

/** Consecutive one-line attributes, their `=` aligned as terraform fmt aligns them. */
export function attrs(pairs: Attr[], indent: string): Line[] {
  const width = Math.max(...pairs.map(([key]) => key.length));
  return pairs.map(([key, value]) => `${indent}${key.padEnd(width)} = ${value}`);
}

export function block(header: string, body: Line[], indent = ""): Line[] {
  return [`${indent}${header} {`, ...body, `${indent}}`];
}

export function variable(name: string, type: string, description: string, extra: Line[] = [], defaultValue?: string): Line[] {
  const pairs: Attr[] = [
    ["type", type],
    ["description", str(description)],
  ];
  if (defaultValue !== undefined) pairs.push(["default", defaultValue]);
  return [...block(`variable "${name}"`, [...attrs(pairs, "  "), ...extra]), ""];
}

export function validation(condition: string, message: string): Line[] {
  return [
    "",
    ...block(
      "validation",
      attrs(
        [
          ["condition", condition],
          ["error_message", str(message)],
        ],
        "    ",
      ),
      "  ",
    ),
  ];
}

/** The `terraform` block: Terraform 1.5 or later, and the AWS provider from `minVersion`. */
export function terraformRequirements(minVersion: string): Line[] {
  const aws = block(
    "aws =",
    attrs(
      [
        ["source", str("hashicorp/aws")],
        ["version", str(`>= ${minVersion}`)],
      ],
      "      ",
    ),
    "    ",
  );
  return block("terraform", ['  required_version = ">= 1.5"', ...block("required_providers", aws, "  ")]);
}
