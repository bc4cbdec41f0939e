"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { signOut } from "./credentials-sign-in";

export function SignOutButton() {
  const router = useRouter();
  const [isPending, setIsPending] = useState(false);
  return (
    <Button
      variant="secondary"
      className="shrink-0 whitespace-nowrap"
      isLoading={isPending}
      onClick={async () => {
        setIsPending(true);
        await signOut();
        // Signed out, the server sends every page of the app to sign-in; refresh drops the ones cached.
        router.replace("/sign-in");
        router.refresh();
      }}
    >
      Sign out
    </Button>
  );
}
