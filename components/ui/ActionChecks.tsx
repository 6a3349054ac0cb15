import { REPOSITORY_ACTIONS } from "@/lib/registry/authorize";

/** pull / push / delete as checkboxes named `${name}-<action>`; read them back with checkedActions. */
export function ActionChecks({
  name,
  checked = ["pull"],
  only = REPOSITORY_ACTIONS,
  legend = "Actions",
}: {
  name: string;
  checked?: readonly string[];
  only?: readonly string[];
  legend?: string;
}) {
  return (
    <fieldset className="checks field" style={{ border: 0, padding: 0 }}>
      <legend className="sr-only">{legend}</legend>
      {REPOSITORY_ACTIONS.filter((a) => only.includes(a)).map((a) => (
        <label key={a}>
          <input type="checkbox" name={`${name}-${a}`} defaultChecked={checked.includes(a)} /> {a}
        </label>
      ))}
    </fieldset>
  );
}

export const checkedActions = (f: FormData, name: string) => REPOSITORY_ACTIONS.filter((a) => f.get(`${name}-${a}`));
