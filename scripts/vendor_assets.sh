#!/usr/bin/env bash
# Copy the pinned front-end libraries (package-lock.json) into catalyse/static/vendor.
# The copies are committed, so that `make run` needs no Node.js; run `make assets` after a bump.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
out=catalyse/static/vendor
mkdir -p "$out/fonts" "$out/icons"
cp node_modules/htmx.org/dist/htmx.min.js "$out/htmx.min.js"
for weight in 400 600 700; do
  for style in normal italic; do
    cp "node_modules/@fontsource/source-sans-3/files/source-sans-3-latin-$weight-$style.woff2" "$out/fonts/"
  done
done
cp node_modules/@fontsource/source-sans-3/LICENSE "$out/fonts/LICENSE-source-sans-3.txt" 2>/dev/null || true
# Icons: only those the interface uses, as one SVG sprite.
python3 scripts/build_icon_sprite.py node_modules/lucide-static/icons "$out/icons/sprite.svg" scripts/icons.txt
cp node_modules/lucide-static/LICENSE "$out/icons/LICENSE-lucide.txt"
# axe-core is for the browser tests only.
mkdir -p catalyse/tests_support
cp node_modules/axe-core/axe.min.js catalyse/tests_support/axe.min.js
echo "vendored: htmx $(node -p "require('./node_modules/htmx.org/package.json').version"), axe-core $(node -p "require('./node_modules/axe-core/package.json').version")"
