#!/usr/bin/env bash
# Prepares the GPU checks for a device machine (which has no network and may have no .NET): a
# self-contained neuroc for linux-x64, compressed into .device/neuroc.tar.xz (about 35 MB; the
# folder is git-ignored and travels with `carry`). Then, with the `device` tool:
#
#   run  command: bash bench/gpu/check.sh   carry: [".device"]   timeout_s: 580
#
# check.sh writes its report to $OUT (or to .device/out when run here). Run stage.sh again after
# changing neuroc.
set -euo pipefail
cd "$(dirname "$0")/../.."
rm -rf .device/publish
mkdir -p .device
dotnet publish src/NeuroCompiler.Cli -c Release -r linux-x64 --self-contained -o .device/publish -v q
tar cJf .device/neuroc.tar.xz -C .device publish
rm -rf .device/publish
ls -la .device/neuroc.tar.xz
