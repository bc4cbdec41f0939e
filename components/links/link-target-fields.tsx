"use client";

import { useState } from "react";
import type { z } from "zod";
import { useAwsAccounts } from "@/components/orgs/use-aws-accounts";
import { Field } from "@/components/ui/field";
import type { AwsAccount } from "@/lib/api-client/client";
import { configurationArnSchema, partsOfConfigurationArn, regionOfServiceName, serviceNameSchema, shareArnSchema } from "@/lib/links/schemas";

// What a link connects to, as the register form asks for it: an endpoint service name, or a resource configuration ARN
// (and, optionally, the RAM share carrying it). Each field is checked with the API's own schema as it is typed.

/** Long enough to be meant whole: shorter input is not judged while it is typed, only once the field is left. */
const JUDGE_SERVICE_NAME_FROM = "com.amazonaws.vpce.".length + 10;
const JUDGE_CONFIGURATION_ARN_FROM = "arn:aws:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-".length + 17;

/** A field's value as it is typed: the value once it passes, or its format error once it is judged (nothing before). */
function judge(schema: z.ZodType, value: string, isJudged: (trimmed: string) => boolean): { passed?: string; error?: string } {
  const trimmed = value.trim();
  if (!trimmed) return {};
  const parsed = schema.safeParse(trimmed);
  if (parsed.success) return { passed: trimmed };
  return isJudged(trimmed) ? { error: parsed.error.issues[0]?.message } : {};
}

/** The service name's format error, or the region it names. */
export function readServiceName(value: string, hasLeftField: boolean): { error?: string; region?: string } {
  const { passed, error } = judge(serviceNameSchema, value, (trimmed) => hasLeftField || trimmed.length >= JUDGE_SERVICE_NAME_FROM);
  return { error, region: passed ? regionOfServiceName(passed) : undefined };
}

/** The configuration ARN's format error, or the region and owner account it names. */
export function readConfigurationArn(value: string, hasLeftField: boolean): { error?: string; region?: string; accountId?: string } {
  const { passed, error } = judge(configurationArnSchema, value, (trimmed) => hasLeftField || trimmed.length >= JUDGE_CONFIGURATION_ARN_FROM);
  return { error, ...(passed ? partsOfConfigurationArn(passed) : {}) };
}

/** What the ARN field says under it: where to find the ARN, or the configuration's region and whether its owner account is proved. */
export function configurationHintOf(reading: { region?: string; accountId?: string }, accounts: AwsAccount[] | undefined): string {
  const { region, accountId } = reading;
  if (!region || !accountId) return "From the VPC console: PrivateLink and Lattice → Resource configurations → yours → ARN; the setup kit prints it too.";
  const what = `A resource configuration in ${region}, owned by account ${accountId}`;
  if (!accounts) return `✓ ${what}.`;
  const account = accounts.find((a) => a.accountId === accountId);
  if (account?.proof === "proved") return `✓ ${what}, which your organization proved.`;
  const fix = "on the Setup page (Your AWS accounts), or verification fails its owner check.";
  return account ? `${what}: declared but not proved yet. Prove it ${fix}` : `${what}, which your organization has not declared: add and prove it ${fix}`;
}

/** What a machine-made identifier's field turns off: it is pasted, not typed as words. */
const IDENTIFIER = { autoComplete: "off", spellCheck: false, className: "font-mono" } as const;

type FieldReading = { error?: string; hint: string };

/** A controlled identifier field, judged as it is typed by `read` (given whether the field was left): its format error and hint. */
function JudgedField({
  label,
  name,
  placeholder,
  value,
  onChange,
  error,
  read,
}: {
  label: string;
  name: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  read: (value: string, hasLeftField: boolean) => FieldReading;
}) {
  const [hasLeft, setHasLeft] = useState(false);
  const reading = read(value, hasLeft);
  return (
    <Field
      label={label}
      name={name}
      placeholder={placeholder}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onBlur={() => setHasLeft(true)}
      error={error || reading.error}
      hint={reading.hint}
      {...IDENTIFIER}
    />
  );
}

export function ServiceNameField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string }) {
  return (
    <JudgedField
      label="Endpoint service name"
      name="serviceName"
      placeholder="com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
      value={value}
      onChange={onChange}
      error={error}
      read={(typed, hasLeft) => {
        const { error: formatError, region } = readServiceName(typed, hasLeft);
        return {
          error: formatError,
          hint: region ? `✓ An endpoint service in ${region}.` : "From your VPC console: Endpoint services → your service → Service name.",
        };
      }}
    />
  );
}

/** The configuration ARN (controlled: its region preselects ours) and the optional RAM share ARN. */
export function ResourceFields({
  arn,
  onArnChange,
  errors,
  onShareArnChange,
}: {
  arn: string;
  onArnChange: (value: string) => void;
  errors: { resourceConfigurationArn?: string; resourceShareArn?: string };
  onShareArnChange: () => void;
}) {
  const accounts = useAwsAccounts();
  const [shareError, setShareError] = useState<string>();
  return (
    <>
      <JudgedField
        label="Resource configuration ARN"
        name="resourceConfigurationArn"
        placeholder="arn:aws:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-0123456789abcdef0"
        value={arn}
        onChange={onArnChange}
        error={errors.resourceConfigurationArn}
        read={(typed, hasLeft) => {
          const reading = readConfigurationArn(typed, hasLeft);
          return { error: reading.error, hint: configurationHintOf(reading, accounts.data?.data) };
        }}
      />
      <Field
        label="RAM resource share ARN"
        name="resourceShareArn"
        placeholder="arn:aws:ram:us-east-1:123456789012:resource-share/…"
        onChange={() => {
          setShareError(undefined);
          onShareArnChange();
        }}
        onBlur={(event) => {
          const value = event.target.value.trim();
          setShareError(value ? shareArnSchema.safeParse(value).error?.issues[0]?.message : undefined);
        }}
        error={errors.resourceShareArn || shareError}
        hint="Optional: the share that carries the configuration to our AWS account. Without it, we accept any pending invitation from the configuration's owner account."
        {...IDENTIFIER}
      />
    </>
  );
}
