using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Parsing;

namespace ReferralFlow.Workflows.Validation;

/// <summary>Checks a parsed definition graph for problems that would make it fail or stall at run time.</summary>
internal static class DefinitionValidator
{
    /// <param name="definition">The graph.</param>
    /// <param name="options">Known roles and policies.</param>
    /// <param name="reportedEdges">Flows touching elements already reported as unsupported; reachability passes
    /// through them so one unsupported element does not make everything after it "unreachable" as well.</param>
    /// <param name="issues">Where problems are added.</param>
    public static void Validate(WorkflowDefinition definition, BpmnParserOptions options, IReadOnlyList<(string From, string To)> reportedEdges, List<ValidationIssue> issues)
    {
        CheckStart(definition, issues);
        foreach (var node in definition.NodeList)
        {
            CheckNode(node, options, issues);
        }

        if (options.SendRecipients is { } recipients)
        {
            var roles = definition.Roles.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var send in definition.NodeList.OfType<SendTask>())
            {
                if (send.To is { } to && recipients.Refusal(to, roles) is { } why)
                {
                    issues.Add(Error("send-to-not-allowed", send.Id, $"Send task '{send.DisplayName}' may not address '{to}': {why}. "
                        + "Address a role (role:…), the referrer, an agency of the district (agency:…) or an address on the district's mail allow-list."));
                }
            }
        }

