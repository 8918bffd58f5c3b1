#!/usr/bin/perl
# read-tap.pl FILE: what Perl's TAP::Parser (prove's parser) makes of the
# TAP in FILE, as read.py prints it: "tests=N fail=N skip=N error=N
# inconclusive=NAME,..." (error: parse errors, a missing or wrong plan).
use strict;
use warnings;
use TAP::Parser;

open(my $fh, '<', $ARGV[0]) or die "read-tap: $ARGV[0]: $!\n";
my $tap = do { local $/; <$fh> };
my $p = TAP::Parser->new({ tap => $tap });
my @inc;
while (my $r = $p->next) {
	next unless $r->is_test && $r->has_skip;
	next unless $r->explanation =~ /^inconclusive/;
	(my $name = $r->description) =~ s/^- //;
	push @inc, $name;
}
my @err = $p->parse_errors;
print "error: $err[0]\n" and exit if @err;
printf "tests=%d fail=%d skip=%d error=0 inconclusive=%s\n", scalar $p->tests_run,
	scalar $p->failed, scalar $p->skipped, join(',', sort @inc) || '-';
