import { PasteError } from "@/components/help/PasteError";
import { PageHeader } from "@/components/ui/PageHeader";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "Help" };

export default async function HelpPage() {
  await requireUser();
  return (
    <>
      <PageHeader
        title="Help: why can't I push?"
        lead="Paste what docker, podman or skopeo printed: Portcullis names the cause and the exact fix for this registry."
      />
      <PasteError />
    </>
  );
}
