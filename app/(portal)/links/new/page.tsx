import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { RegisterLinkForm } from "@/components/links/register-link-form";

export const metadata: Metadata = { title: "Register a link" };

export default function NewLinkPage() {
  return (
    <>
      <h1 className="text-2xl font-bold">Register a link</h1>
      <Card>
        <RegisterLinkForm />
      </Card>
    </>
  );
}
