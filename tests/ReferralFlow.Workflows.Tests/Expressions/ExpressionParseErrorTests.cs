using ReferralFlow.Workflows.Expressions;

namespace ReferralFlow.Workflows.Tests.Expressions;

public sealed class ExpressionParseErrorTests
{
    [Theory]
    [InlineData("", 0, "Empty expression at position 0")]
    [InlineData("   ", 3, "Empty expression at position 3")]
    [InlineData("${}", 2, "Empty expression at position 2")]
    [InlineData("${   }", 5, "Empty expression at position 5")]
    [InlineData("=", 1, "Empty expression at position 1")]
    [InlineData("${a > 1", 0, "Unterminated '${' starting at position 0; expected '}' at the end")]
    [InlineData("(a or b))", 8, "Unexpected ')' at position 8")]
    [InlineData("a and (b)))", 9, "Unexpected ')' at position 9")]
    [InlineData("a ==", 4, "Unexpected end of expression at position 4")]
    [InlineData("a == ", 4, "Unexpected end of expression at position 4")]
    [InlineData("${a ==}", 6, "Unexpected end of expression at position 6")]
    [InlineData("(a or b", 7, "Expected ')' to close the '(' at position 0, but found end of expression at position 7")]
    [InlineData("(a b)", 3, "Expected ')' to close the '(' at position 0, but found 'b' at position 3")]
    [InlineData("a b", 2, "Unexpected 'b' at position 2")]
    [InlineData("and a", 0, "Unexpected 'and' at position 0")]
    [InlineData("a and", 5, "Unexpected end of expression at position 5")]
    [InlineData("a or or b", 5, "Unexpected 'or' at position 5")]
    [InlineData("a not b", 2, "Unexpected 'not' at position 2")]
    [InlineData("a == not b", 5, "Unexpected 'not' at position 5")]
    [InlineData("not in x", 4, "Unexpected 'in' at position 4")]
    [InlineData("a = 1", 2, "Unexpected '=' at position 2; use '==' to compare")]
    [InlineData("a & b", 2, "Unexpected '&' at position 2; use '&&' or 'and'")]
    [InlineData("a | b", 2, "Unexpected '|' at position 2; use '||' or 'or'")]
    [InlineData("a + 1", 2, "Unexpected character '+' at position 2")]
    [InlineData("a # 1", 2, "Unexpected character '#' at position 2")]
    [InlineData("${a} and ${b}", 3, "Unexpected character '}' at position 3")]
    [InlineData("a == \"abc", 5, "Unterminated string starting at position 5")]
    [InlineData("'abc\\'", 0, "Unterminated string starting at position 0")]
    [InlineData("'abc\\", 0, "Unterminated string starting at position 0")]
    [InlineData("a == '고위험", 5, "Unterminated string starting at position 5")]
    [InlineData("'a\\qb'", 2, "Invalid escape sequence '\\q' at position 2")]
    [InlineData("a < b < c", 6, "Comparisons cannot be chained: unexpected '<' at position 6; combine comparisons with 'and'")]
    [InlineData("a == b == c", 7, "Comparisons cannot be chained: unexpected '==' at position 7; combine comparisons with 'and'")]
    [InlineData("a in b not in c", 7, "Comparisons cannot be chained: unexpected 'not' at position 7; combine comparisons with 'and'")]
    [InlineData("a.", 2, "Expected a member name after '.' but found end of expression at position 2")]
    [InlineData("a.1", 2, "Expected a member name after '.' but found number '1' at position 2")]
    [InlineData("a..b", 2, "Expected a member name after '.' but found '.' at position 2")]
    [InlineData(".5", 0, "Unexpected '.' at position 0")]
    [InlineData("3.", 1, "Unexpected '.' at position 1")]
    [InlineData("3.x", 1, "Unexpected '.' at position 1")]
    [InlineData("3abc", 1, "Unexpected 'abc' at position 1")]
    [InlineData("1.2.3", 3, "Unexpected '.' at position 3")]
    [InlineData("99999999999999999999999999999999", 0, "Number '99999999999999999999999999999999' is out of range at position 0")]
    [InlineData("[1, 2", 5, "Expected ']' to close the '[' at position 0, but found end of expression at position 5")]
    [InlineData("[1 2]", 3, "Expected ']' to close the '[' at position 0, but found number '2' at position 3")]
    [InlineData("[1, 2,]", 6, "Unexpected ']' at position 6")]
    [InlineData("[,]", 1, "Unexpected ',' at position 1")]
    [InlineData("()", 1, "Unexpected ')' at position 1")]
    [InlineData("-'a'", 0, "Operator '-' at position 0 needs a number")]
    [InlineData("-true", 0, "Operator '-' at position 0 needs a number")]
    [InlineData("!", 1, "Unexpected end of expression at position 1")]
    [InlineData("a !in b", 2, "Unexpected '!' at position 2")]
    [InlineData("a == b)", 6, "Unexpected ')' at position 6")]
    [InlineData("==a", 0, "Unexpected '==' at position 0")]
    [InlineData("== a", 0, "Unexpected '==' at position 0")]
    [InlineData("= = a", 2, "Unexpected '=' at position 2; use '==' to compare")]
    [InlineData("a $ b", 2, "Unexpected character '$' at position 2")]
    [InlineData("a\u0001", 1, "Unexpected character U+0001 at position 1")]
    [InlineData("a, b", 1, "Unexpected ',' at position 1")]
    [InlineData("a == 'x' 'y'", 9, "Unexpected string literal at position 9")]
    public void Malformed_input_returns_an_error_with_its_position(string source, int position, string message)
    {
        var result = ExpressionParser.Parse(source);
        Assert.False(result.Success);
        Assert.Null(result.Expression);
        Assert.Equal(message, result.Error);
        Assert.Equal(position, result.ErrorPosition);
    }

