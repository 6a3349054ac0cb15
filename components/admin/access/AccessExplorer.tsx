"use client";

import { Reach } from "./Reach";
import { Simulator } from "./Simulator";
import { WhoCan } from "./WhoCan";

/** "Who can do what" and "Why was this denied?", answered from the same decision code the token endpoint runs. */
export function AccessExplorer({
  initial,
}: {
  initial: { user?: string; token?: string; repository?: string; actions?: string };
}) {
  return (
    <>
      <Simulator initial={initial} />
      <div className="split">
        <WhoCan initial={initial} />
        <Reach initial={initial} />
      </div>
    </>
  );
}
