import Link from "next/link";
import { MyAccess } from "@/components/me/MyAccess";
import { MyRefusals } from "@/components/me/MyRefusals";
import { MyRequests } from "@/components/me/MyRequests";
import { SignedInClients } from "@/components/me/SignedInClients";
import { RequestAccess } from "@/components/me/RequestAccess";
import { PageHeader } from "@/components/ui/PageHeader";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "My access" };

type Search = { request?: string; actions?: string };

export default async function MyAccessPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireUser();
  const q = await searchParams;
  const initial = {
    repository: typeof q.request === "string" ? q.request.slice(0, 255) : undefined,
    actions: typeof q.actions === "string" ? q.actions.split(",").slice(0, 3) : undefined,
  };
  return (
    <>
      <PageHeader
        title="My access"
        lead="What you can pull, push and delete and why, your own refused requests explained, and access requests."
      />
      <MyAccess />
      <MyRefusals />
      <RequestAccess key={`${initial.repository}:${initial.actions}`} initial={initial} />
      <MyRequests />
      <SignedInClients />
      <p>
        A client printed an error? <Link href="/help">Paste it on the Help page</Link>. Your access tokens and their
        scopes are under <Link href="/tokens">Tokens</Link>.
      </p>
    </>
  );
}
