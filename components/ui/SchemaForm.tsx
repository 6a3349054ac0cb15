"use client";

import { useRef } from "react";
import type { z } from "zod";
import { validate } from "@/lib/query/validate";

type Props<S extends z.ZodType> = {
  /**
   * The server's own schema, loaded on demand (`() => import("@/lib/validation/x").then((m) => m.y)`):
   * the browser refuses what the server would, with the same message, and the validation code
   * (zod, 31 kB gzipped) is fetched when a form is first used, not with every page.
   */
  schema: () => Promise<S>;
  /** Turns the form's fields into the schema's input. */
  read: (fields: FormData) => unknown;
  onValid: (data: z.infer<S>, form: HTMLFormElement) => void;
  /** The message for invalid input; null once the input is valid. */
  onMessage: (message: string | null) => void;
} & Omit<React.FormHTMLAttributes<HTMLFormElement>, "onSubmit">;

/** The console's one form: reads the fields, validates them with the server's schema, then acts. */
export function SchemaForm<S extends z.ZodType>({ schema, read, onValid, onMessage, children, ...rest }: Props<S>) {
  const loaded = useRef<Promise<S> | null>(null);
  const load = () => (loaded.current ??= schema());
  return (
    <form
      noValidate
      {...rest}
      // Starts fetching the schema as soon as the form is used, so it is there by the submit.
      onFocusCapture={() => void load()}
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        // Read now: the submitter's name/value is part of the fields (e.g. Preview vs Apply).
        const input = read(new FormData(form, (e.nativeEvent as SubmitEvent).submitter));
        void load().then(
          (s) => {
            const v = validate(s, input);
            onMessage(v.error);
            if (v.data !== null) onValid(v.data, form);
          },
          () => {
            loaded.current = null; // the next submit tries again
            onMessage("The form could not load its checks (is the console reachable?): try again.");
          },
        );
      }}
    >
      {children}
    </form>
  );
}

/** A text field's value, trimmed ("" when absent). */
export const fieldText = (f: FormData, name: string) => String(f.get(name) ?? "").trim();
