#!/bin/sh
# Set up and run Deskbook on Debian/Ubuntu: ./dev.sh run | ./dev.sh test [pytest args] | ./dev.sh bench ...
# | ./dev.sh package (the PyInstaller one-folder bundle in dist/deskbook, with its size table)
# Installs the Debian packages Qt needs (when missing), creates .venv, installs the project, then runs.
set -eu
cd "$(dirname "$0")"

# Qt's run-time libraries (xcb platform plugin and offscreen), a CJK font, and venv support.
DEBIAN_PACKAGES="python3-venv libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 \
libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 fonts-noto-cjk desktop-file-utils"

# The tests start a private X server (global-hotkey tests) and a Git HTTP server (git http-backend, team tests), and
# read large PDFs back with pdftotext (tests/pdf_text.py); without them those tests are skipped.
TEST_DEBIAN_PACKAGES="xvfb git poppler-utils"

install_debian_packages() {  # $1: the packages; $2 = optional: carry on (with a note) when they cannot be installed
    command -v dpkg-query >/dev/null 2>&1 || return 0  # not Debian: the user installs Qt's libraries
    missing=""
    for pkg in $1; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
    done
    [ -z "$missing" ] && return 0
    echo "Installing Debian packages:$missing"
    if [ "$(id -u)" -eq 0 ]; then
        SUDO=""
    elif command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    elif [ "${2:-}" = optional ]; then
        echo "Note: not installed (needs root):$missing — the tests that need it are skipped." >&2
        return 0
    else
        echo "Please install as root: apt-get install$missing" >&2
        exit 1
    fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
}

ensure_venv() {
    stamp=.venv/.installed
    if [ ! -x .venv/bin/python ]; then
        python3 -m venv .venv
    fi
    if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
        .venv/bin/python -m pip install -q --upgrade pip
        .venv/bin/python -m pip install -q -e '.[test]'
        touch "$stamp"
    fi
}

command="${1:-run}"
[ $# -gt 0 ] && shift
install_debian_packages "$DEBIAN_PACKAGES"
[ "$command" = test ] && install_debian_packages "$TEST_DEBIAN_PACKAGES" optional
ensure_venv
case "$command" in
    run) exec .venv/bin/deskbook "$@" ;;
    test)
        if [ $# -eq 0 ]; then  # the whole check, as CI runs it; with arguments, only the pytest run asked for
            echo "ruff, mypy, import-linter…"
            .venv/bin/ruff check --quiet app
            .venv/bin/mypy
            .venv/bin/lint-imports --no-cache >/dev/null || .venv/bin/lint-imports --no-cache
        fi
        exec .venv/bin/python -m pytest "$@" ;;
    bench) exec .venv/bin/python -m bench "$@" ;;
    package) exec .venv/bin/python packaging/bundle.py "$@" ;;
    *) echo "usage: ./dev.sh run|test|bench|package [args]" >&2; exit 2 ;;
esac
