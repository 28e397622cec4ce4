using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>
/// What every API operation shares, added from the endpoint's metadata so no endpoint can forget it: an operationId
/// named after its use case (<c>OpenReferral</c>, <c>CompleteTask</c>, <c>ValidateWorkflowDraft</c>), camelCase query
/// parameter names, the 400 of an unknown query parameter, 401 (and 403 for role policies) with the bearer scheme on
/// signed-in endpoints, and 429 on rate-limited ones.
/// </summary>
internal static class OpenApiOperations
{
    public const string BearerScheme = "bearer";

    public static async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.OperationId ??= OperationId(metadata.OfType<MethodInfo>().FirstOrDefault());
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In == ParameterLocation.Query && parameter.Name is { Length: > 0 } name)
            {
                parameter.Name = JsonNamingPolicy.CamelCase.ConvertName(name);
            }
        }

        operation.Responses ??= [];
        await AddProblemAsync(operation, context, StatusCodes.Status400BadRequest, "The request is not valid (a field, or an unknown query parameter, is named in 'errors').", validation: true, cancellationToken);
        var signedIn = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        if (signedIn)
        {
            await AddProblemAsync(operation, context, StatusCodes.Status401Unauthorized, "Not signed in: send 'Authorization: Bearer <accessToken>' from POST /api/auth/login.", validation: false, cancellationToken);
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
        }

        if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null || a.Roles is not null))
        {
            await AddProblemAsync(operation, context, StatusCodes.Status403Forbidden, "The signed-in worker lacks the role this operation needs.", validation: false, cancellationToken);
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            await AddProblemAsync(operation, context, StatusCodes.Status429TooManyRequests, "Too many requests from this address; wait a minute.", validation: false, cancellationToken);
        }
    }

    /// <summary>The use case's class name, plus the handler's own name when a class has several (<c>HandleDraftAsync</c> → <c>Draft</c>).</summary>
    internal static string? OperationId(MethodInfo? handler)
    {
        if (handler?.DeclaringType is not { } type)
        {
            return null;
        }

        var method = handler.Name;
        method = method.StartsWith("Handle", StringComparison.Ordinal) ? method["Handle".Length..] : method;
        method = method.EndsWith("Async", StringComparison.Ordinal) ? method[..^"Async".Length] : method;
        return type.Name + method;
    }

    private static async Task AddProblemAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description, bool validation, CancellationToken cancellationToken)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }

        var type = validation ? typeof(HttpValidationProblemDetails) : typeof(Microsoft.AspNetCore.Mvc.ProblemDetails);
        var id = OpenApiSchemas.Name(type);
        if (context.Document?.Components?.Schemas?.ContainsKey(id) != true)
        {
            context.Document!.AddComponent(id, await context.GetOrCreateSchemaAsync(type, null, cancellationToken));
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(id, context.Document) } },
        };
    }
}
