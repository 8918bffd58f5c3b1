#!/usr/bin/perl
# SPDX-License-Identifier: MIT
#
# Dependency rules (docs/hacking.md), checked over the sources and the
# objects:
#   1. nothing in kernel/, mm/ or harness/ includes a file under tests/;
#   2. no circle in the #include graph (file level);
#   3. no circle between modules at link level: module A depends on B when
#      A's object uses a symbol that B's object defines.  A module is one
#      .c file with the header of the same name; a circle means two files
#      need each other and are one idea split in two (or two ideas tangled).
#      Assembly glue (a .asm beside the objects) is left out: entry stubs
#      and the C they call are one mechanism in two languages.
# usage: check-deps.pl OBJDIR SRCROOT [DIR...]
# Prints each violation; exit status 1 if there is any.
use strict;
use warnings;

my ($objdir, $root, @dirs) = @ARGV;
die "usage: check-deps.pl OBJDIR SRCROOT DIR...\n" unless $objdir && $root && @dirs;
my $bad = 0;
my %isdir = map { $_ => 1 } @dirs;

sub files_under {
	my ($d, $pat) = @_;
	opendir(my $dh, "$root/$d") or return ();
	my @f = map { "$d/$_" } grep { /$pat/ } readdir($dh);
	closedir($dh);
	return sort @f;
}

# 1 and 2: the #include graph.
my %inc;
for my $d (@dirs) {
	for my $f (files_under($d, qr/\.(c|h|def)$/)) {
		open(my $fh, '<', "$root/$f") or die "$f: $!\n";
		while (<$fh>) {
			next unless /^\s*#\s*include\s+"([^"]+)"/;
			my $t = $1;
			push @{$inc{$f}}, $t;
			if ($t =~ m{^tests/} && $f =~ m{^(kernel|mm|harness)/}) {
				print "check-deps: $f includes $t: the core must not depend on the experiments\n";
				$bad = 1;
			}
		}
		close($fh);
	}
}

sub cycles {
	my ($what, %g) = @_;
	my (%index, %low, %on, @stack);
	my $n = 0;
	my $strong;
	$strong = sub {
		my ($v) = @_;
		$index{$v} = $low{$v} = $n++;
		push @stack, $v;
		$on{$v} = 1;
		for my $w (@{$g{$v} || []}) {
			if (!defined $index{$w}) {
				$strong->($w);
				$low{$v} = $low{$w} if $low{$w} < $low{$v};
			} elsif ($on{$w}) {
				$low{$v} = $index{$w} if $index{$w} < $low{$v};
			}
		}
		return unless $low{$v} == $index{$v};
		my @c;
		my $w;
		do {
			$w = pop @stack;
			$on{$w} = 0;
			push @c, $w;
		} while ($w ne $v);
		my $self = grep { $_ eq $v } @{$g{$v} || []};
		if (@c > 1 || $self) {
			print "check-deps: $what circle: ", join(' <-> ', sort @c), "\n";
			$bad = 1;
		}
	};
	for my $v (sort keys %g) {
		$strong->($v) unless defined $index{$v};
	}
}
cycles('include', %inc);

# 3: the link graph, from nm over OBJDIR/<dir>/*.o.
my (%def, %weak, %uses);
for my $d (@dirs) {
	for my $o (glob("$objdir/$d/*.o")) {
		(my $m = $o) =~ s{^\Q$objdir\E/}{};
		$m =~ s{\.o$}{};
		next if -e "$root/$m.asm";
		for (`nm $o`) {
			if (/^\s+U (\S+)/) {
				push @{$uses{$m}}, $1;
			} elsif (/^\S+ ([TDRBC]) (\S+)/) {
				$def{$2} = $m;
			} elsif (/^\S+ ([WV]) (\S+)/) {
				$weak{$2} = $m;
			}
		}
	}
}
my %link;
for my $m (keys %uses) {
	my %seen;
	for my $s (@{$uses{$m}}) {
		my $t = $def{$s} // $weak{$s};
		next unless defined $t && $t ne $m && !$seen{$t}++;
		push @{$link{$m}}, $t;
	}
}
cycles('link', %link);
exit $bad;
