#!/usr/bin/perl
# SPDX-License-Identifier: MIT
# Moves N probes of one scenario from one outcome to another in a log, the
# way a real run with those reads would have printed it: the `# hist:` line
# of the category, the `# result:` line's counts and its touched/untouched
# split all change together, so the log stays consistent and the checker's
# integrity pass lets the architectural check judge it.  (Model logs carry
# no crc= seals; a sealed log would need resealing after this.)
#
#   move-probes.pl SCENARIO CATEGORY FROM TO N < IN > OUT
#   CATEGORY touched counts the probes as touched, any other as untouched.
use strict;
use warnings;

my ($scen, $cat, $from, $to, $n) = @ARGV;
die "usage: move-probes.pl SCENARIO CATEGORY FROM TO N\n" unless defined $n;
my $split = $cat eq 'touched' ? 'touched' : 'untouched';
my ($hist, $result) = (0, 0);

sub bump {
	my ($line, $key, $d) = @_;
	$$line =~ s/ \Q$key\E=(\d+)/" $key=" . ($1 + $d)/e or return 0;
	die "move-probes: $scen: $key would go negative\n" if $$line =~ / \Q$key\E=-/;
	return 1;
}

while (my $l = <STDIN>) {
	if ($l =~ /# hist: name=\Q$scen\E cat=\Q$cat\E /) {
		bump(\$l, $from, -$n) && bump(\$l, $to, $n) or die "move-probes: bad hist line\n";
		$hist++;
	} elsif ($l =~ /# result: name=\Q$scen\E /) {
		bump(\$l, $from, -$n) && bump(\$l, $to, $n) or die "move-probes: bad result line\n";
		# The split is printed for the non-coherent outcomes only.
		bump(\$l, "${split}_$from", -$n) if $from ne 'coherent';
		bump(\$l, "${split}_$to", $n) if $to ne 'coherent';
		$result++;
	}
	print $l;
}
die "move-probes: $scen: found $hist hist and $result result lines, expected 1 each\n"
	unless $hist == 1 && $result == 1;
