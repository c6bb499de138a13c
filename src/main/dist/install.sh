#!/bin/sh
# Installs pcopy from this unpacked package into a prefix: usage install.sh PREFIX
# (for one user ~/.local, for all /usr/local). It puts
#   PREFIX/bin/pcopy                                the launcher
#   PREFIX/lib/pcopy/                               its jars and native library
#   PREFIX/share/man/man1/pcopy.1                   the man page
#   PREFIX/share/bash-completion/completions/pcopy  the bash completion
#   PREFIX/share/zsh/site-functions/_pcopy          the zsh completion
# which are the places man, bash-completion and zsh look in for such a prefix. An install over
# an earlier one replaces it.
set -eu
# What is made is for every user of the prefix to read, whatever the caller's umask.
umask 022

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 PREFIX   (for example ~/.local, or /usr/local as root)" >&2
  exit 2
fi
prefix=$1
package=$(cd "$(dirname "$0")" && pwd -P)

# Each file is copied beside its place and renamed over it, so that a pcopy starting meanwhile
# (a shell reads its script as it runs) sees the old file or the new one, never half of one.
put() {
  mkdir -p "$(dirname "$2")"
  cp "$package/$1" "$2.new-$$"
  chmod "$3" "$2.new-$$"
  mv -f "$2.new-$$" "$2"
}

# lib/pcopy is replaced whole: the launcher puts every jar in it on the class path, so a jar
# left from an earlier version would be loaded too.
mkdir -p "$prefix/lib"
rm -rf "$prefix/lib/pcopy.new-$$"
cp -R "$package/lib/pcopy" "$prefix/lib/pcopy.new-$$"
chmod -R u=rwX,go=rX "$prefix/lib/pcopy.new-$$"
rm -rf "$prefix/lib/pcopy"
mv "$prefix/lib/pcopy.new-$$" "$prefix/lib/pcopy"

put bin/pcopy "$prefix/bin/pcopy" 755
put man/man1/pcopy.1 "$prefix/share/man/man1/pcopy.1" 644
put completion/pcopy.bash "$prefix/share/bash-completion/completions/pcopy" 644
put completion/_pcopy "$prefix/share/zsh/site-functions/_pcopy" 644

echo "pcopy: installed into $prefix"
case ":${PATH:-}:" in
  *":$prefix/bin:"*) ;;
  *) echo "pcopy: $prefix/bin is not on PATH; add it to run pcopy by its name" ;;
esac
