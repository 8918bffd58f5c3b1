# The Bochs boot of `make test`: one boot of its own ISO, so the
# main ISO keeps `make run`'s command line.  tests/boot/bochs-test.sh says
# what it checks.  Included by the top Makefile (-include mk/*.mk).

BUILD ?= build
# The controls, the PCID and INVPCID rows, and (BOCHS_TEST_SMP=2) two SMP
# rows.  Two CPUs: the stalls of two-CPU runs were Bochs blocked on its
# undrained screen terminal (scripts/run-bochs.sh, drain_screen).
BOCHS_TEST_SMP ?= 2
BOCHS_TEST_CMDLINE ?= tests=control.*,pmd_collapse.cr3.pcid,pmd_collapse.invpcid1.pcid,smp.5e0fb5df2ee8.shootdown,smp.5e0fb5df2ee8.pcid.shootdown iters=2
BOCHS_TEST_ISO := $(BUILD)/bochs-test/tlbprobe.iso

.PHONY: bochs-test
$(BUILD)/bochs-test/cmdline.txt: FORCE
	@mkdir -p $(dir $@)
	@printf '%s\n' '$(BOCHS_TEST_CMDLINE)' | cmp -s - $@ || \
		printf '%s\n' '$(BOCHS_TEST_CMDLINE)' > $@

$(BOCHS_TEST_ISO): $(ELF) iso/boot/grub/grub.cfg scripts/make-iso.sh scripts/grub-cfg.sh \
		$(BUILD)/bochs-test/cmdline.txt mk/bochs.mk
	@mkdir -p $(dir $@)
	CMDLINE='$(BOCHS_TEST_CMDLINE)' scripts/make-iso.sh $(ELF) $@

bochs-test: $(BOCHS_TEST_ISO) $(BUILD)/tlbprobe-check
	@mkdir -p $(BUILD)/test-results
	@BUILD=$(BUILD) ISO=$(BOCHS_TEST_ISO) CMDLINE='$(BOCHS_TEST_CMDLINE)' SMP=$(BOCHS_TEST_SMP) \
		tests/boot/bochs-test.sh $(BUILD)/test-results/bochs.txt

# Every Bochs CPU model with the controls and two rows TCG skips
# (scripts/bochs-models.sh; minutes: about 20 s a model).  Not in make test.
BOCHS_MODELS_CMDLINE ?= tests=control.*,pmd_collapse.cr3.pcid,pmd_collapse.invpcid1.pcid iters=2
.PHONY: bochs-models
$(BUILD)/bochs-models/tlbprobe.iso: $(ELF) iso/boot/grub/grub.cfg scripts/make-iso.sh mk/bochs.mk FORCE
	@mkdir -p $(dir $@)
	CMDLINE='$(BOCHS_MODELS_CMDLINE)' scripts/make-iso.sh $(ELF) $@

bochs-models: $(BUILD)/bochs-models/tlbprobe.iso $(BUILD)/tlbprobe-check
	@BUILD=$(BUILD) CMDLINE='$(BOCHS_MODELS_CMDLINE)' scripts/bochs-models.sh $(MODELS) | tee $(BUILD)/bochs-models.md
