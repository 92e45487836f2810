#!/usr/bin/env bash
# Start the app under a virtual X server with the demo knowledge base and save screenshots to docs/screenshots/.
#   tools/screenshots.sh [OUT_DIR]           the desk: search page, an opened case, a filled reply script, the
#                                            handbook and 今日待办
#   tools/screenshots.sh curation [OUT_DIR]  a KB owner's walk-through: review queue, editor, diff, history,
#                                            analytics, import preview
#   tools/screenshots.sh team [OUT_DIR]      two desks and a library: the 团队库 page, a proposal and a conflict
#                                            in the owner's queue
# Needs Xvfb and fonts-noto-cjk (Debian: apt-get install xvfb fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")/.."
MODULE=tools.screenshots
if [ "${1:-}" = "curation" ]; then MODULE=tools.curation_screenshots; shift; fi
if [ "${1:-}" = "team" ]; then MODULE=tools.team_screenshots; shift; fi
OUT="${1:-docs/screenshots}"
DISPLAY_NUMBER="${DESKBOOK_SHOTS_DISPLAY:-:97}"
Xvfb "$DISPLAY_NUMBER" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
trap 'kill "$XVFB_PID" 2>/dev/null || true' EXIT
sleep 1
DISPLAY="$DISPLAY_NUMBER" QT_QPA_PLATFORM=xcb .venv/bin/python -m "$MODULE" --out "$OUT"
