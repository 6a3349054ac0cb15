import { RepositoryList } from "@/components/browse/RepositoryList";
import { PageHeader } from "@/components/ui/PageHeader";
import { requireUser } from "@/lib/auth/session";
import { listRegistries } from "@/lib/db/registries";

export const metadata = { title: "Browse" };

export default async function BrowsePage() {
  await requireUser();
  const registries = await listRegistries();
  return (
    <>
      <PageHeader
        title="Browse"
        lead="The repositories you may pull, their tags and manifests, read through Portcullis with your own rights."
      />
      <RepositoryList
        registries={registries.map((r) => ({
          name: r.name,
          url: r.url,
          authMode: r.authMode,
          browseMode: r.browseMode,
        }))}
      />
    </>
  );
}
