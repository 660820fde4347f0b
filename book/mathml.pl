#!/usr/bin/perl
# mathml.pl - repairs to pandoc 2.17's MathML for the way Chromium (MathML
# Core) draws it.  mk/book.mk runs it over the HTML book:
#   perl book/mathml.pl < in.html > out.html
# Perl is part of every Debian system (perl-base).
use strict;
use warnings;

binmode STDIN, ':encoding(UTF-8)';
binmode STDOUT, ':encoding(UTF-8)';
local $/;                       # the whole file at once
my $html = <STDIN>;

# A table cell of `aligned` is drawn in text style, so its fractions
# shrank to script size: every cell gets display style back.
$html =~ s{(<mtd(?: [^>]*)?>)}{$1<mstyle displaystyle="true">}g;
$html =~ s{</mtd>}{</mstyle></mtd>}g;

# mathvariant is ignored on <mn>: the bold 1 of \mathbf{1} becomes the
# mathematical bold digit itself.
$html =~ s{<mstyle mathvariant="bold"><mn>1</mn></mstyle>}{<mn>\x{1D7CF}</mn>}g;

# \big( and \Big( come out with unitless sizes and stretchy="false", which
# MathML Core ignores: give the sizes units and let the fence stretch.
$html =~ s{<mo minsize="([0-9.]+)" maxsize="([0-9.]+)" stretchy="false"}
          {<mo minsize="$1em" maxsize="$2em" stretchy="true" symmetric="true"}g;

# Every parenthesis comes out stretchy, and a stretchy fence around short
# content is drawn with wide gaps: "( n, K )".  A pair of fences whose
# content holds no fraction, large operator or table, and no other
# stretchy fence, is made an ordinary character.  Repeat, so that pairs
# around such pairs are seen too.
my $open  = qr{<mo stretchy="true" form="prefix">([(\[])</mo>};
my $close = qr{<mo stretchy="true" form="postfix">([)\]])</mo>};
my $tall  = qr{<mfrac|<munder|<mover|<mtable|<msubsup><mo|<msqrt};
1 while $html =~ s{$open((?:(?!<mo stretchy="true" form="p).)*?)$close}{
    my ($o, $body, $c) = ($1, $2, $3);
    $body =~ $tall
        ? "<mo stretchy=\"true\" form=\"prefix\" fence=\"true\">$o</mo>$body"
          . "<mo stretchy=\"true\" form=\"postfix\" fence=\"true\">$c</mo>"
        : "<mo form=\"prefix\" stretchy=\"false\">$o</mo>$body"
          . "<mo form=\"postfix\" stretchy=\"false\">$c</mo>"
}gse;

print $html;
