#!/bin/sh
# autogen.sh: regenerate the autotools build system (configure, Makefile.in)
# from configure.ac and Makefile.am.  Run once after a fresh checkout, then
# ./configure && make.
set -e
cd "$(dirname "$0")"
mkdir -p m4 build-aux
autoreconf --install --force --warnings=all
echo "autogen.sh: now run ./configure (see README.md)"
