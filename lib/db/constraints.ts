/** Whether a database error, however the driver and Prisma wrap it, names `constraint` (a unique, exclusion or check constraint). */
export function violatesConstraint(error: unknown, constraint: string): boolean {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) if (cause.message.includes(constraint)) return true;
  return false;
}
