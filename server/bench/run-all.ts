/** `npm run bench`: every benchmark, one after the other (each starts its own database). */
import { runMembersListBench } from "./members-list.bench.js";

await runMembersListBench();
