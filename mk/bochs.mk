# The Bochs boot of `make test` (issue 20): one boot of its own ISO, so the
# main ISO keeps `make run`'s command line.  tests/boot/bochs-test.sh says
# what it checks.  Included by the top Makefile (-include mk/*.mk).

BOCHS_SAVED_GOAL := $(.DEFAULT_GOAL)

BUILD ?= build
# The controls, the PCID and INVPCID rows and the SMP family on 2 CPUs.
BOCHS_TEST_CMDLINE ?= tests=control.*,pmd_collapse.cr3.pcid,pmd_collapse.invpcid1.pcid,smp.5e0fb5df2ee8.shootdown,smp.5e0fb5df2ee8.pcid.shootdown iters=2
BOCHS_TEST_ISO := $(BUILD)/bochs-test/tlbprobe.iso

.PHONY: bochs-test
$(BUILD)/bochs-test/cmdline.txt: FORCE
	@mkdir -p $(dir $@)
	@printf '%s\n' '$(BOCHS_TEST_CMDLINE)' | cmp -s - $@ || \
		printf '%s\n' '$(BOCHS_TEST_CMDLINE)' > $@

$(BOCHS_TEST_ISO): $(ELF) iso/boot/grub/grub.cfg $(BUILD)/bochs-test/cmdline.txt mk/bochs.mk
	@mkdir -p $(BUILD)/bochs-test/iso/boot/grub
	cp $(ELF) $(BUILD)/bochs-test/iso/boot/tlbprobe.elf
	sed 's|@CMDLINE@|$(subst |,\|,$(BOCHS_TEST_CMDLINE))|' iso/boot/grub/grub.cfg \
		> $(BUILD)/bochs-test/iso/boot/grub/grub.cfg
	grub-mkrescue -o $@ --install-modules="$(GRUB_MODULES)" \
		--locales= --fonts= --themes= --compress=xz \
		$(BUILD)/bochs-test/iso 2> $(BUILD)/bochs-test/grub-mkrescue.log || \
		{ cat $(BUILD)/bochs-test/grub-mkrescue.log; exit 1; }

bochs-test: $(BOCHS_TEST_ISO) $(BUILD)/tlbprobe-check
	@mkdir -p $(BUILD)/test-results
	@BUILD=$(BUILD) ISO=$(BOCHS_TEST_ISO) CMDLINE='$(BOCHS_TEST_CMDLINE)' \
		tests/boot/bochs-test.sh $(BUILD)/test-results/bochs.txt

.DEFAULT_GOAL := $(BOCHS_SAVED_GOAL)
