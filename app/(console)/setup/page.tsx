import { MachineSetup } from "@/components/setup/MachineSetup";
import { PageHeader } from "@/components/ui/PageHeader";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/config/env";
import { listRegistries } from "@/lib/db/registries";

export const metadata = { title: "Set up my machine" };

export default async function SetupPage({ searchParams }: { searchParams: Promise<{ registry?: string }> }) {
  const me = await requireUser();
  const q = await searchParams;
  const consoleUrl = env().publicUrl;
  const registries = (await listRegistries()).map((r) => {
    const url = new URL(r.url);
    return {
      name: r.name,
      host: url.host,
      plainHttp: url.protocol === "http:",
      ...(r.caCertificate ? { caUrl: `${consoleUrl}/api/v1/registries/${encodeURIComponent(r.name)}/ca.crt` } : {}),
    };
  });
  return (
    <>
      <PageHeader
        title="Set up my machine"
        lead="Docker, Podman, Kubernetes and CI, configured for this registry: copy, paste, push."
      />
      <MachineSetup
        registries={registries}
        consoleUrl={consoleUrl}
        username={me.username}
        passwordLogin={me.source !== "oidc"}
        initial={{ registry: typeof q.registry === "string" ? q.registry : undefined }}
      />
    </>
  );
}
