import Link from "next/link";
import { redirect } from "next/navigation";
import { DeviceApproval } from "@/components/device/DeviceApproval";
import { currentUser } from "@/lib/auth/session";

export const metadata = { title: "Sign in a device" };
export const dynamic = "force-dynamic";

/**
 * RFC 8628's verification URI: where a person types (or follows a link with) the code a device
 * shows. Sign-in first, coming back here with the code.
 */
export default async function DevicePage({ searchParams }: { searchParams: Promise<{ code?: string }> }) {
  const { code } = await searchParams;
  const initial = typeof code === "string" ? code.slice(0, 20) : "";
  const me = await currentUser();
  if (!me) redirect(`/login?callbackUrl=${encodeURIComponent(`/device${initial ? `?code=${initial}` : ""}`)}`);
  return (
    <main className="login-wrap">
      <div className="card device">
        <div className="brand">Portcullis</div>
        <DeviceApproval initialCode={initial} username={me.username} />
        <p className="muted">
          <Link href="/tokens#sign-in-a-machine">Your signed-in machines</Link> · <Link href="/">Console</Link>
        </p>
      </div>
    </main>
  );
}
