/**
 * Every tag key the product writes in AWS (endpoints, roles) starts with one prefix, so one IAM
 * condition or one filter covers them all. The organization tag is what each organization's role
 * policy keys on: a role may create, change and delete only endpoints that carry its own.
 */
export const TAG_PREFIX = "privatelink-portal:";
export const TAG_ORGANIZATION_ID = `${TAG_PREFIX}organization-id`;
export const TAG_ORGANIZATION_SLUG = `${TAG_PREFIX}organization-slug`;
/** On endpoints: the link it serves; the provisioner adopts an endpoint found by it after a crash. */
export const TAG_LINK_ID = `${TAG_PREFIX}link-id`;
/** On roles the product makes that are not an organization's (the canary). */
export const TAG_PURPOSE = `${TAG_PREFIX}purpose`;
