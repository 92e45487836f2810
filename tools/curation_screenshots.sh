#!/usr/bin/env bash
# Walk through a KB owner's curation on the demo knowledge base under a virtual X server and save screenshots of
# the review queue, the editor, the character-level diff (inline and side by side), the restored history, the
# analytics page and the import preview to docs/screenshots/. Usage: tools/curation_screenshots.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-docs/screenshots}"
DISPLAY_NUMBER="${DESKBOOK_SHOTS_DISPLAY:-:96}"
Xvfb "$DISPLAY_NUMBER" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
trap 'kill "$XVFB_PID" 2>/dev/null || true' EXIT
sleep 1
DISPLAY="$DISPLAY_NUMBER" QT_QPA_PLATFORM=xcb .venv/bin/python -m tools.curation_screenshots --out "$OUT"
