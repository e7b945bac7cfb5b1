#!/usr/bin/env bash
# `npm start`: install what is missing, build the console, run the server with its embedded database.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash server/scripts/bootstrap.sh run
npm run build -w console --silent
exec npx tsx server/src/index.ts
