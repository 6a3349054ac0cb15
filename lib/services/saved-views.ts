import type { z } from "zod";
import type { Caller } from "../auth/caller";
import { countSavedViews, createSavedView, deleteSavedView, listSavedViews } from "../db/saved-views";
import { isUniqueViolation } from "../db/errors";
import { conflict, notFound } from "../errors";
import { MAX_SAVED_VIEWS, type savedViewInput } from "../validation/saved-view";

/** A person's saved audit filters, by name. */
export async function mySavedViews(caller: Caller) {
  return { views: await listSavedViews(caller.id) };
}

export async function saveView(caller: Caller, input: z.infer<typeof savedViewInput>) {
  if ((await countSavedViews(caller.id)) >= MAX_SAVED_VIEWS)
    throw conflict(`you keep ${MAX_SAVED_VIEWS} saved views at most: delete one first`);
  try {
    return await createSavedView(caller.id, input);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`you already have a view named "${input.name}"`);
    throw err;
  }
}

/** Only the caller's own: anyone else's id is not found. */
export async function forgetView(caller: Caller, id: string) {
  const gone = await deleteSavedView(caller.id, id);
  if (!gone) throw notFound("saved view");
  return gone;
}
