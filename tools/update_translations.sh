#!/usr/bin/env bash
# Refresh resources/translations/deskbook_zh_CN.ts from the source (existing translations are kept) and compile
# the .qm the app loads. Run after adding or changing user-visible strings; then translate the new entries
# (pyside6-linguist, or edit the .ts) and run this again to compile.
set -euo pipefail
cd "$(dirname "$0")/.."
TS=resources/translations/deskbook_zh_CN.ts
.venv/bin/pyside6-lupdate -no-obsolete -locations none app/ui/*.py -ts "$TS"
.venv/bin/pyside6-lrelease "$TS" -qm resources/translations/deskbook_zh_CN.qm
