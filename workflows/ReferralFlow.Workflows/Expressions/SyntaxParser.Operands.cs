using System.Collections.ObjectModel;

namespace ReferralFlow.Workflows.Expressions;

/// <summary>The operand half of the parser: unary minus, literals, paths, parentheses and lists.</summary>
internal sealed partial class SyntaxParser
{
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