    [Fact]
    public void The_leftmost_error_wins_over_a_later_lexical_error()
    {
        var result = ExpressionParser.Parse(") 'unterminated");
        Assert.Equal("Unexpected ')' at position 0", result.Error);
    }

    [Fact]
    public void Null_source_is_an_error_not_an_exception()
    {
        var result = ExpressionParser.Parse(null!);
        Assert.False(result.Success);
        Assert.Equal(0, result.ErrorPosition);
    }

    [Fact]
    public void Source_of_the_maximum_length_is_accepted_and_longer_is_rejected()
    {
        var atLimit = "a" + new string(' ', ExpressionParser.MaxLength - 1);
        Assert.True(ExpressionParser.Parse(atLimit).Success);

        var longName = new string('x', ExpressionParser.MaxLength);
        Assert.True(ExpressionParser.Parse(longName).Success);

        var tooLong = atLimit + " ";
        var result = ExpressionParser.Parse(tooLong);
        Assert.False(result.Success);
        Assert.Equal(ExpressionParser.MaxLength, result.ErrorPosition);
        Assert.Equal("Expression is longer than 4000 characters at position 4000", result.Error);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_accepted()
    {
        var depth = ExpressionParser.MaxDepth;
        var source = new string('(', depth) + "a" + new string(')', depth);
        Assert.True(ExpressionParser.Parse(source).Success);
        Assert.True(ExpressionParser.Parse(new string('[', depth) + new string(']', depth)).Success);
        Assert.True(ExpressionParser.Parse(string.Concat(Enumerable.Repeat("not ", depth)) + "a").Success);
        Assert.True(ExpressionParser.Parse(new string('-', depth) + "1").Success);
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("[", "]")]
    [InlineData("not ", "")]
    [InlineData("!", "")]
    [InlineData("-", "")]
    [InlineData("(not -", ")")]
    public void Nesting_deeper_than_the_limit_is_an_error(string open, string close)
    {
        var depth = ExpressionParser.MaxDepth + 1;
        var source = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
        var result = ExpressionParser.Parse(source);
        Assert.False(result.Success);
        Assert.StartsWith("Expression is nested more than 64 levels deep at position ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Very_deep_nesting_within_the_length_limit_never_overflows_the_stack()
    {
        foreach (var open in new[] { "(", "[", "!", "-", "not " })
        {
            var source = string.Concat(Enumerable.Repeat(open, ExpressionParser.MaxLength / open.Length));
            var result = ExpressionParser.Parse(source);
            Assert.False(result.Success);
            Assert.Contains("nested more than 64 levels", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Long_flat_chains_parse_and_evaluate()
    {
        var source = "a" + string.Concat(Enumerable.Repeat(" and a", 600));
        var expression = ExpressionTestHelper.Compile(source);
        Assert.True(expression.EvaluateCondition(ExpressionTestHelper.Vars(("a", true))));
        var list = "x in [" + string.Join(", ", Enumerable.Range(0, 700)) + "]";
        Assert.True(ExpressionTestHelper.Condition(list, ExpressionTestHelper.Vars(("x", 699))));
    }

    [Fact]
    public void Random_input_never_throws()
    {
        var random = new Random(20260105);
        const string alphabet = "ab 소득.()[],'\"\\=!<>&|-+0123456789 notandorinulltrue${}\t\n";
        for (var n = 0; n < 20_000; n++)
        {
            var length = random.Next(0, 24);
            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                chars[i] = random.Next(50) == 0 ? (char)random.Next(0, 0xFFFF) : alphabet[random.Next(alphabet.Length)];
            }

            var source = new string(chars);
            var result = ExpressionParser.Parse(source);
            if (result.Success)
            {
                Assert.Equal(-1, result.ErrorPosition);
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(result.Error));
                Assert.InRange(result.ErrorPosition, 0, source.Length);
                Assert.Contains($"position {result.ErrorPosition}", result.Error, StringComparison.Ordinal);
            }
        }
    }
}
