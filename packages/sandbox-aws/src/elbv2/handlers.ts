import type { Handler } from "../runtime";
import { listenerHandlers } from "./listeners";
import { loadBalancerHandlers } from "./load-balancers";
import { tagHandlers } from "./tags";
import { targetGroupHandlers } from "./target-groups";
import { targetHandlers } from "./targets";

/** Every Elastic Load Balancing v2 action the sandbox answers (Query protocol, 2015-12-01). */
export const elbv2Handlers: Record<string, Handler> = {
  ...loadBalancerHandlers,
  ...targetGroupHandlers,
  ...targetHandlers,
  ...listenerHandlers,
  ...tagHandlers,
};
