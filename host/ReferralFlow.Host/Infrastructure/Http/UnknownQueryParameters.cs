using System.IO.Pipelines;
using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;

namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>
/// An endpoint filter for the API: a query parameter the endpoint does not declare is a 400 naming it, instead of being
/// silently ignored (a misspelt <c>?limt=10</c> or an old <c>?page=2</c> would otherwise return the wrong page as if
/// it were right). The declared names come from the handler's signature, read once per endpoint the way minimal APIs
/// bind it: simple-typed parameters (and those of <c>[AsParameters]</c> records) that are neither route values,
/// services nor bodies, under their <c>[FromQuery(Name)]</c> if given.
/// </summary>
public static class UnknownQueryParameters
{
    private static readonly HashSet<Type> Special =
    [
        typeof(HttpContext), typeof(HttpRequest), typeof(HttpResponse), typeof(CancellationToken), typeof(ClaimsPrincipal),
        typeof(Stream), typeof(PipeReader), typeof(IFormFile), typeof(IFormFileCollection), typeof(IFormCollection),
    ];

    public static TBuilder RejectUnknownQueryParameters<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory(Create);

    private static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var services = context.ApplicationServices.GetService<IServiceProviderIsService>();
        var declared = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in context.MethodInfo.GetParameters())
        {
            Collect(parameter, parameter.ParameterType, parameter.Name, services, declared);
        }

        return async invocation =>
        {
            var http = invocation.HttpContext;
            var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
            var unknown = http.Request.Query.Keys.Where(k => !declared.Contains(k) || route.Contains(k)).ToList();
            if (unknown.Count == 0)
            {
                return await next(invocation);
            }

            var known = string.Join(", ", declared.Where(d => !route.Contains(d)).Order(StringComparer.Ordinal));
            throw ApiException.Invalid(unknown.ToDictionary(
                k => k,
                k => new[] { known.Length == 0 ? ProblemCode.UnknownQueryParameterNone.With(k) : ProblemCode.UnknownQueryParameter.With(k, known) }));
        };
    }

    private static void Collect(ICustomAttributeProvider member, Type type, string? name, IServiceProviderIsService? services, HashSet<string> declared)
    {
        if (name is null)
        {
            return;
        }

        if (member.IsDefined(typeof(AsParametersAttribute), inherit: false))
        {
            var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
            foreach (var inner in constructor?.GetParameters() ?? [])
            {
                Collect(inner, inner.ParameterType, inner.Name, services, declared);
            }

            return;
        }

        var query = member.GetCustomAttributes(typeof(FromQueryAttribute), inherit: false).OfType<FromQueryAttribute>().FirstOrDefault();
        if (query is not null)
        {
            declared.Add(query.Name ?? name);
            return;
        }

        if (member.IsDefined(typeof(FromRouteAttribute), false) || member.IsDefined(typeof(FromHeaderAttribute), false)
            || member.IsDefined(typeof(FromBodyAttribute), false) || member.IsDefined(typeof(FromFormAttribute), false)
            || member.IsDefined(typeof(FromServicesAttribute), false) || member.IsDefined(typeof(FromKeyedServicesAttribute), false)
            || Special.Contains(type) || services?.IsService(type) == true)
        {
            return;
        }

        if (IsSimple(Nullable.GetUnderlyingType(type) ?? type))
        {
            declared.Add(name);
        }
    }

    // What minimal APIs bind from the query string or route: strings, primitives, enums and types with TryParse.
    private static bool IsSimple(Type type) =>
        type == typeof(string) || type.IsPrimitive || type.IsEnum || type == typeof(decimal)
        || (type.IsArray && IsSimple(type.GetElementType()!))
        || type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), type.MakeByRefType()]) is not null
        || type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]) is not null;
}
