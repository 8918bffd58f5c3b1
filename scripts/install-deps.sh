#!/bin/sh
# install-deps.sh [run|test]: install the Debian packages tlbprobe needs, if
# any are missing: as root directly, through sudo otherwise, or print the
# exact command to run.  "run" (what `make run` uses) is what building and
# booting a run needs; "test" (the default, `make test`) adds the test
# toolchain: cmocka, clang for the fuzzer, LAVA's validator, junitparser,
# Chromium for the report's browser test.
set -e
RUN_PKGS="qemu-system-x86 grub-pc-bin grub-efi-amd64-bin grub-common xorriso mtools \
nasm ovmf ipxe-qemu libjansson-dev gcc make util-linux"
TEST_PKGS="libcmocka-dev jq perl clang libclang-rt-14-dev lava-common \
python3-pexpect python3-yaml python3 python3-junitparser chromium"
# tap.py, one of the TAP consumers of make consumer-test.
TEST_PKGS="$TEST_PKGS python3-tap"
# Bochs: the second emulator (make run EMU=bochs, make bochs-test).
BOCHS_PKGS="bochs bochsbios vgabios bochs-term"
case ${1:-test} in
run) PKGS=$RUN_PKGS ;;
run-bochs) PKGS="$RUN_PKGS $BOCHS_PKGS" ;;
test) PKGS="$RUN_PKGS $TEST_PKGS $BOCHS_PKGS" ;;
*) echo "install-deps.sh: the argument is run, run-bochs or test, not '$1'" >&2; exit 2 ;;
esac
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "tlbprobe: installing missing packages:$missing"
if [ "$(id -u)" = 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO="sudo"
else
	echo "tlbprobe: please run: sudo apt-get update && sudo apt-get install -y --no-install-recommends$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
