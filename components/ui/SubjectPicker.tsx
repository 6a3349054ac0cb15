"use client";

import { useState } from "react";
import { useSubjectSuggestions } from "@/lib/query/grants";

/**
 * A grant's subject: its kind, and its name with the matching users, teams or service accounts
 * offered as the person types (a native combobox: <input list> and its <datalist>).
 */
export function SubjectPicker({
  id,
  allowPublic,
  searchPeople,
}: {
  id: string;
  allowPublic: boolean;
  /** Whether the caller may search every person (admins); a team's maintainer types the name. */
  searchPeople: boolean;
}) {
  const [type, setType] = useState("user");
  const [text, setText] = useState("");
  const suggestions = useSubjectSuggestions(type === "user" && !searchPeople ? "none" : type, text.trim());
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-type`}>Subject</label>
        <select id={`${id}-type`} name="subjectType" value={type} onChange={(e) => setType(e.target.value)}>
          <option value="user">user</option>
          <option value="team">team</option>
          <option value="service-account">service account</option>
          {allowPublic && <option value="public">everyone (public pull)</option>}
        </select>
      </div>
      {type !== "public" && (
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            name="subjectName"
            list={`${id}-options`}
            autoComplete="off"
            placeholder={type === "user" ? "search people" : type === "team" ? "search teams" : "search robots"}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <datalist id={`${id}-options`} data-testid="subject-options">
            {(suggestions.data ?? []).map((s) => (
              <option key={s.name} value={s.name}>
                {s.hint ?? ""}
              </option>
            ))}
          </datalist>
        </div>
      )}
    </>
  );
}
