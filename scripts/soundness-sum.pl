#!/usr/bin/perl
# SPDX-License-Identifier: MIT
# `make soundness` (scripts/soundness.sh): the tables from the lines of
# scripts/soundness-one.sh.
#
#   soundness-sum.pl table LINES MUTANT_LIST [DOC]
#       the two tables (legal machines, mutants) from all the lines, printed
#       and, with DOC, written into it between the soundness markers
#
# Exit status of table: 0 when every legal machine passed both profiles
# with no architectural finding and every runnable mutant was caught in at
# least 99% of its runs; 1 otherwise.
use strict;
use warnings;

sub slurp {
	my ($f) = @_;
	open(my $fh, '<', $f) or return undef;
	local $/;
	my $s = <$fh>;
	close($fh);
	return $s;
}

our @RATE_ROWS = qw(control.stale_tlb pmd_collapse.noflush linux.28ee90fe6048);

sub median {
	my @v = sort { $a <=> $b } @_;
	return undef unless @v;
	return @v % 2 ? $v[$#v / 2] : ($v[@v / 2 - 1] + $v[@v / 2]) / 2;
}

sub pct {
	my ($v) = @_;
	return '-' unless defined $v;
	return sprintf('%.1f%%', 100 * $v);
}

sub most_common {
	my (%n) = @_;
	my @k = sort { $n{$b} <=> $n{$a} || $a cmp $b } keys %n;
	return @k ? $k[0] : '-';
}

sub table {
	my ($lines, $list, $doc) = @_;
	my (%legal, %mut, @out, @weak, $bad);
	open(my $fh, '<', $lines) or die "soundness: $lines: $!\n";
	while (<$fh>) {
		chomp;
		my @f = split /\t/;
		if ($f[0] eq 'L') {
			my $key = "$f[1]\t$f[2]";
			my $e = $legal{$key} //= { n => 0, fail => 0, arch => 0,
				inc => 0, incm => 0, rates => [ map { [] } @RATE_ROWS ],
				first => {} };
			$e->{n}++;
			my $failed = $f[4] != 0 || $f[5] != 0 || $f[6] != 0;
			$e->{fail} += $failed;
			$e->{arch} += $f[7];
			$e->{inc} += $f[8];
			$e->{incm}++ if $f[8];
			$e->{first}{"$f[1] seed $f[3]: $f[9]/$f[10]"}++ if $failed;
			for my $i (0 .. $#RATE_ROWS) {
				push @{ $e->{rates}[$i] }, $f[11 + $i]
					if $f[11 + $i] ne '-';
			}
		} elsif ($f[0] eq 'M') {
			my $key = "$f[1]\t$f[2]";
			my $e = $mut{$key} //= { n => 0, caught => 0, rows => {},
				kinds => {}, errors => 0 };
			$e->{n}++;
			$e->{caught} += $f[6];
			$e->{errors}++ if $f[5] > 1 && !$f[6];
			$e->{rows}{$f[7]}++ if $f[6];
			$e->{kinds}{$f[8]}++ if $f[6];
		}
	}
	close($fh);
	my %info;
	my $cur;
	for (split /\n/, slurp($list) // '') {
		if (/^(\S+)\tvendors=(.*)$/) {
			$cur = $1;
			$info{$cur} = { vendors => $2 };
		} elsif (/^\tbreaks: (.*)$/ && $cur) {
			$info{$cur}{rule} = $1;
		} elsif (/^\tnot runnable: (.*)$/ && $cur) {
			$info{$cur}{why} = $1;
		} elsif (/^\tweak: (.*)$/ && $cur) {
			$info{$cur}{weak} = $1;
		}
	}
	push @out, '| vendor | iters | machines | FAIL | architectural findings | '
		. 'inconclusive results (machines with any) | median stale rate: '
		. join(', ', map { "`$_`" } @RATE_ROWS) . ' |',
		'| --- | --- | --- | --- | --- | --- | --- |';
	for my $key (sort keys %legal) {
		my $e = $legal{$key};
		my ($v, $it) = split /\t/, $key;
		push @out, sprintf('| %s | %s | %d | %d | %d | %d (%d) | %s |', $v,
			$it, $e->{n}, $e->{fail}, $e->{arch}, $e->{inc}, $e->{incm},
			join(', ', map { pct(median(@$_)) } @{ $e->{rates} }));
		$bad = 1 if $e->{fail} || $e->{arch};
	}
	my @failures = map { keys %{ $legal{$_}{first} } } sort keys %legal;
	push @out, '', "Failing legal machines (first finding, metal/kvm): "
		. join('; ', @failures[0 .. ($#failures < 9 ? $#failures : 9)])
		if @failures;
	push @out, '', '| mutant | vendor | detected | row that catches it | '
		. 'caught by | rule it breaks |', '| --- | --- | --- | --- | --- | --- |';
	for my $name (sort keys %info) {
		my $i = $info{$name};
		my @keys = grep { (split /\t/)[0] eq $name } sort keys %mut;
		if ($i->{why}) {
			push @out, sprintf('| `%s` | %s | not runnable | %s | - | %s |',
				$name, $i->{vendors}, "smp.* rows: $i->{why}",
				$i->{rule});
			next;
		}
		for my $key (@keys) {
			my $e = $mut{$key};
			my $v = (split /\t/, $key)[1];
			push @out, sprintf('| `%s` | %s | %d of %d%s | `%s` | %s | %s |',
				$name, $v, $e->{caught}, $e->{n},
				$e->{errors} ? " ($e->{errors} model errors)" : '',
				most_common(%{ $e->{rows} }),
				most_common(%{ $e->{kinds} }), $i->{rule});
			next unless $e->{caught} * 100 < 99 * $e->{n};
			if ($i->{weak}) {
				push @weak, "`$name`: $i->{weak}";
			} else {
				$bad = 1;
				push @weak, "`$name`: caught in fewer than 99% of "
					. "its runs, with no reason given (a failure)";
			}
		}
	}
	push @out, '', 'Caught in fewer than 99% of runs: ' . join('; ', @weak) . '.'
		if @weak;
	my $text = join("\n", @out) . "\n";
	print $text;
	if ($doc) {
		my $d = slurp($doc) // die "soundness: $doc: $!\n";
		my $begin = "<!-- soundness: begin (make soundness writes this) -->\n";
		my $end = "<!-- soundness: end -->\n";
		$d =~ s/\Q$begin\E.*?\Q$end\E/$begin$text$end/s
			or die "soundness: $doc has no soundness markers\n";
		open(my $o, '>', "$doc.tmp") or die "soundness: $doc.tmp: $!\n";
		print $o $d;
		close($o) or die "soundness: $doc.tmp: $!\n";
		rename("$doc.tmp", $doc) or die "soundness: $doc: $!\n";
	}
	return $bad ? 1 : 0;
}

my $mode = shift // '';
exit table(@ARGV) if $mode eq 'table' && @ARGV >= 2;
die "usage: soundness-sum.pl table LINES MUTANT_LIST [DOC]\n";
