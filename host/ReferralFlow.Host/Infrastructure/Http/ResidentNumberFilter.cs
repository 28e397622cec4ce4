using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>
/// An endpoint filter for the API: every string, number and map key of a request body (as bound, at any depth) is checked
/// by <see cref="PersonalDataGuard"/> before the handler runs, and a resident registration number is a 400 naming its
/// JSON path (<c>household.name</c>, <c>consent.categories[0]</c>). One place, so no endpoint or field can forget the
/// guard, and nothing typed reaches a store, a log, an authorization message or a version check first. The handlers'
/// own <see cref="ProblemErrors.Text"/> checks stay for length and presence.
/// </summary>
public static class ResidentNumberFilter
{
    public static TBuilder RejectResidentNumbers<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory(Create);

    private static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var services = context.ApplicationServices.GetService<IServiceProviderIsService>();
        var bodies = context.MethodInfo.GetParameters()
            .Select((parameter, index) => (parameter, index))
            .Where(p => IsBody(p.parameter, services))
            .Select(p => p.index)
            .ToList();
        if (bodies.Count == 0)
        {
            return next;
        }

        var json = context.ApplicationServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        return invocation =>
        {
            var errors = new ProblemErrors();
            foreach (var index in bodies)
            {
                if (invocation.Arguments[index] is { } body)
                {
                    Walk(JsonSerializer.SerializeToElement(body, body.GetType(), json), "", errors);
                }
            }

            errors.ThrowIfAny();
            return next(invocation);
        };
    }

    // A body is a parameter minimal APIs read from JSON: [FromBody], or a class that is neither a service, bound
    // from the route/query/headers, [AsParameters], nor one of the framework's special types.
    private static bool IsBody(ParameterInfo parameter, IServiceProviderIsService? services)
    {
        if (parameter.GetCustomAttribute<FromBodyAttribute>() is not null)
        {
            return true;
        }

        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return type.IsClass && type != typeof(string) && type.Assembly == typeof(ResidentNumberFilter).Assembly
            && parameter.GetCustomAttribute<AsParametersAttribute>() is null
            && parameter.GetCustomAttribute<FromServicesAttribute>() is null
            && parameter.GetCustomAttribute<FromQueryAttribute>() is null
            && parameter.GetCustomAttribute<FromRouteAttribute>() is null
            && services?.IsService(type) != true;
    }

    private static void Walk(JsonElement value, string path, ProblemErrors errors)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String when PersonalDataGuard.LooksLikeResidentNumber(value.GetString()):
            case JsonValueKind.Number when PersonalDataGuard.LooksLikeResidentNumber(value):
                errors.Add(path.Length == 0 ? "body" : path, ProblemCode.ResidentNumber);
                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    // A key that is a number is reported under its parent, never echoed back as a key.
                    if (PersonalDataGuard.LooksLikeResidentNumber(property.Name))
                    {
                        errors.Add(path.Length == 0 ? "body" : path, ProblemCode.ResidentNumber);
                        continue;
                    }

                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", errors);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Walk(item, $"{path}[{i++}]", errors);
                }

                break;
            default:
                break;
        }
    }
}
