"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const [isPending, setIsPending] = useState(false);
  return (
    <Button
      variant="secondary"
      isLoading={isPending}
      onClick={() => {
        setIsPending(true);
        void signOut({ callbackUrl: "/sign-in" });
      }}
    >
      Sign out
    </Button>
  );
}
