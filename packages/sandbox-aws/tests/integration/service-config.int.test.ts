import {
  CreateVpcEndpointServiceConfigurationCommand,
  DeleteVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointServicePermissionsCommand,
  DescribeVpcEndpointServicesCommand,
  ModifyVpcEndpointServiceConfigurationCommand,
  ModifyVpcEndpointServicePermissionsCommand,
} from "@aws-sdk/client-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import { withSandbox } from "../fixtures/sandbox";
import { clientsOf, CUSTOMER_A, CUSTOMER_B, expectAwsError, loadBalancerOf, VENDOR, type Clients } from "../../src/testing";

describe("sandbox: endpoint service configurations (customer side)", () => {
  const sandbox = withSandbox();
  let customer: Clients;
  let loadBalancer: string;

  beforeAll(async () => {
    customer = clientsOf(sandbox(), CUSTOMER_A);
    loadBalancer = await loadBalancerOf(sandbox(), CUSTOMER_A);
  });

  it("creates a service with private DNS, tags and a client token, and describes it", async () => {
    const input = {
      NetworkLoadBalancerArns: [loadBalancer],
      PrivateDnsName: "db.customer-a.example",
      ClientToken: "svc-1",
      TagSpecifications: [{ ResourceType: "vpc-endpoint-service" as const, Tags: [{ Key: "team", Value: "data" }] }],
    };
    const { ServiceConfiguration: config, ClientToken } = await customer.ec2.send(new CreateVpcEndpointServiceConfigurationCommand(input));
    expect(ClientToken).toBe("svc-1");
    expect(config).toMatchObject({
      ServiceType: [{ ServiceType: "Interface" }],
      ServiceState: "Available",
      AcceptanceRequired: true,
      NetworkLoadBalancerArns: [loadBalancer],
      AvailabilityZones: ["us-east-1a", "us-east-1b"],
      PrivateDnsName: "db.customer-a.example",
      PrivateDnsNameConfiguration: { State: "pendingVerification", Type: "TXT" },
      Tags: [{ Key: "team", Value: "data" }],
    });
    expect(config?.ServiceName).toBe(`com.amazonaws.vpce.us-east-1.${config?.ServiceId}`);
    expect(config?.BaseEndpointDnsNames).toEqual([`${config?.ServiceId}.us-east-1.vpce.amazonaws.com`]);
    const again = await customer.ec2.send(new CreateVpcEndpointServiceConfigurationCommand(input));
    expect(again.ServiceConfiguration?.ServiceId).toBe(config?.ServiceId);
    await expectAwsError(
      customer.ec2.send(new CreateVpcEndpointServiceConfigurationCommand({ ...input, AcceptanceRequired: false })),
      "IdempotentParameterMismatch",
    );

    const described = await customer.ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ Filters: [{ Name: "tag:team", Values: ["data"] }] }));
    expect(described.ServiceConfigurations?.map((s) => s.ServiceId)).toEqual([config?.ServiceId]);
    const details = await customer.ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [config?.ServiceName ?? ""] }));
    expect(details.ServiceDetails?.[0]).toMatchObject({ PrivateDnsName: "db.customer-a.example", PrivateDnsNameVerificationState: "pendingVerification" });
  });

  it("refuses load balancers that are not the caller's", async () => {
    await expectAwsError(
      customer.ec2.send(new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [await loadBalancerOf(sandbox(), CUSTOMER_B)] })),
      "InvalidParameter",
    );
    const west = clientsOf(sandbox(), CUSTOMER_A, "us-west-2").ec2;
    await expectAwsError(west.send(new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [loadBalancer] })), "InvalidParameter");
  });

  it("modifies acceptance, supported regions and private DNS", async () => {
    const { ServiceConfiguration } = await customer.ec2.send(new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [loadBalancer] }));
    const serviceId = ServiceConfiguration?.ServiceId ?? "";
    const modified = await customer.ec2.send(
      new ModifyVpcEndpointServiceConfigurationCommand({ ServiceId: serviceId, AcceptanceRequired: false, AddSupportedRegions: ["eu-west-1", "us-west-2"] }),
    );
    expect(modified.Return).toBe(true);
    await customer.ec2.send(new ModifyVpcEndpointServiceConfigurationCommand({ ServiceId: serviceId, RemoveSupportedRegions: ["us-west-2"] }));
    const { ServiceConfigurations } = await customer.ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId] }));
    expect(ServiceConfigurations?.[0]?.AcceptanceRequired).toBe(false);
    expect(ServiceConfigurations?.[0]?.SupportedRegions?.map((r) => r.Region)).toEqual(["us-east-1", "eu-west-1"]);
    await expectAwsError(
      customer.ec2.send(new ModifyVpcEndpointServiceConfigurationCommand({ ServiceId: serviceId, AddSupportedRegions: ["mars-north-1"] })),
      "InvalidParameter",
    );
    await expectAwsError(
      customer.ec2.send(new ModifyVpcEndpointServiceConfigurationCommand({ ServiceId: serviceId, RemoveNetworkLoadBalancerArns: [loadBalancer] })),
      "InvalidParameter",
    );
  });

  it("keeps allow lists per service and validates principals", async () => {
    const { ServiceConfiguration } = await customer.ec2.send(new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [loadBalancer] }));
    const serviceId = ServiceConfiguration?.ServiceId ?? "";
    const principals = [`arn:aws:iam::${VENDOR.accountId}:role/tenants/a`, `arn:aws:iam::${VENDOR.accountId}:root`, "*"];
    const added = await customer.ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, AddAllowedPrincipals: principals }));
    expect(added.AddedPrincipals?.map((p) => p.PrincipalType)).toEqual(["Role", "Account", "All"]);
    expect(added.ReturnValue).toBe(true);
    const { AllowedPrincipals } = await customer.ec2.send(
      new DescribeVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, Filters: [{ Name: "principal-type", Values: ["Role"] }] }),
    );
    expect(AllowedPrincipals?.map((p) => p.Principal)).toEqual([principals[0]]);
    await expectAwsError(
      customer.ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, AddAllowedPrincipals: ["vendor"] })),
      "InvalidPrincipal",
    );
    // Another account's service is "not found".
    await expectAwsError(
      clientsOf(sandbox(), CUSTOMER_B).ec2.send(new DescribeVpcEndpointServicePermissionsCommand({ ServiceId: serviceId })),
      "InvalidVpcEndpointServiceId.NotFound",
    );
  });

  it("deletes services without active connections and reports unknown ones", async () => {
    const { ServiceConfiguration } = await customer.ec2.send(new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [loadBalancer] }));
    const serviceId = ServiceConfiguration?.ServiceId ?? "";
    const result = await customer.ec2.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId, "vpce-svc-0123456789abcdef0"] }));
    expect(result.Unsuccessful?.map((u) => [u.ResourceId, u.Error?.Code])).toEqual([["vpce-svc-0123456789abcdef0", "InvalidVpcEndpointService.NotFound"]]);
    await expectAwsError(
      customer.ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId] })),
      "InvalidVpcEndpointServiceId.NotFound",
    );
  });
});
