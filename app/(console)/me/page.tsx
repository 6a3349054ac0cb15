import Link from "next/link";
import { MyAccess } from "@/components/me/MyAccess";
import { MyRefusals } from "@/components/me/MyRefusals";
import { PageHeader } from "@/components/ui/PageHeader";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "My access" };

export default async function MyAccessPage() {
  await requireUser();
  return (
    <>
      <PageHeader
        title="My access"
        lead="What you can pull, push and delete and why, and your own refused requests explained."
      />
      <MyAccess />
      <MyRefusals />
      <p>
        A client printed an error? <Link href="/help">Paste it on the Help page</Link>. Your access tokens and their
        scopes are under <Link href="/tokens">Tokens</Link>.
      </p>
    </>
  );
}
