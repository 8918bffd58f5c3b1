#!/bin/bash
# grub-cfg.sh TEMPLATE OUT: write TEMPLATE to OUT with @CMDLINE@ replaced by
# the environment's CMDLINE, each word single-quoted, so GRUB's script
# syntax (; # $ & and the like) passes every character to the kernel as
# typed.  GRUB joins the words with one space, and it escapes \ ' and " in
# the line it hands a multiboot kernel (grub_create_loader_cmdline writes
# it's as it\'s), so those three are refused here: the kernel would not get
# them as typed.  Control characters are refused too: no log line can show
# them, so no run could confirm them.
set -u
template=$1 out=$2
CMDLINE=${CMDLINE-}
if [[ $CMDLINE == *[[:cntrl:]]* ]]; then
	echo "grub-cfg: CMDLINE holds a control character (a tab or newline?); the kernel command line takes printable characters only" >&2
	exit 2
fi
case $CMDLINE in
*[\\\'\"]*)
	echo "grub-cfg: CMDLINE holds a quote or a backslash, which GRUB would hand the kernel escaped (\\' for '); no tlbprobe option needs one (BOOT=kernel passes them unchanged)" >&2
	exit 2 ;;
esac
q=
read -r -a words <<< "$CMDLINE"
for w in "${words[@]}"; do
	q+="${q:+ }'$w'"
done
tmp=$(mktemp "$out.XXXXXX") || exit 2
Q=$q awk '{ i = index($0, "@CMDLINE@");
	if (i) $0 = substr($0, 1, i - 1) ENVIRON["Q"] substr($0, i + 9);
	print }' "$template" > "$tmp" && mv -f "$tmp" "$out" || { rm -f "$tmp"; exit 2; }
