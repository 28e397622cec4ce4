using System.Xml.Linq;
using ReferralFlow.Workflows.Parsing;
using ReferralFlow.Workflows.Templates;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Workflows.Tests.Parsing;

/// <summary>
/// Property test: the bundled templates and the MIWG reference models, mutated at random with a fixed seed (elements
/// dropped, duplicated, retargeted, renamed, re-nested, re-encoded), never make the parser or validator throw, and every
/// error they report is located (a line) and has Korean and English text.
/// </summary>
public sealed class MutationFuzzTests
{
    private const int Seed = 20_240_612;
    private const int MutationsPerModel = 14;

    public static TheoryData<string> Models() =>
        [.. BundledTemplates.All.Select(t => "template:" + t.Key),
            .. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "miwg"), "*.bpmn").Select(f => "miwg:" + Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Models))]
    public void Mutated_models_never_throw_and_every_error_is_located(string model)
    {
        var original = Load(model);
        var random = new Random(Seed + model.Sum(c => c));
        for (var round = 0; round < MutationsPerModel; round++)
        {
            var document = XDocument.Parse(original, LoadOptions.None);
            var steps = new List<string>();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                steps.Add(BpmnMutator.Mutate(document, random));
            }

            var xml = BpmnMutator.Serialize(document, random, steps);
            BpmnParseResult result;
            try
            {
                result = BpmnParser.Parse(xml);
            }
            catch (Exception ex)
            {
                Assert.Fail($"{model} after [{string.Join("; ", steps)}] threw {ex}");
                return;
            }

            foreach (var issue in result.Issues)
            {
                Assert.True(issue.Line is > 0,
                    $"{model} after [{string.Join("; ", steps)}]: not located: {issue}");
                Assert.True(IssueTexts.IsComplete(issue.Code), $"{issue.Code} lacks ko or en text");
                Assert.DoesNotContain("{", issue.Text("ko"), StringComparison.Ordinal);
                Assert.True(issue.Message.Length < 1_000, $"{model}: message too long: {issue}");
            }
        }
    }

    private static string Load(string model) => model.StartsWith("template:", StringComparison.Ordinal)
        ? BundledTemplates.Find(model["template:".Length..])!.Xml
        : File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "miwg", model["miwg:".Length..]));
}
