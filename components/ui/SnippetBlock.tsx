import type { Snippet } from "@/lib/registry/machine-setup";
import { CopyButton } from "./CopyButton";

/** One ready-to-paste snippet: what it is, where it goes, the text with a copy button, and a note. */
export function SnippetBlock({ snippet: s }: { snippet: Snippet }) {
  return (
    <div data-testid={`snippet-${s.id}`} style={{ marginBottom: 14 }}>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <strong>{s.title}</strong>
        <CopyButton text={s.text} label={`Copy: ${s.title}`} />
      </div>
      {s.file && <div className="muted mono">{s.file}</div>}
      <pre>{s.text}</pre>
      {s.note && <p className="muted">{s.note}</p>}
    </div>
  );
}
