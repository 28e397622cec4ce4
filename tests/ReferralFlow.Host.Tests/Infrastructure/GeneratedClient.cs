using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag.CodeGeneration.CSharp;

namespace ReferralFlow.Host.Tests.Infrastructure;

/// <summary>
/// A C# client generated from the served OpenAPI document by a standard generator (NSwag, System.Text.Json), compiled in
/// memory together with a caller's code that uses its typed operations, as an integrator would.
/// </summary>
public static class GeneratedClient
{
    public const string Namespace = "Generated";

    public static async Task<Assembly> CompileAsync(string documentJson, string callerSource)
    {
        var document = await NSwag.OpenApiDocument.FromJsonAsync(documentJson);
        var settings = new CSharpClientGeneratorSettings { ClassName = "ReferralFlowClient", GenerateClientInterfaces = false };
        settings.CSharpGeneratorSettings.Namespace = Namespace;
        settings.CSharpGeneratorSettings.JsonLibrary = CSharpJsonLibrary.SystemTextJson;
        var code = new CSharpClientGenerator(document, settings).GenerateFile();

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            $"generated-{Guid.NewGuid():N}",
            [CSharpSyntaxTree.ParseText(code), CSharpSyntaxTree.ParseText(callerSource)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20).Select(d => d.ToString()).ToList();
        Assert.True(result.Success, "The generated client does not compile:\n" + string.Join("\n", errors));
        return Assembly.Load(image.ToArray());
    }
}
