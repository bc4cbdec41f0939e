import { z } from "zod";
import { notificationPreferencesSchema, unsubscribedSchema, unsubscribeTokenSchema, updateNotificationPreferencesInputSchema } from "@/lib/notifications/kinds";
import { SESSION_ONLY } from "./access";
import { defineOperation } from "./operation";

export const notificationOperations = {
  getNotificationPreferences: defineOperation({
    operationId: "getNotificationPreferences",
    method: "GET",
    path: "/api/v1/me/notifications",
    tag: "Account",
    summary: "Which notifications you get by email",
    description: "Every kind, on unless you turned it off (here, in Settings, or with a message's unsubscribe link).",
    access: { ...SESSION_ONLY, scope: "read" },
    success: { status: 200, description: "Your choices.", schema: notificationPreferencesSchema },
  }),
  updateNotificationPreferences: defineOperation({
    operationId: "updateNotificationPreferences",
    method: "PATCH",
    path: "/api/v1/me/notifications",
    tag: "Account",
    summary: "Choose which notifications you get by email",
    description: "Name the kinds to change (`true`: get it, `false`: not); the others stay as they are.",
    access: SESSION_ONLY,
    body: updateNotificationPreferencesInputSchema,
    success: { status: 200, description: "Your choices, all of them.", schema: notificationPreferencesSchema },
  }),
};

/** One-click unsubscribe (RFC 8058): public, the token is the credential; mail clients POST `List-Unsubscribe=One-Click`. */
export const unsubscribeOperations = {
  unsubscribe: defineOperation({
    operationId: "unsubscribe",
    method: "POST",
    path: "/api/v1/unsubscribe/{token}",
    tag: "Portal",
    summary: "Stop one kind of notification for the person a message's unsubscribe link names",
    access: "public",
    params: z.object({ token: unsubscribeTokenSchema }),
    success: { status: 200, description: "That kind is off.", schema: unsubscribedSchema },
  }),
};
