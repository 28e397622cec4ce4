using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Parsing;

namespace ReferralFlow.Workflows.Validation;

/// <summary>
/// Checks a parsed definition graph for problems that would make it fail or stall at run time. The graph is the model
/// as written: elements the engine does not run are <see cref="UnsupportedNode"/>s (already reported), and flows to
/// them count like any other, so no check claims a flow is missing when it only leads somewhere unsupported.
/// </summary>
internal static class DefinitionValidator
{
    private const int MaxNamedTargets = 3;

    public static void Validate(WorkflowDefinition definition, BpmnParserOptions options, List<ValidationIssue> issues)
    {
        CheckStart(definition, issues);
        foreach (var node in definition.NodeList.Where(n => n is not UnsupportedNode))
        {
            CheckNode(node, options, issues);
            CheckLeadsOnlyToUnsupported(node, issues);
        }

        if (options.SendRecipients is { } recipients)
        {
            var roles = definition.Roles.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var send in definition.NodeList.OfType<SendTask>())
            {
                if (send.To is { } to && recipients.RefusalReason(to, roles) is { } reason)
                {
                    issues.Add(Error("send-to-not-allowed", send.Id, ("name", send.DisplayName), ("to", to), ("reason", reason.Key), ("value", reason.Value)));
                }
            }
        }

        CheckReachability(definition, issues);
    }

    private static void CheckStart(WorkflowDefinition definition, List<ValidationIssue> issues)
    {
        switch (definition.StartEvents.Count)
        {
            case 0:
                issues.Add(Error("no-start-event", definition.Id));
                break;
            case > 1:
                foreach (var extra in definition.StartEvents.Skip(1))
                {
                    issues.Add(Error("multiple-start-events", extra.Id, ("first", definition.StartEvents[0].Id)));
                }

                break;
        }

        if (!definition.NodeList.OfType<EndEvent>().Any())
        {
            issues.Add(Warning("no-end-event", definition.Id));
        }
    }

    private static void CheckNode(FlowNode node, BpmnParserOptions options, List<ValidationIssue> issues)
    {
        var name = ("name", (object?)node.DisplayName);
        switch (node)
        {
            case StartEvent when node.Incoming.Count > 0:
                issues.Add(Error("start-has-incoming", node.Id, name));
                break;
            case EndEvent when node.Outgoing.Count > 0:
                issues.Add(Error("end-has-outgoing", node.Id, name));
                break;
            case Gateway gateway:
                CheckGateway(gateway, issues);
                break;
            case UserTask task:
                CheckUserTask(task, options, issues);
                break;
            case BoundaryTimerEvent boundary when boundary.Outgoing.Count == 0:
                issues.Add(Error("boundary-no-outgoing", node.Id, name));
                break;
            case BoundaryTimerEvent boundary when boundary.Incoming.Count > 0:
                issues.Add(Error("boundary-has-incoming", node.Id, name));
                break;
        }

        if (node is Activity or IntermediateTimerEvent or StartEvent && node.Outgoing.Count == 0)
        {
            issues.Add(Warning("implicit-end", node.Id, name));
        }

        if (node is not (Gateway or Activity) && node.Outgoing.Any(f => f.Condition is not null))
        {
            issues.Add(Error("condition-not-allowed", node.Id, name));
        }
    }

    private static void CheckGateway(Gateway gateway, List<ValidationIssue> issues)
    {
        var name = ("name", (object?)gateway.DisplayName);
        if (gateway.Outgoing.Count == 0)
        {
            issues.Add(Error("gateway-no-outgoing", gateway.Id, name));
            return;
        }

        if (gateway.Incoming.Count == 0)
        {
            issues.Add(Error("gateway-no-incoming", gateway.Id, name));
        }

        if (gateway is ParallelGateway)
        {
            foreach (var flow in gateway.Outgoing.Where(f => f.Condition is not null))
            {
                issues.Add(Warning("condition-ignored", flow.Id, ("reason", "reason.parallel-condition"), ("flow", flow.Id), name));
            }

            return;
        }

        if (gateway is ExclusiveGateway && gateway.Outgoing.Count > 1)
        {
            foreach (var flow in gateway.Outgoing.Where(f => f.Condition is null && !f.IsDefault && !f.HasInvalidCondition))
            {
                issues.Add(Error("missing-condition", flow.Id, ("flow", flow.Id), name));
            }
        }

        if (gateway.Default?.Condition is not null)
        {
            issues.Add(Warning("condition-ignored", gateway.Default.Id, ("reason", "reason.default-condition"), ("flow", gateway.Default.Id), name));
        }

        if (gateway.Outgoing.Count > 1 && gateway.Default is null && gateway.Outgoing.All(f => f.Condition is not null))
        {
            issues.Add(Warning("no-default-flow", gateway.Id, name));
        }
    }

    private static void CheckUserTask(UserTask task, BpmnParserOptions options, List<ValidationIssue> issues)
    {
        var name = ("name", (object?)task.DisplayName);
        if (task.RoleKey is null)
        {
            issues.Add(Error("missing-role", task.Id, name));
        }
        else if (options.KnownRoles is { } known && !known.Contains(task.RoleKey))
        {
            issues.Add(Error("unknown-role", task.Id, name, ("role", task.RoleKey)));
        }

        if (task.EscalationPolicy is { } policy && options.KnownEscalationPolicies is { } policies && !policies.Contains(policy))
        {
            issues.Add(Error("unknown-escalation-policy", task.Id, name, ("policy", policy)));
        }
    }

    // What is really wrong when every way on leads to something the engine does not run.
    private static void CheckLeadsOnlyToUnsupported(FlowNode node, List<ValidationIssue> issues)
    {
        if (node.Outgoing.Count == 0 || !node.Outgoing.All(f => f.Target is UnsupportedNode))
        {
            return;
        }

        var targets = node.Outgoing.Select(f => (UnsupportedNode)f.Target).DistinctBy(t => t.Id).ToList();
        var named = string.Join(", ", targets.Take(MaxNamedTargets).Select(t => $"{t.Kind} '{IssueTexts.Excerpt(t.DisplayName)}'"));
        issues.Add(Warning("leads-to-unsupported", node.Id, ("name", node.DisplayName), ("targets", targets.Count > MaxNamedTargets ? named + ", …" : named)));
    }

    private static void CheckReachability(WorkflowDefinition definition, List<ValidationIssue> issues)
    {
        if (definition.StartEvents.Count == 0)
        {
            return;
        }

        // Unsupported boundary events are not attached to their activity, but a token could reach them from it.
        var attached = definition.NodeList.OfType<UnsupportedNode>().Where(n => n.AttachedToId is not null)
            .ToLookup(n => n.AttachedToId!, StringComparer.Ordinal);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<FlowNode>(definition.StartEvents);
        while (stack.TryPop(out var node))
        {
            if (!reached.Add(node.Id))
            {
                continue;
            }

            foreach (var next in WorkflowDefinition.Successors(node).Concat(attached[node.Id]))
            {
                stack.Push(next);
            }
        }

        foreach (var node in definition.NodeList.Where(n => n is not UnsupportedNode && !reached.Contains(n.Id)))
        {
            issues.Add(Error("unreachable", node.Id, ("name", node.DisplayName)));
        }
    }

    private static ValidationIssue Error(string code, string id, params (string Name, object? Value)[] args) => Issue.Error(code, id, null, args);

    private static ValidationIssue Warning(string code, string id, params (string Name, object? Value)[] args) => Issue.Warning(code, id, null, args);
}
