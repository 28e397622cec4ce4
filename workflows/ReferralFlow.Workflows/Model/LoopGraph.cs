namespace ReferralFlow.Workflows.Model;

/// <summary>Finds the nodes that lie on a cycle of the graph (flows and boundary attachments), once per definition.</summary>
internal static class LoopGraph
{
    /// <summary>
    /// Tarjan's strongly connected components, iterative so a 5,000-node diagram cannot overflow the stack: a node is on a
    /// cycle when its component has more than one node or it flows into itself.
    /// </summary>
    public static IEnumerable<FlowNode> NodesOnCycles(IReadOnlyList<FlowNode> nodes)
    {
        var count = nodes.Count;
        var index = new int[count];
        var low = new int[count];
        var onStack = new bool[count];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var next = 0;
        var result = new List<FlowNode>();
        var successors = nodes.Select(n => WorkflowDefinition.Successors(n).Select(s => s.Index).ToArray()).ToArray();

        for (var root = 0; root < count; root++)
        {
            if (index[root] >= 0)
            {
                continue;
            }

            // Each frame is a node and how many of its successors have been looked at.
            var frames = new Stack<(int Node, int Edge)>();
            frames.Push((root, 0));
            index[root] = low[root] = next++;
            stack.Push(root);
            onStack[root] = true;
            while (frames.TryPop(out var frame))
            {
                var (v, edge) = frame;
                if (edge < successors[v].Length)
                {
                    frames.Push((v, edge + 1));
                    var w = successors[v][edge];
                    if (index[w] < 0)
                    {
                        index[w] = low[w] = next++;
                        stack.Push(w);
                        onStack[w] = true;
                        frames.Push((w, 0));
                    }
                    else if (onStack[w])
                    {
                        low[v] = Math.Min(low[v], index[w]);
                    }

                    continue;
                }

                if (frames.TryPeek(out var parent))
                {
                    low[parent.Node] = Math.Min(low[parent.Node], low[v]);
                }

                if (low[v] != index[v])
                {
                    continue;
                }

                var component = new List<int>();
                int member;
                do
                {
                    member = stack.Pop();
                    onStack[member] = false;
                    component.Add(member);
                }
                while (member != v);

                if (component.Count > 1 || successors[v].Contains(v))
                {
                    result.AddRange(component.Select(i => nodes[i]));
                }
            }
        }

        return result;
    }
}
