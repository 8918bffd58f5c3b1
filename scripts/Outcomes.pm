# SPDX-License-Identifier: MIT
# The outcome vocabulary for the Perl scripts, read from kernel/outcomes.def
# (the one list): each OUTCOME(...) line as a hash of its columns.
#
#   use lib ...; use Outcomes;
#   my @all = Outcomes::all();               # in the result line's order
#   my @keys = map { $_->{key} } @all;
#   my @walks = map { $_->{key} } grep { $_->{psc} } @all;
package Outcomes;
use strict;
use warnings;
use File::Basename qw(dirname);

my @COLUMNS = qw(id key noncoherent split rank cell label psc model always);

sub all {
	my $def = dirname(__FILE__) . "/../kernel/outcomes.def";
	open(my $fh, '<', $def) or die "Outcomes: $def: $!\n";
	my @out;
	while (my $line = <$fh>) {
		next unless $line =~ /^OUTCOME\((.*)\)\s*$/;
		my @f = map { s/^\s+|\s+$//gr } split(/,/, $1);
		die "Outcomes: $def: '$line' has " . scalar(@f) . " columns, not " .
			scalar(@COLUMNS) . "\n" unless @f == @COLUMNS;
		my %o;
		@o{@COLUMNS} = @f;
		$o{label} =~ s/^"|"$//g;
		push @out, \%o;
	}
	close($fh);
	die "Outcomes: $def: no OUTCOME lines\n" unless @out;
	return @out;
}

1;
