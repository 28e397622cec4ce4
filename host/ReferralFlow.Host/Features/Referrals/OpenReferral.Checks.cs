using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Allocations;
using ReferralFlow.Host.Features.Consents;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Execution;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>The checks of <see cref="OpenReferral"/>: the request's shape, the dong, the allocation, the owner, the consent.</summary>
public sealed partial class OpenReferral
{

    private static void Validate(Request request, DateTimeOffset now)
    {
        var errors = new ProblemErrors();
        errors.Text("workflowKey", request.WorkflowKey, 200, ProblemCode.FieldRequired.With(ProblemLabel.Workflow));
        errors.Text("dong", request.Dong, 100);
        if (request.Household is not { } household)
        {
            errors.Add("household", ProblemCode.FieldRequired, ProblemLabel.Household);
        }
        else
        {
            errors.Text("household.name", household.Name, 100, ProblemCode.FieldRequired.With(ProblemLabel.HouseholdName));
            errors.Text("household.address", household.Address, 300);
            errors.Text("household.phone", household.Phone, 50);
            if (household.BirthDate is { } birth && birth > DateOnly.FromDateTime(now.UtcDateTime.AddDays(1)))
            {
                errors.Add("household.birthDate", ProblemCode.DateInFuture);
            }

            if (household.Members is < 1 or > 99)
            {
                errors.Add("household.members", ProblemCode.NumberOutOfRange, 1, 99);
            }
        }

        if (request.Consent is not { } consent)
        {
            errors.Add("consent", ProblemCode.ConsentRequired);
        }
        else
        {
            errors.Text("consent.consentedBy", consent.ConsentedBy, 100, ProblemCode.FieldRequired.With(ProblemLabel.ConsentedBy));
            errors.Text("consent.relationship", consent.Relationship, 50);
            errors.Text("consent.urgentReason", consent.UrgentReason, 1000);
            if (consent.ConsentedAt is not { } at)
            {
                errors.Add("consent.consentedAt", ProblemCode.FieldRequired, ProblemLabel.ConsentedAt);
            }
            else if (at > now.AddMinutes(10))
            {
                errors.Add("consent.consentedAt", ProblemCode.DateInFuture);
            }

            ConsentRecords.CheckMethod(errors, "consent", consent.Method, consent.UrgentReason);

            if (consent.AgencyIds is null || consent.AgencyIds.Any(string.IsNullOrWhiteSpace) || consent.AgencyIds.Count > 100)
            {
                errors.Add("consent.agencyIds", ProblemCode.ConsentAgenciesInvalid);
            }
            else
            {
                for (var i = 0; i < consent.AgencyIds.Count; i++)
                {
                    errors.Text($"consent.agencyIds[{i}]", consent.AgencyIds[i], 100);
                }
            }

            ConsentRecords.CheckCategories(errors, "consent.categories", consent.Categories);
        }

        errors.Text("publicOwnerAgencyId", request.PublicOwnerAgencyId, 100);
        errors.Text("duplicateReason", request.DuplicateReason, 1000);
        if (request.RoleAllocations?.Count > 100)
        {
            errors.Add("roleAllocations", ProblemCode.TooManyItems, 100);
        }
        else
        {
            foreach (var (role, agency) in request.RoleAllocations ?? [])
            {
                // A bad role key is reported under the map, so the key itself is never echoed back.
                if (role.Length > 64 || PersonalDataGuard.LooksLikeResidentNumber(role))
                {
                    errors.Add("roleAllocations", ProblemCode.RoleKeyInvalid);
                    continue;
                }

                errors.Text($"roleAllocations.{role}", agency, 100);
            }
        }

        if (request.Variables is { } variables)
        {
            if (variables.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                errors.Add("variables", ProblemCode.VariablesNotObject);
            }
            else
            {
                errors.ResidentNumbers(variables, "variables");
            }
        }

        errors.ThrowIfAny();
    }

    private static IReadOnlyDictionary<string, object?>? ParseVariables(JsonElement? variables)
    {
        if (variables is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        try
        {
            return VariableJson.FromJson(value);
        }
        catch (JsonException)
        {
            throw ApiException.Invalid("variables", ProblemCode.VariablesInvalid);
        }
    }

    /// <summary>The household's dong: as given (a dong of the caller's district), else the caller's own dong centre's.</summary>
    private static async Task<string> ResolveDongAsync(ReferralFlowDbContext db, string? requested, Agency caller, CancellationToken cancellationToken)
    {
        var dong = string.IsNullOrWhiteSpace(requested) ? caller.Dong : requested.Trim();
        if (dong is null)
        {
            throw ApiException.Invalid("dong", ProblemCode.FieldRequired, ProblemLabel.Dong);
        }

        var known = await db.Agencies.AnyAsync(a => a.District == caller.District && a.Dong == dong, cancellationToken);
        return known ? dong : throw ApiException.Invalid("dong", ProblemCode.DongUnknown, dong, caller.District);
    }

    /// <summary>The public case owner: as chosen, else the caller's agency if public, else the dong centre allocated to the dong.</summary>
    private static async Task<string> ResolveOwnerAsync(
        ReferralFlowDbContext db, RoleAllocationResolver allocations, string? requested, Agency caller, string dong,
        IReadOnlyDictionary<string, string> roleAgencies, CancellationToken cancellationToken)
    {
        string owner;
        if (!string.IsNullOrWhiteSpace(requested))
        {
            owner = requested.Trim();
        }
        else if (caller.IsPublic)
        {
            owner = caller.Id;
        }
        else if (roleAgencies.TryGetValue("dong", out var dongCentre))
        {
            owner = dongCentre;
        }
        else
        {
            try
            {
                owner = (await allocations.ResolveAsync(caller.District, dong, ["dong"], null, cancellationToken))["dong"];
            }
            catch (ApiException)
            {
                throw ApiException.Invalid("publicOwnerAgencyId", ProblemCode.OwnerUnallocated, dong);
            }
        }

        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == owner, cancellationToken);
        return agency is { IsPublic: true } && agency.District == caller.District
            ? owner
            : throw ApiException.Invalid("publicOwnerAgencyId", ProblemCode.OwnerNotPublic, caller.District);
    }

    /// <summary>
    /// The agencies the consent names must exist. It need not cover every allocated agency: consent grows with the case
    /// (typically at the joint visit, once the split is known), and an agency without it sees no household data.
    /// </summary>
    private static async Task CheckConsentAsync(ReferralFlowDbContext db, ConsentInput consent, CancellationToken cancellationToken)
    {
        var covered = consent.AgencyIds?.Select(a => a.Trim()).ToHashSet(StringComparer.Ordinal) ?? [];
        var known = await db.Agencies.Where(a => covered.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken);
        var unknown = covered.Except(known, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw ApiException.Invalid("consent.agencyIds", ProblemCode.AgenciesUnknown, string.Join(", ", unknown));
        }
    }
}
