import { AwsError, invalidParameterValue, missingParameter, type AwsService } from "../errors";

export interface Tag {
  key: string;
  value: string;
}

export interface Filter {
  name: string;
  values: string[];
}

/**
 * The flattened parameters of a Query request. EC2 lists are `Name.N` (and `Name.N.Field`);
 * the Query protocol of STS and IAM adds `.member.`: `Tags.member.N.Key`.
 */
export class Params {
  constructor(
    private readonly values: Map<string, string>,
    readonly service: AwsService,
  ) {}

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  required(name: string): string {
    const value = this.values.get(name);
    if (value === undefined || value === "") throw missingParameter(this.service, name);
    return value;
  }

  bool(name: string): boolean | undefined {
    const value = this.values.get(name);
    if (value === undefined) return undefined;
    if (value === "true") return true;
    if (value === "false") return false;
    throw invalidParameterValue(`Value (${value}) for parameter ${name} is invalid. Expected: 'true' or 'false'.`);
  }

  int(name: string, range?: { min: number; max: number }): number | undefined {
    const value = this.values.get(name);
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(number)) {
      throw invalidParameterValue(`Value (${value}) for parameter ${name} is invalid. Expected an integer.`);
    }
    if (range && (number < range.min || number > range.max)) {
      if (this.service !== "ec2") {
        throw new AwsError(
          "ValidationError",
          `1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must have value between ${range.min} and ${range.max}`,
        );
      }
      throw invalidParameterValue(`Value ( ${value} ) for parameter ${name} is invalid. Expecting a value between ${range.min} and ${range.max}.`);
    }
    return number;
  }

  /** Indices N present under `prefix.N` (optionally followed by a field), in numeric order. */
  private indices(prefix: string): number[] {
    const found = new Set<number>();
    const start = `${prefix}.`;
    for (const key of this.values.keys()) {
      if (!key.startsWith(start)) continue;
      const match = /^(\d+)(\.|$)/.exec(key.slice(start.length));
      if (match?.[1]) found.add(Number(match[1]));
    }
    return [...found].sort((a, b) => a - b);
  }

  private listPrefix(name: string): string {
    return this.service === "ec2" ? name : `${name}.member`;
  }

  list(name: string): string[] {
    const prefix = this.listPrefix(name);
    return this.indices(prefix).flatMap((i) => {
      const value = this.values.get(`${prefix}.${i}`);
      return value === undefined ? [] : [value];
    });
  }

  tags(name: string): Tag[] {
    const prefix = this.listPrefix(name);
    return this.indices(prefix).map((i) => {
      const key = this.values.get(`${prefix}.${i}.Key`);
      if (key === undefined) throw missingParameter(this.service, `${prefix}.${i}.Key`);
      return { key, value: this.values.get(`${prefix}.${i}.Value`) ?? "" };
    });
  }

  /**
   * The members of a list of structures (`Name.member.N.Field...` in the Query protocol,
   * `Name.N.Field...` in EC2's), each as its fields under that prefix: `{ Id, Port }`.
   */
  structs(name: string): Map<string, string>[] {
    const prefix = this.listPrefix(name);
    return this.indices(prefix).map((i) => {
      const start = `${prefix}.${i}.`;
      const fields = new Map<string, string>();
      for (const [key, value] of this.values) if (key.startsWith(start)) fields.set(key.slice(start.length), value);
      return fields;
    });
  }

  filters(): Filter[] {
    return this.indices("Filter").map((i) => {
      const name = this.values.get(`Filter.${i}.Name`);
      if (name === undefined) throw missingParameter(this.service, `Filter.${i}.Name`);
      const values = this.indices(`Filter.${i}.Value`).flatMap((j) => this.values.get(`Filter.${i}.Value.${j}`) ?? []);
      return { name, values };
    });
  }

  /** Tags of the TagSpecification entries naming `resourceType`; other resource types are refused. */
  tagSpecifications(resourceType: string): Tag[] {
    return this.indices("TagSpecification").flatMap((i) => {
      const type = this.values.get(`TagSpecification.${i}.ResourceType`);
      if (type !== resourceType) {
        throw invalidParameterValue(`'${type ?? ""}' is not a valid taggable resource type for this operation.`);
      }
      return this.tags(`TagSpecification.${i}.Tag`);
    });
  }

  /** A stable rendering of every parameter but the listed ones, for idempotency comparisons. */
  fingerprint(exclude: string[]): string {
    return [...this.values.entries()]
      .filter(([key]) => !exclude.includes(key))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => `${key}=${value}`)
      .join("&");
  }
}
