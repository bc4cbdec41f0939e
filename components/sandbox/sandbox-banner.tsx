/** On every sandbox console screen: this is the built-in sandbox AWS, not an AWS account of yours. */
export function SandboxBanner() {
  return (
    <div role="note" aria-label="Sandbox" className="rounded-md border-2 border-dashed border-amber-500 bg-amber-50 p-3 text-sm text-amber-950">
      <strong>Sandbox AWS.</strong> Nothing here touches real AWS: this console plays your organization&apos;s AWS account in the portal&apos;s built-in
      sandbox, so you can try the whole journey without an AWS account or tool.
    </div>
  );
}
