#!/usr/bin/env bash
# Installs the web app's JavaScript libraries from npm (web/package.json) and copies the files the
# app serves into the package, so that nothing is fetched at run time. Run after changing a version.
set -euo pipefail
cd "$(dirname "$0")/../web"
npm install --no-audit --no-fund
vendor=../src/kronika/web/static/vendor
cp node_modules/cytoscape/dist/cytoscape.min.js "$vendor/"
cp node_modules/cytoscape/LICENSE "$vendor/cytoscape.LICENSE"
