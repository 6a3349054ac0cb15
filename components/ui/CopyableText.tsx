import { CopyButton } from "./CopyButton";

/** Text to paste elsewhere (a command, a config section, a fix), with its copy button. */
export function CopyableText({
  text,
  label,
  testId,
  wrap,
}: {
  text: string;
  /** What is copied, for the button's accessible name ("Copy: pull by digest"). */
  label: string;
  testId?: string;
  wrap?: boolean;
}) {
  return (
    <div className="copyable">
      <CopyButton text={text} label={`Copy: ${label}`} />
      <pre data-testid={testId} style={wrap ? { whiteSpace: "pre-wrap" } : undefined}>
        {text}
      </pre>
    </div>
  );
}
