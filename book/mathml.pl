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
# content holds no fraction, large operator (with or without limits),
# table or root, and no other stretchy fence, is made an ordinary
# character.  Repeat, so that pairs
# around such pairs are seen too.
my $open  = qr{<mo stretchy="true" form="prefix">([(\[])</mo>};
my $close = qr{<mo stretchy="true" form="postfix">([)\]])</mo>};
my $tall  = qr{<mfrac|<munder|<mover|<mtable|<msubsup><mo|<msqrt|<mo>[\x{2211}\x{220F}\x{222B}]</mo>};
1 while $html =~ s{$open((?:(?!<mo stretchy="true" form="p).)*?)$close}{
    my ($o, $body, $c) = ($1, $2, $3);
    $body =~ $tall
        ? "<mo stretchy=\"true\" form=\"prefix\" fence=\"true\">$o</mo>$body"
          . "<mo stretchy=\"true\" form=\"postfix\" fence=\"true\">$c</mo>"
        : "<mo form=\"prefix\" stretchy=\"false\">$o</mo>$body"
          . "<mo form=\"postfix\" stretchy=\"false\">$c</mo>"
}gse;

# \mathrm{softmax} comes out as one <mi> a letter inside an <mstyle
# mathvariant="normal">, which MathML Core ignores: each letter is drawn
# in italic.  A word of letters becomes one upright <mi>.
$html =~ s{<mstyle mathvariant="normal">((?:<mi>[^<]</mi>)+)</mstyle>}{
    my $w = $1; $w =~ s{</?mi>}{}g;
    length($w) > 1 ? "<mi>$w</mi>" : "<mi mathvariant=\"normal\">$w</mi>"
}ge;

# Chromium sets a superscript right after its base's advance width, and
# an italic letter whose ink leans past it (W, X, b ...) then runs into
# the superscript: W^h, X^T, b^o.  TeX adds the letter's italic
# correction there; here the superscript of such a one-letter base is
# moved right by about that much.  tests/book/render-check.js measures
# what is left (check-book fails on a collision).
my %italic = (W => 0.2, V => 0.2, Y => 0.2, U => 0.15, X => 0.15,
              T => 0.15, F => 0.15, P => 0.1, Z => 0.1, K => 0.1,
              H => 0.1, b => 0.1, d => 0.1, f => 0.15, l => 0.1, h => 0.1,
              k => 0.1);
my $letters = join '', keys %italic;
sub lean {
    my ($c, $sup) = @_;
    my $em = $italic{$c};
    # (MathML Core reads no relative width such as mpadded's "+0.2em".)
    return "<mrow><mspace width=\"${em}em\"/>$sup</mrow>";
}
my $one = qr{<mi>[^<]*</mi>|<mn>[^<]*</mn>|<mo>[^<]*</mo>|<mtext[^>]*>[^<]*</mtext>|<mrow>(?:(?!</?mrow[ >]).)*</mrow>};
$html =~ s{<msup><mi>([$letters])</mi>($one)</msup>}
          {"<msup><mi>$1</mi>" . lean($1, $2) . "</msup>"}ge;
$html =~ s{<msubsup><mi>([$letters])</mi>($one)($one)</msubsup>}
          {"<msubsup><mi>$1</mi>$2" . lean($1, $3) . "</msubsup>"}ge;

print $html;
