"use client";

import { useState } from "react";
import { Dialog } from "@/components/ui/Dialog";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { useManifest } from "@/lib/query/browse";
import { platformName } from "@/lib/registry/manifests";
import { bytes, shortDigest, utc } from "./format";
import { CopyableText } from "@/components/ui/CopyableText";

/** One manifest: layers and sizes, config labels and history; for an index, its platforms to open. */
export function ManifestView({
  registry,
  repository,
  reference,
  onClose,
}: {
  registry: string;
  repository: string;
  reference: string;
  onClose: () => void;
}) {
  const [ref, setRef] = useState(reference);
  const m = useManifest(registry, repository, ref);
  return (
    <Dialog
      title={ref.startsWith("sha256:") ? `${repository}@${shortDigest(ref)}` : `${repository}:${ref}`}
      open
      onClose={onClose}
    >
      <ErrorNote error={m.error} />
      {m.isPending && <p className="muted">Loading the manifest…</p>}
      {m.data && (
        <div data-testid="manifest">
          {m.data.pull.byTag && <CopyableText text={m.data.pull.byTag} label="pull by tag" />}
          <CopyableText text={m.data.pull.byDigest} label="pull by digest" />
          <p className="muted mono">{m.data.manifest.mediaType}</p>
          {m.data.manifest.kind === "index" ? (
            <>
              <h3>Platforms</h3>
              <ul>
                {m.data.manifest.manifests.map((d) => (
                  <li key={d.digest}>
                    <button type="button" className="link" onClick={() => setRef(d.digest)}>
                      {platformName(d.platform)}
                    </button>{" "}
                    <span className="muted mono">
                      {shortDigest(d.digest)} · {bytes(d.size)}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <>
              <h3>Layers ({bytes(m.data.manifest.size)} in all)</h3>
              <ol>
                {m.data.manifest.layers.map((l) => (
                  <li key={l.digest} className="mono">
                    {shortDigest(l.digest)} <span className="muted">{bytes(l.size)}</span>
                  </li>
                ))}
              </ol>
              {m.data.config && (
                <>
                  <p>
                    {m.data.config.os}/{m.data.config.architecture}, created {utc(m.data.config.created)}
                  </p>
                  <h3>Labels</h3>
                  {Object.keys(m.data.config.labels).length === 0 ? (
                    <p className="muted">none</p>
                  ) : (
                    <table>
                      <tbody>
                        {Object.entries(m.data.config.labels).map(([k, v]) => (
                          <tr key={k}>
                            <th scope="row" className="mono">
                              {k}
                            </th>
                            <td className="mono">{v}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                  <h3>History</h3>
                  <ol>
                    {m.data.config.history.map((h, i) => (
                      <li key={i} className="mono" style={{ wordBreak: "break-all" }}>
                        {h.createdBy ?? h.comment ?? "—"}
                        {h.emptyLayer ? <span className="muted"> (no layer)</span> : null}
                      </li>
                    ))}
                  </ol>
                </>
              )}
            </>
          )}
        </div>
      )}
    </Dialog>
  );
}
