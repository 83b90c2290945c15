#!/usr/bin/env bash
# Installs what DiffusionEscape needs beyond Swift: GSL, FFTW, pkg-config and make
# (Debian packages), only when missing. Safe to run repeatedly; needs root for apt-get.
set -euo pipefail
missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v make >/dev/null 2>&1 || missing+=(make)
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists gsl; then missing+=(libgsl-dev); fi
if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists fftw3; then missing+=(libfftw3-dev); fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "bootstrap: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null 2>&1 || { echo "bootstrap: swift not found on PATH (Swift 6 toolchain required)" >&2; exit 1; }
