using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>What an endpoint's metadata cannot say by itself: examples, and raw XML documents beside JSON.</summary>
public static class OpenApiEndpointExtensions
{
    private static readonly string[] XmlTypes = ["application/xml", "text/xml"];

    /// <summary>
    /// A request example for the operation's JSON body, serialised as the API reads it (camelCase); the contract
    /// tests send it, so an example that stops working fails the build.
    /// </summary>
    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, object example)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            var options = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            if (operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true && media is OpenApiMediaType json)
            {
                json.Example = JsonSerializer.SerializeToNode(example, options);
            }

            return Task.CompletedTask;
        });

    /// <summary>The body may also be the raw BPMN document (<c>application/xml</c>, <c>text/xml</c>).</summary>
    public static TBuilder AcceptsXmlDocument<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody is OpenApiRequestBody body)
            {
                body.Content ??= new Dictionary<string, OpenApiMediaType>();
                foreach (var type in XmlTypes)
                {
                    body.Content[type] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
                }
            }

            return Task.CompletedTask;
        });

    /// <summary>With <c>Accept: application/xml</c> the 200 answer is the raw BPMN document.</summary>
    public static TBuilder ProducesXmlDocument<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
            {
                response.Content ??= new Dictionary<string, OpenApiMediaType>();
                response.Content["application/xml"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }

            return Task.CompletedTask;
        });
}
