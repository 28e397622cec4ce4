using System.Collections.ObjectModel;

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
internal sealed class SyntaxParser(List<Token> tokens)
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

    private ExpressionNode ParseUnary()
    {
        if (Current.Kind != TokenKind.Minus)
        {
            return ParsePrimary();
        }

        var op = Advance();
        Enter(op.Position);
        var operand = ParseUnary();
        Exit();
        return operand switch
        {
            ConstantNode { Value: decimal number } => new ConstantNode(-number, op.Position),
            ConstantNode { Value: null } => new ConstantNode(null, op.Position),
            ConstantNode => throw new ExpressionSyntaxException(
                $"Operator '-' at position {op.Position} needs a number", op.Position),
            _ => new NegateNode(operand, op.Position),
        };
    }

    private ExpressionNode ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new ConstantNode(token.Number, token.Position);
            case TokenKind.String:
                Advance();
                return new ConstantNode(token.Text, token.Position);
            case TokenKind.True or TokenKind.False:
                Advance();
                return new ConstantNode(Values.Box(token.Kind == TokenKind.True), token.Position);
            case TokenKind.Null:
                Advance();
                return new ConstantNode(null, token.Position);
            case TokenKind.Identifier:
                return ParsePath();
            case TokenKind.LeftParen:
                Advance();
                Enter(token.Position);
                var inner = ParseOr();
                Expect(TokenKind.RightParen, ")", token);
                Exit();
                return inner;
            case TokenKind.LeftBracket:
                return ParseList();
            default:
                throw Unexpected(token);
        }
    }

    private void Expect(TokenKind kind, string text, Token opener)
    {
        var token = Current;
        if (token.Kind != kind)
        {
            throw new ExpressionSyntaxException(
                $"Expected '{text}' to close the '{opener.Text}' at position {opener.Position}, but found {token.Describe()} at position {token.Position}",
                token.Position);
        }

        Advance();
    }

    private PathNode ParsePath()
    {
        var name = Advance();
        Variables.Add(name.Text);
        List<string>? members = null;
        while (Current.Kind == TokenKind.Dot)
        {
            Advance();
            var member = Current;
            if (member.Kind != TokenKind.Identifier && !member.IsKeyword)
            {
                throw new ExpressionSyntaxException(
                    $"Expected a member name after '.' but found {member.Describe()} at position {member.Position}",
                    member.Position);
            }

            Advance();
            (members ??= []).Add(member.Text);
        }

        return new PathNode(name.Text, members is null ? [] : [.. members], name.Position);
    }

    private ExpressionNode ParseList()
    {
        var open = Advance();
        Enter(open.Position);
        var items = new List<ExpressionNode>();
        if (Current.Kind != TokenKind.RightBracket)
        {
            while (true)
            {
                items.Add(ParseOr());
                if (Current.Kind == TokenKind.Comma)
                {
                    Advance();
                    continue;
                }

                Expect(TokenKind.RightBracket, "]", open);
                break;
            }
        }
        else
        {
            Advance();
        }

        Exit();
        var values = new object?[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not ConstantNode constant)
            {
                return new ListNode([.. items], open.Position);
            }

            values[i] = constant.Value;
        }

        return new ConstantNode(new ReadOnlyCollection<object?>(values), open.Position);
    }
}
