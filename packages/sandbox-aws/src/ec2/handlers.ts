import type { Handler } from "../runtime";
import { connectionHandlers } from "./connections";
import { endpointHandlers } from "./endpoints";
import { networkHandlers } from "./network";
import { networkInterfaceHandlers } from "./network-interfaces";
import { resourceEndpointHandlers } from "./resource-endpoints";
import { routeTableHandlers } from "./route-tables";
import { securityGroupHandlers } from "./security-groups";
import { serviceHandlers } from "./services";
import { tagHandlers } from "./tags";
import { visibilityHandlers } from "./visibility";

/** Every EC2 action the sandbox answers; anything else is InvalidAction. */
export const ec2Handlers: Record<string, Handler> = {
  ...networkHandlers,
  ...securityGroupHandlers,
  ...routeTableHandlers,
  ...networkInterfaceHandlers,
  ...serviceHandlers,
  ...visibilityHandlers,
  ...endpointHandlers,
  ...resourceEndpointHandlers,
  ...connectionHandlers,
  ...tagHandlers,
};
