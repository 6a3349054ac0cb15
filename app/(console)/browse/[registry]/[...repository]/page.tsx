import Link from "next/link";
import { notFound } from "next/navigation";
import { RepositoryTags } from "@/components/browse/RepositoryTags";
import { PageHeader } from "@/components/ui/PageHeader";
import { requireUser } from "@/lib/auth/session";
import { findRegistryByName } from "@/lib/db/registries";
import { isRepositoryName } from "@/lib/registry/names";

export const metadata = { title: "Repository" };

export default async function RepositoryPage({
  params,
}: {
  params: Promise<{ registry: string; repository: string[] }>;
}) {
  await requireUser();
  const p = await params;
  const registry = await findRegistryByName(decodeURIComponent(p.registry));
  const repository = p.repository.map(decodeURIComponent).join("/");
  if (!registry || !isRepositoryName(repository)) notFound();
  return (
    <>
      <PageHeader title={repository} lead={`on ${registry.name} (${new URL(registry.url).host})`} />
      <p>
        <Link href="/browse">← Repositories</Link>
      </p>
      <RepositoryTags
        registry={registry.name}
        repository={repository}
        direct={registry.browseMode === "direct"}
        pullHost={new URL(registry.url).host}
      />
    </>
  );
}
