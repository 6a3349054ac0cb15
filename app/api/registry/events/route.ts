import { registryEventsHandler } from "@/lib/server/events-route";

export const POST = registryEventsHandler;
