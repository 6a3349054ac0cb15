"use client";

import { useRegistries } from "@/lib/query/registries";

/**
 * A choice of registry for something that applies to one registry or to all: "" (the first
 * option, `everyLabel`) for every registry, else a registry's name; `everyLabel={null}` when it
 * must be one registry. Uncontrolled unless `value` is given; the registries come from the API
 * unless `names` are passed in.
 */
export function RegistrySelect({
  id,
  name,
  label,
  everyLabel = "every registry",
  names,
  ...rest
}: {
  id: string;
  name?: string;
  label: string;
  everyLabel?: string | null;
  names?: string[];
} & Pick<React.SelectHTMLAttributes<HTMLSelectElement>, "value" | "onChange" | "defaultValue">) {
  const fetched = useRegistries();
  const list = names ?? fetched.data?.registries.map((r) => r.name) ?? [];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        {...(rest.value === undefined && !rest.defaultValue && everyLabel !== null ? { defaultValue: "" } : {})}
        {...rest}
      >
        {everyLabel !== null && <option value="">{everyLabel}</option>}
        {list.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
    </div>
  );
}
