#!/bin/sh
# Start the course (macOS): double-click this file. Keep the Terminal window open while you work.
cd "$(dirname "$0")" || exit 1
if command -v python3 >/dev/null 2>&1; then
  exec python3 start_course.py "$@"
fi
echo "Python 3 is not installed. Install it from https://www.python.org/downloads/ and double-click this file again."
read -r _
