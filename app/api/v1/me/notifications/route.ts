import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { notificationOperations } from "@/lib/api/notification-operations";
import { getNotificationPreferences, updateNotificationPreferences } from "@/lib/notifications/preferences";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(notificationOperations.getNotificationPreferences, ({ ctx }) => getNotificationPreferences({ ctx, input: null })),
  PATCH: apiRoute(notificationOperations.updateNotificationPreferences, ({ ctx, body }) => updateNotificationPreferences({ ctx, input: body })),
});
