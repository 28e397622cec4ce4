namespace ReferralFlow.Workflows.Expressions;

/// <summary>
/// Recursive-descent parser over the token list. Grammar, lowest precedence first:
/// <code>
/// or         := and (('or' | '||') and)*
/// and        := not (('and' | '&amp;&amp;') not)*
/// not        := ('not' | '!') not | comparison
/// comparison := unary (('==' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=' | 'in' | 'not' 'in') unary)?
/// unary      := '-' unary | primary
/// primary    := number | string | 'true' | 'false' | 'null' | path | '(' or ')' | '[' (or (',' or)*)? ']'
/// path       := identifier ('.' (identifier | keyword))*
/// </code>
/// Comparisons do not chain (<c>a &lt; b &lt; c</c> is an error). Nesting is limited to
/// <see cref="ExpressionParser.MaxDepth"/>, so recursion is bounded.
/// </summary>
internal sealed partial class SyntaxParser(List<Token> tokens)
{
    private int index;
    private int depth;

    public HashSet<string> Variables { get; } = new(StringComparer.Ordinal);

    /// <summary>The current token; reaching a lexical error reports it.</summary>
    private Token Current => Check(tokens[index]);

    public ExpressionNode ParseExpression()
    {
        var node = ParseOr();
        if (Current.Kind != TokenKind.End)
        {
            throw Unexpected(Current);
        }

        return node;
    }

    private static Token Check(Token token) => token.Kind == TokenKind.Error
        ? throw new ExpressionSyntaxException(token.Text, token.Position)
        : token;

    private Token PeekNext() => Check(tokens[Math.Min(index + 1, tokens.Count - 1)]);

    private Token Advance()
    {
        var token = Current;
        if (token.Kind != TokenKind.End)
        {
            index++;
        }

        return token;
    }

    private void Enter(int position)
    {
        if (++depth > ExpressionParser.MaxDepth)
        {
            throw new ExpressionSyntaxException(
                $"Expression is nested more than {ExpressionParser.MaxDepth} levels deep at position {position}", position);
        }
    }

    private void Exit() => depth--;

    private static ExpressionSyntaxException Unexpected(Token token) =>
        new($"Unexpected {token.Describe()} at position {token.Position}", token.Position);

    private ExpressionNode ParseOr() => ParseChain(TokenKind.Or, ParseAnd);

    private ExpressionNode ParseAnd() => ParseChain(TokenKind.And, ParseNot);

    private ExpressionNode ParseChain(TokenKind kind, Func<ExpressionNode> operand)
    {
        var first = operand();
        if (Current.Kind != kind)
        {
            return first;
        }

        var operands = new List<ExpressionNode> { first };
        var texts = new List<string>();
        var positions = new List<int>();
        while (Current.Kind == kind)
        {
            var op = Advance();
            texts.Add(op.Text);
            positions.Add(op.Position);
            operands.Add(operand());
        }

        return kind == TokenKind.And
            ? new AndNode([.. operands], [.. texts], [.. positions], first.Position)
            : new OrNode([.. operands], [.. texts], [.. positions], first.Position);
    }

    private ExpressionNode ParseNot()
    {
        if (Current.Kind is not (TokenKind.Not or TokenKind.Bang))
        {
            return ParseComparison();
        }

        var op = Advance();
        Enter(op.Position);
        var operand = ParseNot();
        Exit();
        return new NotNode(operand, op.Text, op.Position);
    }

    private ExpressionNode ParseComparison()
    {
        var left = ParseUnary();
        var node = ParseComparisonTail(left);
        if (node is null)
        {
            return left;
        }

        if (IsComparisonOperator())
        {
            var next = Current;
            throw new ExpressionSyntaxException(
                $"Comparisons cannot be chained: unexpected {next.Describe()} at position {next.Position}; combine comparisons with 'and'",
                next.Position);
        }

        return node;
    }

    private bool IsComparisonOperator() => Current.Kind switch
    {
        TokenKind.EqualEqual or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessEqual
            or TokenKind.Greater or TokenKind.GreaterEqual or TokenKind.In => true,
        TokenKind.Not => PeekNext().Kind == TokenKind.In,
        _ => false,
    };

    private ExpressionNode? ParseComparisonTail(ExpressionNode left)
    {
        var op = Current;
        switch (op.Kind)
        {
            case TokenKind.EqualEqual or TokenKind.NotEqual:
                Advance();
                return new EqualityNode(left, ParseUnary(), op.Kind == TokenKind.NotEqual, op.Position);
            case TokenKind.Less:
                Advance();
                return new OrderingNode(left, ParseUnary(), OrderingOperator.Less, op.Position);
            case TokenKind.LessEqual:
                Advance();
                return new OrderingNode(left, ParseUnary(), OrderingOperator.LessOrEqual, op.Position);
            case TokenKind.Greater:
                Advance();
                return new OrderingNode(left, ParseUnary(), OrderingOperator.Greater, op.Position);
            case TokenKind.GreaterEqual:
                Advance();
                return new OrderingNode(left, ParseUnary(), OrderingOperator.GreaterOrEqual, op.Position);
            case TokenKind.In:
                Advance();
                return new InNode(left, ParseUnary(), negated: false, op.Position);
            case TokenKind.Not when PeekNext().Kind == TokenKind.In:
                Advance();
                Advance();
                return new InNode(left, ParseUnary(), negated: true, op.Position);
            default:
                return null;
        }
    }
}