        CheckReachability(definition, reportedEdges, issues);
    }

    private static void CheckStart(WorkflowDefinition definition, List<ValidationIssue> issues)
    {
        switch (definition.StartEvents.Count)
        {
            case 0:
                issues.Add(Error("no-start-event", definition.Id, "The process has no none start event."));
                break;
            case > 1:
                foreach (var extra in definition.StartEvents.Skip(1))
                {
                    issues.Add(Error("multiple-start-events", extra.Id, $"The process has more than one start event; '{definition.StartEvents[0].Id}' is the first. Keep exactly one."));
                }

                break;
        }

        if (!definition.NodeList.OfType<EndEvent>().Any())
        {
            issues.Add(Warning("no-end-event", definition.Id, "The process has no end event; branches end implicitly where their flows stop."));
        }
    }

    private static void CheckNode(FlowNode node, BpmnParserOptions options, List<ValidationIssue> issues)
    {
        switch (node)
        {
            case StartEvent when node.Incoming.Count > 0:
                issues.Add(Error("start-has-incoming", node.Id, $"Start event '{node.DisplayName}' must not have incoming flows."));
                break;
            case EndEvent when node.Outgoing.Count > 0:
                issues.Add(Error("end-has-outgoing", node.Id, $"End event '{node.DisplayName}' must not have outgoing flows."));
                break;
            case Gateway gateway:
                CheckGateway(gateway, issues);
                break;
            case UserTask task:
                CheckUserTask(task, options, issues);
                break;
            case BoundaryTimerEvent boundary when boundary.Outgoing.Count == 0:
                issues.Add(Error("boundary-no-outgoing", node.Id, $"Boundary timer '{node.DisplayName}' has no outgoing flow."));
                break;
            case BoundaryTimerEvent boundary when boundary.Incoming.Count > 0:
                issues.Add(Error("boundary-has-incoming", node.Id, $"Boundary timer '{node.DisplayName}' must not have incoming flows."));
                break;
        }

        if (node is Activity or IntermediateTimerEvent or StartEvent && node.Outgoing.Count == 0)
        {
            issues.Add(Warning("implicit-end", node.Id, $"'{node.DisplayName}' has no outgoing flow; its branch ends there. Draw an end event to make that explicit."));
        }

        if (node is not Gateway && node.Outgoing.Count(f => f.Condition is not null) > 0 && node is not Activity)
        {
            issues.Add(Error("condition-not-allowed", node.Id, $"Conditional flows may leave gateways and tasks only, not '{node.DisplayName}'."));
        }
    }

    private static void CheckGateway(Gateway gateway, List<ValidationIssue> issues)
    {
        if (gateway.Outgoing.Count == 0)
        {
            issues.Add(Error("gateway-no-outgoing", gateway.Id, $"Gateway '{gateway.DisplayName}' has no outgoing flow."));
            return;
        }

        if (gateway.Incoming.Count == 0)
        {
            issues.Add(Error("gateway-no-incoming", gateway.Id, $"Gateway '{gateway.DisplayName}' has no incoming flow."));
        }

        if (gateway is ParallelGateway)
        {
            foreach (var flow in gateway.Outgoing.Where(f => f.Condition is not null))
            {
                issues.Add(Warning("condition-ignored", flow.Id, $"Flow '{flow.Id}' leaves parallel gateway '{gateway.DisplayName}'; its condition is ignored (every branch is taken)."));
            }

            return;
        }

        if (gateway is ExclusiveGateway && gateway.Outgoing.Count > 1)
        {
            foreach (var flow in gateway.Outgoing.Where(f => f.Condition is null && !f.IsDefault && !f.HasInvalidCondition))
            {
                issues.Add(Error("missing-condition", flow.Id, $"Flow '{flow.Id}' leaves exclusive gateway '{gateway.DisplayName}' without a condition and is not its default flow."));
            }
        }

        if (gateway.Default?.Condition is not null)
        {
            issues.Add(Warning("condition-ignored", gateway.Default.Id, $"Default flow '{gateway.Default.Id}' has a condition; a default flow is taken only when no other holds, and its condition is ignored."));
        }

        if (gateway.Outgoing.Count > 1 && gateway.Default is null && gateway.Outgoing.All(f => f.Condition is not null))
        {
            issues.Add(Warning("no-default-flow", gateway.Id, $"Gateway '{gateway.DisplayName}' has no default flow; if no condition holds, the referral stops there until repaired."));
        }
    }

    private static void CheckUserTask(UserTask task, BpmnParserOptions options, List<ValidationIssue> issues)
    {
        if (task.RoleKey is null)
        {
            issues.Add(Error("missing-role", task.Id, $"User task '{task.DisplayName}' has no role: draw it in a lane or set rf:role."));
        }
        else if (options.KnownRoles is { } known && !known.Contains(task.RoleKey))
        {
            issues.Add(Error("unknown-role", task.Id, $"User task '{task.DisplayName}' has role '{task.RoleKey}', which is not a known role."));
        }

        if (task.EscalationPolicy is { } policy && options.KnownEscalationPolicies is { } policies && !policies.Contains(policy))
        {
            issues.Add(Error("unknown-escalation-policy", task.Id, $"User task '{task.DisplayName}' uses escalation policy '{policy}', which is not configured."));
        }
    }

    private static void CheckReachability(WorkflowDefinition definition, IReadOnlyList<(string From, string To)> reportedEdges, List<ValidationIssue> issues)
    {
        if (definition.StartEvents.Count == 0)
        {
            return;
        }

        var extra = reportedEdges.ToLookup(e => e.From, e => e.To, StringComparer.Ordinal);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(definition.StartEvents.Select(s => s.Id));
        while (stack.TryPop(out var id))
        {
            if (!reached.Add(id))
            {
                continue;
            }

            if (definition.TryGetNode(id, out var node))
            {
                foreach (var next in WorkflowDefinition.Successors(node))
                {
                    stack.Push(next.Id);
                }
            }

            foreach (var next in extra[id])
            {
                stack.Push(next);
            }
        }

        foreach (var node in definition.NodeList.Where(n => !reached.Contains(n.Id)))
        {
            issues.Add(Error("unreachable", node.Id, $"'{node.DisplayName}' cannot be reached from the start event."));
        }
    }

    private static ValidationIssue Error(string code, string id, string message) => new(IssueSeverity.Error, code, id, message);

    private static ValidationIssue Warning(string code, string id, string message) => new(IssueSeverity.Warning, code, id, message);
}
