using ReferralFlow.Workflows.Model;

namespace ReferralFlow.Workflows.Execution;

/// <summary>Gateways: choosing among outgoing flows, forking, and joining tokens.</summary>
internal sealed partial class Run
{
    private void Choose(ExclusiveGateway gateway)
    {
        foreach (var flow in gateway.Outgoing)
        {
            if (ReferenceEquals(flow, gateway.Default))
            {
                continue;
            }

            if (!TryCondition(flow, out var holds))
            {
                return;
            }

            if (holds)
            {
                _work.Enqueue((flow.Target, flow));
                return;
            }
        }

        if (gateway.Default is { } fallback)
        {
            _work.Enqueue((fallback.Target, fallback));
            return;
        }

        Incident(gateway, $"No condition of gateway '{gateway.DisplayName}' holds and it has no default flow.");
    }

    private void ForkInclusive(InclusiveGateway gateway) => TakeAllThatHold(gateway, gateway.Default);

    private void TakeAllThatHold(FlowNode node, SequenceFlow? fallback)
    {
        if (node.Outgoing.Count == 0)
        {
            return;
        }

        // Evaluate every condition before moving any token, so a failing condition leaves one incident and no half-fork.
        Span<bool> taken = stackalloc bool[node.Outgoing.Count];
        var any = false;
        for (var i = 0; i < node.Outgoing.Count; i++)
        {
            var flow = node.Outgoing[i];
            if (ReferenceEquals(flow, fallback))
            {
                continue;
            }

            if (!TryCondition(flow, out taken[i]))
            {
                return;
            }

            any |= taken[i];
        }

        if (!any && fallback is null)
        {
            Incident(node, $"No outgoing flow of '{node.DisplayName}' holds and it has no default flow.");
            return;
        }

        for (var i = 0; i < node.Outgoing.Count; i++)
        {
            var flow = node.Outgoing[i];
            if (taken[i] || (!any && ReferenceEquals(flow, fallback)))
            {
                _work.Enqueue((flow.Target, flow));
            }
        }
    }

    private void JoinParallel(ParallelGateway gateway, SequenceFlow? via)
    {
        _tokens.Add(new Token(_nextId++, gateway.Id, TokenState.AtJoin, via?.Id));
        foreach (var flow in gateway.Incoming)
        {
            if (FindJoinToken(gateway.Id, flow.Id) < 0)
            {
                return;
            }
        }

        ConsumeJoinTokens(gateway);
        foreach (var flow in gateway.Outgoing)
        {
            _work.Enqueue((flow.Target, flow));
        }
    }

    // A plain loop: this runs for every token reaching a join, and lambdas here would allocate each time.
    private int FindJoinToken(string joinId, string? arrivedVia)
    {
        for (var i = 0; i < _tokens.Count; i++)
        {
            var token = _tokens[i];
            if (token.State == TokenState.AtJoin && token.NodeId == joinId && token.ArrivedVia == arrivedVia)
            {
                return i;
            }
        }

        return -1;
    }

    private bool TryFireInclusiveJoin()
    {
        foreach (var waiting in _tokens)
        {
            if (waiting.State != TokenState.AtJoin
                || _definition.GetNode(waiting.NodeId) is not InclusiveGateway join
                || !CanFire(join))
            {
                continue;
            }

            ConsumeJoinTokens(join);
            ForkInclusive(join);
            return true;
        }

        return false;
    }

    // The join fires when no token elsewhere can still reach it.
    private bool CanFire(InclusiveGateway join)
    {
        foreach (var token in _tokens)
        {
            if (token.NodeId == join.Id && token.State == TokenState.AtJoin)
            {
                continue;
            }

            if (join.Upstream[_definition.GetNode(token.NodeId).Index])
            {
                return false;
            }
        }

        return true;
    }

    // Consumes one waiting token per incoming flow; extra tokens on the same flow wait for the next round.
    private void ConsumeJoinTokens(Gateway join)
    {
        foreach (var flow in join.Incoming)
        {
            var index = FindJoinToken(join.Id, flow.Id);
            if (index >= 0)
            {
                _tokens.RemoveAt(index);
            }
        }

        // Tokens moved here by repair carry no flow; they join the first round.
        for (var index = FindJoinToken(join.Id, null); index >= 0; index = FindJoinToken(join.Id, null))
        {
            _tokens.RemoveAt(index);
        }
    }
}
