// A small application that uses the example's flags through the Featurevisor SDK, so that
// Flaglens has code to show: rollout lenses on each call, a warning on the deprecated flag
// with quick fixes that remove it, and stale flags once they are fully rolled out for a while.
import { createInstance } from "@featurevisor/sdk";

const f = createInstance({ datafileUrl: "https://cdn.example.com/datafile.json" });

export function checkoutPage(userId: string): string {
  const context = { userId };
  if (f.getVariation("newCheckout", context) === "treatment") {
    const color = f.getVariableString("newCheckout", "buttonColor", context);
    const steps = f.getVariableInteger("newCheckout", "steps", context);
    return `new checkout in ${steps} steps, with a ${color} button`;
  }
  return "checkout";
}

export function banner(userId: string): string | undefined {
  // oldBanner is deprecated: Flaglens warns here and offers to remove the flag.
  if (f.isEnabled("oldBanner", { userId })) {
    return "Spring sale!";
  }
  return undefined;
}

export function productBadge(userId: string): string {
  // saleBadge is on for everyone everywhere: once its file is unchanged for 30 days, it is stale.
  return f.isEnabled("saleBadge", { userId }) ? "sale" : "";
}
