#!/usr/bin/env bash
# Fails when `npm ci` would refuse package-lock.json (CI installs with npm ci only, docs/adr/0005).
# A dry run resolves the whole tree against the lockfile without touching node_modules (about 1 s).
set -uo pipefail
cd "$(dirname "$0")/../.."
if ! output=$(npm ci --dry-run --ignore-scripts --no-audit --no-fund 2>&1); then
  echo "$output" | grep -E "^npm error (code|notarget|Missing|Invalid|.*in sync)" | head -6 >&2
  echo "package-lock.json does not match package.json: run 'npm install', commit package-lock.json, then check 'npm ci' in a fresh clone" >&2
  exit 1
fi
echo "package-lock.json matches package.json (npm ci --dry-run)"
