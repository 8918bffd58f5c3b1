# Network boot: a TFTP tree for BIOS and UEFI lab machines (docs/lab.md),
# and the boot-path tests (tests/boot/paths-test.sh).
# Included by the top Makefile (-include mk/*.mk).
#
#   make netboot [NETBOOT_CMDLINE='tests=... iters=...']
#
# builds $(BUILD)/netboot/:
#   boot/grub/i386-pc/core.0        BIOS PXE image (GRUB), loads boot/grub/grub.cfg
#   boot/grub/x86_64-efi/core.efi   UEFI PXE image (GRUB), loads boot/grub/grub.cfg
#   boot/grub/grub.cfg              serial console, multiboot2 /tlbprobe.elf
#   tlbprobe.elf                    the kernel
#   tlbprobe.ipxe                   iPXE script: multiboot1 tlbprobe.elf (BIOS iPXE only)
#   cmdline.txt                     the command line baked into both configs

BUILD ?= build
NETBOOT_CMDLINE ?= $(CMDLINE)
NETBOOT := $(BUILD)/netboot
NETBOOT_GRUB_LIB ?= /usr/lib/grub

.PHONY: netboot paths-test
netboot: $(NETBOOT)/boot/grub/i386-pc/core.0 \
	$(NETBOOT)/boot/grub/x86_64-efi/core.efi \
	$(NETBOOT)/boot/grub/grub.cfg $(NETBOOT)/tlbprobe.elf \
	$(NETBOOT)/tlbprobe.ipxe

# One GRUB netboot image per platform; grub-mknetdir also copies the modules
# and writes boot/grub/PLATFORM/grub.cfg ("source boot/grub/grub.cfg").
# Locales, themes and fonts are left out: a serial console needs none.
define netboot_mknetdir
	@mkdir -p $(NETBOOT)
	grub-mknetdir --net-directory=$(NETBOOT) --subdir=boot/grub \
		--locales= --themes= --fonts= -d $(NETBOOT_GRUB_LIB)/$(1) \
		>$(NETBOOT)/grub-mknetdir-$(1).log 2>&1 || \
		{ cat $(NETBOOT)/grub-mknetdir-$(1).log; exit 1; }
endef
$(NETBOOT)/boot/grub/i386-pc/core.0: mk/netboot.mk
	$(call netboot_mknetdir,i386-pc)
$(NETBOOT)/boot/grub/x86_64-efi/core.efi: mk/netboot.mk
	$(call netboot_mknetdir,x86_64-efi)

# The command line is baked into both configs; rebuild them when it changes.
$(NETBOOT)/cmdline.txt: FORCE
	@mkdir -p $(NETBOOT)
	@printf '%s\n' '$(NETBOOT_CMDLINE)' | cmp -s - $@ || \
		printf '%s\n' '$(NETBOOT_CMDLINE)' > $@

# scripts/grub-cfg.sh quotes each word for GRUB (and refuses quotes and
# backslashes, which GRUB would hand the kernel escaped).
$(NETBOOT)/boot/grub/grub.cfg: netboot/grub.cfg $(NETBOOT)/cmdline.txt scripts/grub-cfg.sh
	@mkdir -p $(@D)
	CMDLINE='$(subst ','\'',$(NETBOOT_CMDLINE))' scripts/grub-cfg.sh $< $@

$(NETBOOT)/tlbprobe.ipxe: netboot/tlbprobe.ipxe $(NETBOOT)/cmdline.txt
	@mkdir -p $(@D)
	sed 's|@CMDLINE@|$(subst |,\|,$(NETBOOT_CMDLINE))|' $< > $@

$(NETBOOT)/tlbprobe.elf: $(BUILD)/tlbprobe.elf
	@mkdir -p $(@D)
	cp $< $@

# Every boot path (UEFI, PXE, iPXE, PXE under UEFI, KVM) plus on_done=halt
# and console=ttyS1.  `make test` runs it when EXTRA_TESTS names it.
paths-test: all netboot $(BUILD)/tlbprobe-check
	@mkdir -p $(BUILD)/test-results
	BUILD=$(BUILD) tests/boot/paths-test.sh
