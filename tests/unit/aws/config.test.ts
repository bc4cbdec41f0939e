import { describe, expect, it } from "vitest";
import { awsConfigFromEnv, ec2Client, iamClient, iamRegionFor, principalSettingsFromEnv, stsClient } from "@/lib/aws/config";
import { roleCredentials } from "@/lib/aws/principals";
import { parseEnv } from "@/lib/env";

const KEYS = { AWS_ACCESS_KEY_ID: "AKIAVEND111111111111", AWS_SECRET_ACCESS_KEY: "secret" };

describe("awsConfigFromEnv", () => {
  it("leaves everything to the SDK's defaults without AWS configuration", () => {
    expect(awsConfigFromEnv(parseEnv({}))).toEqual({ endpoint: undefined, region: undefined });
  });

  it("uses explicit keys against a custom endpoint", () => {
    const config = awsConfigFromEnv(parseEnv({ AWS_ENDPOINT_URL: "http://127.0.0.1:4566", ...KEYS }));
    expect(config).toEqual({
      endpoint: "http://127.0.0.1:4566",
      region: undefined,
      controlCredentials: { accessKeyId: KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: "secret" },
    });
  });

  it("leaves keys to the SDK's chain against real AWS (it also reads AWS_SESSION_TOKEN) and with a profile", () => {
    expect(awsConfigFromEnv(parseEnv(KEYS)).controlCredentials).toBeUndefined();
    expect(awsConfigFromEnv(parseEnv({ AWS_ENDPOINT_URL: "http://127.0.0.1:4566", AWS_PROFILE: "ops", ...KEYS })).controlCredentials).toBeUndefined();
  });

  it("answers the same object for the same environment, so caches keyed on it are shared", () => {
    const env = parseEnv({});
    expect(awsConfigFromEnv(env)).toBe(awsConfigFromEnv(env));
  });

  it("reads the principal settings", () => {
    expect(principalSettingsFromEnv(parseEnv({}))).toEqual({ mode: "per_organization", sharedPrincipalArn: undefined, rolePath: "/privatelink/" });
    const shared = parseEnv({ PRINCIPAL_MODE: "shared", SHARED_PRINCIPAL_ARN: "arn:aws:iam::111111111111:root" });
    expect(principalSettingsFromEnv(shared)).toMatchObject({ mode: "shared", sharedPrincipalArn: "arn:aws:iam::111111111111:root" });
  });
});

describe("client factories", () => {
  const config = { endpoint: "http://127.0.0.1:4566", controlCredentials: { accessKeyId: "AKIA", secretAccessKey: "s" }, maxAttempts: 1 };

  it("point every client at the endpoint with the control credentials by default", async () => {
    const ec2 = ec2Client(config, "eu-west-1");
    expect(await ec2.config.region()).toBe("eu-west-1");
    expect(await ec2.config.maxAttempts()).toBe(1);
    expect(await ec2.config.credentials()).toMatchObject({ accessKeyId: "AKIA" });
    const endpoint = await ec2.config.endpoint?.();
    expect(endpoint?.hostname).toBe("127.0.0.1");
  });

  it("slow EC2 clients down to the rate EC2 admits once it throttles (adaptive retry), and leave STS and IAM standard", async () => {
    const modeOf = async (client: { config: { retryStrategy: () => Promise<object> } }) => (await client.config.retryStrategy()) as { mode?: string };
    expect(await modeOf(ec2Client(config, "eu-west-1"))).toMatchObject({ mode: "adaptive" });
    expect(await modeOf(iamClient(config))).toMatchObject({ mode: "standard" });
    expect(await modeOf(stsClient(config))).toMatchObject({ mode: "standard" });
  });

  it("sign IAM for us-east-1 and take other credentials when given", async () => {
    expect(await iamClient(config).config.region()).toBe("us-east-1");
    const sts = stsClient(config, "us-west-2", { accessKeyId: "ASIA", secretAccessKey: "t", sessionToken: "x" });
    expect(await sts.config.region()).toBe("us-west-2");
    expect(await sts.config.credentials()).toMatchObject({ accessKeyId: "ASIA", sessionToken: "x" });
  });

  it("make one EC2 client per configuration, credentials and region, and reuse it", () => {
    expect(ec2Client(config, "eu-west-1")).toBe(ec2Client(config, "eu-west-1"));
    expect(ec2Client(config, "eu-west-1")).not.toBe(ec2Client(config, "us-east-1"));
    const role = roleCredentials(config, { roleArn: "arn:aws:iam::111111111111:role/privatelink/a", externalId: "x", sessionName: "portal-a" });
    expect(roleCredentials(config, { roleArn: "arn:aws:iam::111111111111:role/privatelink/a", externalId: "x", sessionName: "portal-a" })).toBe(role);
    expect(ec2Client(config, "eu-west-1", role)).toBe(ec2Client(config, "eu-west-1", role));
    expect(ec2Client(config, "eu-west-1", role)).not.toBe(ec2Client(config, "eu-west-1"));
    expect(ec2Client({ ...config }, "eu-west-1")).not.toBe(ec2Client(config, "eu-west-1"));
  });

  it("ask STS in the control principal's region and sign IAM for its partition", async () => {
    const inChina = { ...config, region: "cn-northwest-1" };
    expect(await stsClient(inChina).config.region()).toBe("cn-northwest-1");
    expect(await iamClient(inChina).config.region()).toBe("cn-north-1");
    expect(iamRegionFor("us-gov-east-1")).toBe("us-gov-west-1");
    expect(iamRegionFor("eu-west-1")).toBe("us-east-1");
    expect(iamRegionFor(undefined)).toBe("us-east-1");
  });
});
