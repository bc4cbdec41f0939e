import { z } from "zod";

/**
 * Faults injected through `POST /_sandbox/faults`: latency, a rate of 500/503 answers, forced
 * throttling, or endpoints that end up `failed`, for chosen actions (or all), optionally for one
 * account and a limited number of requests.
 */
export const faultSchema = z
  .object({
    action: z.string().min(1).default("*"),
    accountId: z
      .string()
      .regex(/^\d{12}$/)
      .optional(),
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    errorRate: z.number().min(0).max(1).optional(),
    errorStatus: z.union([z.literal(500), z.literal(503)]).default(503),
    throttle: z.boolean().optional(),
    failEndpoints: z.boolean().optional(),
    /** How many matching requests the fault applies to; unlimited when absent. */
    count: z.number().int().min(1).optional(),
  })
  .strict();

export type FaultInput = z.input<typeof faultSchema>;
export type Fault = z.infer<typeof faultSchema> & { id: number; used: number };

export const faultsBodySchema = z.union([z.object({ faults: z.array(faultSchema), replace: z.boolean().optional() }).strict(), faultSchema]);

export class Faults {
  private faults: Fault[] = [];
  private nextId = 1;

  add(inputs: z.infer<typeof faultSchema>[], replace = false): Fault[] {
    if (replace) this.faults = [];
    const added = inputs.map((input) => ({ ...input, id: this.nextId++, used: 0 }));
    this.faults.push(...added);
    return added;
  }

  list(): Fault[] {
    return [...this.faults];
  }

  clear(): void {
    this.faults = [];
  }

  /** The faults that apply to this request; each one counts the use and retires when spent. */
  match(action: string, accountId: string): Fault[] {
    const matched = this.faults.filter((fault) => (fault.action === "*" || fault.action === action) && (!fault.accountId || fault.accountId === accountId));
    for (const fault of matched) fault.used += 1;
    this.faults = this.faults.filter((fault) => fault.count === undefined || fault.used < fault.count);
    return matched;
  }
}
