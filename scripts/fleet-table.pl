#!/usr/bin/perl
# The fleet table of results/README.md: one row per machine log.
#
#   scripts/fleet-table.pl CHECKER LOG...      markdown table on stdout
#   scripts/fleet-table.pl --bound K N         the bounds for K stale walks in N probes
#
# Per log: the checker's JSON (tlbprobe-check --json, profile by accel)
# gives the CPU, the hypervisor, the verdict and the per-scenario counts.
# Microcode and date come from RESULT.machine beside the log ("key: value"
# lines: machine, date, microcode, host), else from the `tlbprobe-run:`
# header that the bundle's ./run writes, else "not recorded".
#
# Stale walks are counted per probe over the scenarios that ran, split by
# class: correctness rows (flushes the SDM/APM says suffice: any stale walk
# is a finding) and observation rows (flushes that do not suffice: the
# rate is the measurement).  The bound is Clopper-Pearson: for 0 of N a
# one-sided 95% upper bound, 1 - 0.05^(1/N) (about 3/N, the rule of three);
# for K > 0 the two-sided 95% interval.
use strict;
use warnings;
use JSON::PP;
use POSIX qw(lgamma);
use File::Basename;

# P(X <= k) for X ~ Binomial(n, p), summed in log space.
sub binom_cdf {
	my ($k, $n, $p) = @_;
	return 1 if $p <= 0;
	return ($k >= $n ? 1 : 0) if $p >= 1;
	my ($sum, $lp, $lq) = (0, log($p), log(1 - $p));
	my $lnf = lgamma($n + 1);
	for my $i (0 .. $k) {
		$sum += exp($lnf - lgamma($i + 1) - lgamma($n - $i + 1) +
			$i * $lp + ($n - $i) * $lq);
	}
	return $sum > 1 ? 1 : $sum;
}

# The p at which f(p) (monotone decreasing in p) crosses target.
sub bisect {
	my ($f, $target) = @_;
	my ($lo, $hi) = (0, 1);
	for (1 .. 200) {
		my $mid = ($lo + $hi) / 2;
		if ($f->($mid) > $target) { $lo = $mid } else { $hi = $mid }
	}
	return ($lo + $hi) / 2;
}

# (lower, upper) 95% bounds for k of n.
sub bounds {
	my ($k, $n) = @_;
	return (0, 1 - 0.05 ** (1 / $n)) if $k == 0;
	my $up = $k >= $n ? 1 :
		bisect(sub { binom_cdf($k, $n, $_[0]) }, 0.025);
	# P(X >= k) = 1 - P(X <= k-1) rises with p: find where it reaches 0.025.
	my $lo = bisect(sub { binom_cdf($k - 1, $n, $_[0]) }, 0.975);
	return ($lo, $up);
}

sub pct {
	my $v = 100 * shift;
	return sprintf($v < 0.01 ? "%.2g%%" : $v < 10 ? "%.2f%%" : "%.1f%%", $v);
}

sub stale_cell {
	my ($k, $n) = @_;
	return "no probes" if !$n;
	my ($lo, $hi) = bounds($k, $n);
	return "$k / $n (<= " . pct($hi) . ", 95%)" if $k == 0;
	return "$k / $n (" . pct($lo) . " - " . pct($hi) . ", 95%)";
}

if (@ARGV == 3 && $ARGV[0] eq '--bound') {
	my ($lo, $hi) = bounds($ARGV[1], $ARGV[2]);
	printf "%.6g %.6g\n", $lo, $hi;
	exit 0;
}
die "usage: fleet-table.pl CHECKER LOG... | --bound K N\n" if @ARGV < 2;
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

print "| log | CPU | microcode | hypervisor or metal | date | verdict | stale walks, correctness rows | stale walks, observation rows |\n";
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

	my (@bad_controls, %k, %n);
	for my $s (@{$d->{run}{scenarios} || []}) {
		my $class = $s->{class} // '';
		# Allowed-not-required controls that saw nothing are the
		# checker's "inconclusive", not broken detectors.
		push @bad_controls, $s->{name}
			if $class eq 'control' && ($s->{ktap} // '') ne 'ok' &&
				($s->{directive} // '') !~ /skip/i && !$s->{inconclusive};
		next unless $class eq 'correctness' || $class eq 'observation';
		next if ($s->{directive} // '') =~ /skip/i;
		my $c = $s->{counts} || {};
		# Stale walks of either level, and faults only a walk explains.
		$k{$class} += ($c->{stale_walk} // 0) + ($c->{stale_walk_pdpte} // 0) +
			($c->{walk_fault} // 0);
		$n{$class} += $c->{probes} // 0;
	}
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
		stale_cell($k{correctness} // 0, $n{correctness} // 0),
		stale_cell($k{observation} // 0, $n{observation} // 0));
}
