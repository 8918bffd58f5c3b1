#!/usr/bin/perl
# The fleet table of results/README.md: one row per machine log.
#
#   scripts/fleet-table.pl CHECKER LOG...      markdown table on stdout
#
# Per log: the checker's JSON (tlbprobe-check --json, profile by accel)
# gives the CPU, the hypervisor, the verdict and the per-scenario counts.
# Microcode and date come from RESULT.machine beside the log ("key: value"
# lines: machine, date, microcode, host), else from the `tlbprobe-run:`
# header that the bundle's ./run writes, else "not recorded".
#
# Stale reads are counted per iteration (one collapse on one CPU, not per
# probe: the probes of an iteration share its cached entries) over the
# scenarios that ran, split by class: correctness rows (flushes the
# SDM/APM says suffice: any stale read is a finding) and observation rows
# (flushes that do not suffice: the rate is the measurement).  The figures
# and their 95% bounds are the checker's (run.stale_by_class in its JSON;
# docs/checker.md, "Bounds"): one implementation, checker/bounds.c.
use strict;
use warnings;
use FindBin;
use lib $FindBin::Bin;
use Outcomes;

# kernel/outcomes.def: the outcomes only a stale paging-structure-cache
# entry explains (psc 1).
my @WALKS = map { $_->{key} } grep { $_->{psc} } Outcomes::all();
use JSON::PP;
use File::Basename;

# The stale-walk cell: the checker's bound (tlbprobe-check --json,
# run.stale_by_class), never computed here.
sub stale_cell {
	my ($b) = @_;
	return "no iterations" if !$b || !$b->{units};
	return "$b->{text}, 95%";
}

die "usage: fleet-table.pl CHECKER LOG...\n" if @ARGV < 2;
my ($checker, @logs) = @ARGV;

sub header_fields {
	my ($log) = @_;
	my %h;
	open(my $fh, '<', $log) or return %h;
	while (my $l = <$fh>) {
		last if $l =~ /^KTAP version 1/;
		next unless $l =~ /^tlbprobe-run: (.*)$/;
		my $rest = $1;
		while ($rest =~ /(\w+)=("([^"]*)"|\S*)/g) {
			$h{$1} = defined $3 ? $3 : $2;
		}
	}
	return %h;
}

sub machine_file {
	my ($log) = @_;
	(my $m = $log) =~ s/\.log$/.machine/;
	my %h;
	open(my $fh, '<', $m) or return %h;
	while (<$fh>) {
		next if /^\s*(#|$)/;
		$h{lc $1} = $2 if /^\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$/;
	}
	return %h;
}

sub cell { my $s = shift; $s =~ s/\|/\\|/g; return $s }

print "| log | CPU | microcode | hypervisor or metal | date | verdict | stale reads per iteration, correctness rows | stale reads per iteration, observation rows |\n";
print "| --- | --- | --- | --- | --- | --- | --- | --- |\n";
for my $log (sort @logs) {
	my $json = `"$checker" --json --quiet "$log" 2>/dev/null`;
	my $d = eval { decode_json($json) };
	my $name = basename($log);
	if (!$d || !$d->{run}) {
		print "| $name | | | | | no complete run (checker) | | |\n";
		next;
	}
	my %hdr = header_fields($log);
	my %mach = machine_file($log);
	my $env = $d->{run}{env} || {};
	my $cpu = sprintf("%s (%s family %s model %s stepping %s)",
		$env->{brand} // '?', $env->{vendor} // '?', $env->{family} // '?',
		$env->{model} // '?', $env->{stepping} // '?');
	my $ucode = $mach{microcode} // $hdr{microcode} // $env->{microcode};
	$ucode = "not recorded" if !defined $ucode || $ucode eq '';
	my $hv;
	# The kernel's emulator= (logs before it have none): never "metal".
	my $emu = $env->{emulator} // '';
	$emu = '' if $emu eq 'bare-metal';
	if ($mach{host}) {
		$hv = $mach{host};
	} elsif ($emu eq 'bochs') {
		$hv = "emulator: Bochs";
	} elsif (defined $env->{hypervisor} || ($env->{qemu} // 0)) {
		$hv = sprintf("%s, accel=%s", $env->{hypervisor} // 'QEMU',
			$env->{accel} // '?');
	} else {
		$hv = "metal";
	}
	my $date = $mach{date} // (defined $hdr{date} ? substr($hdr{date}, 0, 10) : undef) //
		"not recorded";

	my @bad_controls;
	for my $s (@{$d->{run}{scenarios} || []}) {
		my $class = $s->{class} // '';
		# Allowed-not-required controls that saw nothing are the
		# checker's "inconclusive", not broken detectors.
		push @bad_controls, $s->{name}
			if $class eq 'control' && ($s->{ktap} // '') ne 'ok' &&
				($s->{directive} // '') !~ /skip/i && !$s->{inconclusive};
	}
	my $by_class = $d->{run}{stale_by_class} || {};
	my $verdict = "kernel " . ($d->{run}{verdict} // 'none') .
		", checker $d->{status} ($d->{profile}{name})";
	$verdict = "inconclusive: control not ok (" . join(', ', @bad_controls) .
		"); $verdict" if @bad_controls;
	my $caching = $d->{run}{caching} || {};
	$verdict = "inconclusive: no paging-structure caching observed on this machine " .
		"($caching->{seen} of $caching->{witnesses} witness rows); $verdict"
		if ($caching->{status} // '') eq 'not-observed';
	$verdict = "inconclusive: no witness row ran; $verdict"
		if ($caching->{status} // '') eq 'untested';
	$verdict = "inconclusive: TCG; $verdict" if ($env->{accel} // '') eq 'tcg';
	$verdict = "inconclusive: emulator (Bochs); $verdict" if $emu eq 'bochs';
	printf "| %s |\n", join(' | ', map { cell($_) } $name, $cpu, $ucode, $hv,
		$date, $verdict,
		stale_cell($by_class->{correctness}),
		stale_cell($by_class->{observation}));
}
