import { ensureFerretDbBinary } from "../src/db/ferretdb-binary.js";

const binary = ensureFerretDbBinary();
if (!binary) {
  console.warn("bootstrap: Go is not installed, so the embedded FerretDB cannot be built (set MONGODB_URI or install mongod).");
} else {
  console.log(`bootstrap: FerretDB ready at ${binary}`);
}
