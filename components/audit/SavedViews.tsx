"use client";

import Link from "next/link";
import { useState } from "react";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { useForgetView, useSaveView, useSavedViews } from "@/lib/query/saved-views";

/** A person's named filters: one click back to "denied pushes to payments/*", and the current filter saved under a name. */
export function SavedViews({ query }: { query: string }) {
  const views = useSavedViews();
  const save = useSaveView();
  const forget = useForgetView();
  const [name, setName] = useState("");
  const list = views.data?.views ?? [];
  return (
    <div className="card" data-testid="saved-views">
      <div className="row" style={{ justifyContent: "space-between", flexWrap: "wrap" }}>
        <nav aria-label="Saved views" className="row" style={{ flexWrap: "wrap" }}>
          <strong>Saved views</strong>
          {list.length === 0 && <span className="muted">none yet: filter, then save the view under a name</span>}
          {list.map((v) => (
            <span key={v.id} className="chip">
              <Link href={`/audit?${v.query}`} aria-current={v.query === query ? "page" : undefined}>
                {v.name}
              </Link>
              <button
                type="button"
                className="linklike"
                aria-label={`Delete view ${v.name}`}
                onClick={() => forget.mutate(v.id)}
              >
                ×
              </button>
            </span>
          ))}
        </nav>
        <form
          className="row"
          aria-label="Save this view"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ name: name.trim(), query }, { onSuccess: () => setName("") });
          }}
        >
          <label htmlFor="view-name" className="sr-only">
            Name of this view
          </label>
          <input
            id="view-name"
            placeholder="name this view"
            value={name}
            maxLength={60}
            onChange={(e) => setName(e.target.value)}
            style={{ width: 180 }}
          />
          <button type="submit" disabled={!name.trim() || save.isPending}>
            Save view
          </button>
        </form>
      </div>
      <ErrorNote error={save.error ?? forget.error ?? views.error} />
    </div>
  );
}
