"use client";

import type { z } from "zod";
import { validate } from "@/lib/query/validate";

type Props<S extends z.ZodType> = {
  /** The server's own schema: the browser refuses what the server would, with the same message. */
  schema: S;
  /** Turns the form's fields into the schema's input. */
  read: (fields: FormData) => unknown;
  onValid: (data: z.infer<S>, form: HTMLFormElement) => void;
  /** The message for invalid input; null once the input is valid. */
  onMessage: (message: string | null) => void;
} & Omit<React.FormHTMLAttributes<HTMLFormElement>, "onSubmit">;

/** The console's one form: reads the fields, validates them with the server's schema, then acts. */
export function SchemaForm<S extends z.ZodType>({ schema, read, onValid, onMessage, children, ...rest }: Props<S>) {
  return (
    <form
      noValidate
      {...rest}
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        // The submitter's name/value is part of the fields (e.g. Preview vs Apply).
        const v = validate(schema, read(new FormData(form, (e.nativeEvent as SubmitEvent).submitter)));
        onMessage(v.error);
        if (v.data !== null) onValid(v.data, form);
      }}
    >
      {children}
    </form>
  );
}

/** A text field's value, trimmed ("" when absent). */
export const fieldText = (f: FormData, name: string) => String(f.get(name) ?? "").trim();
