#!/usr/bin/env bash
# The whole test suite: system packages, format lint, build, tests, and the systemd
# units checked against the build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift format lint --strict --recursive Package.swift Sources Tests Plugins
swift build --build-tests
swift test --skip-build
scripts/verify-units.sh
