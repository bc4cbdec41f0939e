// One prefix for every tag key we write in AWS, so one IAM condition or one filter covers them all.
export const TAG_PREFIX = "privatelink-portal:";
export const TAG_ORGANIZATION_ID = `${TAG_PREFIX}organization-id`;
export const TAG_ORGANIZATION_SLUG = `${TAG_PREFIX}organization-slug`;
/** On endpoints: the link it serves; the provisioner adopts an endpoint found by it after a crash. */
export const TAG_LINK_ID = `${TAG_PREFIX}link-id`;
export const TAG_PURPOSE = `${TAG_PREFIX}purpose`;
