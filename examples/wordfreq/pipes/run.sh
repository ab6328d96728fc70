#!/bin/sh
# run.sh INPUT - the wordfreq pipes twin: three processes connected by pipes.
set -e
if [ $# -ne 1 ]; then
    echo "usage: run.sh INPUT" >&2
    exit 2
fi
here=$(dirname "$0")
"$here/stage_tokenize" < "$1" | "$here/stage_count" | "$here/stage_rank"
