#!/bin/sh
# Builds pcopy's native library: usage build-native.sh JAVA_HOME HEADERS OUTPUT SOURCE
#
# JAVA_HOME is the JDK the build runs on (its include/ has jni.h), HEADERS the directory javac -h
# wrote dev_pcopy_fs_Native.h into, OUTPUT the library to make (libpcopy.so), SOURCE the C file.
# The library only wraps Linux system calls; it needs a C compiler and nothing else.
set -eu

java_home=$1
headers=$2
output=$3
source=$4

cc=${CC:-cc}
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "build-native: no C compiler ($cc) found: install gcc (Debian: apt-get install gcc)" >&2
  exit 1
fi
mkdir -p "$(dirname "$output")"
# -ffile-prefix-map keeps the build directory out of the library, so that it is the same bytes
# wherever the same commit is built.
"$cc" -std=gnu11 -O2 -fPIC -shared -Wall -Wextra -Wno-unused-parameter -Werror \
  -ffile-prefix-map="$(pwd)"=. \
  -I"$headers" -I"$java_home/include" -I"$java_home/include/linux" \
  -o "$output.part" "$source"
mv "$output.part" "$output"
