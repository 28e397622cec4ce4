using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Allocations;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Execution;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>The checks of <see cref="OpenReferral"/>: the request's shape, the dong, the allocation, the owner, the consent.</summary>
internal static partial class OpenReferral
{
    private static readonly string[] ConsentMethods = ["written", "oral", "urgent"];

    /// <summary>The role whose lane holds health and dementia steps; its data is 민감정보 and needs separate consent.</summary>
    private const string HealthRole = "health";

    private static void Validate(Request request, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        errors.Text("workflowKey", request.WorkflowKey, 200, required: true, "Choose a workflow.");
        errors.Text("dong", request.Dong, 100);
        if (request.Household is not { } household)
        {
            errors.Add("household", "The household is required.");
        }
        else
        {
            errors.Text("household.name", household.Name, 100, required: true, "The household's name is required.");
            errors.Text("household.address", household.Address, 300);
            errors.Text("household.phone", household.Phone, 50);
            if (household.BirthDate is { } birth && birth > DateOnly.FromDateTime(now.UtcDateTime.AddDays(1)))
            {
                errors.Add("household.birthDate", "The date of birth is in the future.");
            }

            if (household.Members is < 1 or > 99)
            {
                errors.Add("household.members", "The household has 1 to 99 members.");
            }
        }

        if (request.Consent is not { } consent)
        {
            errors.Add("consent", "Record the consent to share the household's data.");
        }
        else
        {
            errors.Text("consent.consentedBy", consent.ConsentedBy, 100, required: true, "Who consented is required.");
            errors.Text("consent.relationship", consent.Relationship, 50);
            errors.Text("consent.urgentReason", consent.UrgentReason, 1000);
            if (consent.ConsentedAt is not { } at)
            {
                errors.Add("consent.consentedAt", "When the consent was given is required.");
            }
            else if (at > now.AddMinutes(10))
            {
                errors.Add("consent.consentedAt", "The consent cannot be given in the future.");
            }

            var method = consent.Method?.Trim().ToLowerInvariant();
            if (!ConsentMethods.Contains(method))
            {
                errors.Add("consent.method", "The consent method is written, oral or urgent.");
            }
            else if (method == "urgent" && string.IsNullOrWhiteSpace(consent.UrgentReason))
            {
                errors.Add("consent.urgentReason", "Sharing without consent needs the urgent threat to life or body that justifies it.");
            }

            errors.Texts("consent.agencyIds", consent.AgencyIds, 100, maxCount: 100);
            errors.Texts("consent.categories", consent.Categories, 50, maxCount: 50);
        }

        errors.Text("publicOwnerAgencyId", request.PublicOwnerAgencyId, 100);
        if (request.RoleAllocations?.Count > 100)
        {
            errors.Add("roleAllocations", "At most 100 roles.");
        }
        else
        {
            foreach (var (role, agency) in request.RoleAllocations ?? [])
            {
                // A bad role key is reported under the map, so the key itself is never echoed back.
                var key = new FieldErrors();
                key.Text("roleAllocations", role, 64);
                if (key.Any)
                {
                    errors.Add("roleAllocations", "A role key has at most 64 characters and no personal data.");
                    continue;
                }

                errors.Text($"roleAllocations.{role}", agency, 100);
            }
        }

        if (request.Variables is { } variables)
        {
            if (variables.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                errors.Add("variables", "Variables are a JSON object.");
            }
            else
            {
                PersonalDataGuard.CheckJson(variables, "variables", errors);
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
        catch (JsonException ex)
        {
            throw ApiException.Invalid("variables", ex.Message);
        }
    }

    /// <summary>The household's dong: as given (a dong of the caller's district), else the caller's own dong centre's.</summary>
    private static async Task<string> ResolveDongAsync(ReferralFlowDbContext db, string? requested, Agency caller, CancellationToken cancellationToken)
    {
        var dong = string.IsNullOrWhiteSpace(requested) ? caller.Dong : requested.Trim();
        if (dong is null)
        {
            throw ApiException.Invalid("dong", "Name the dong (동) the household lives in.");
        }

        var known = await db.Agencies.AnyAsync(a => a.District == caller.District && a.Dong == dong, cancellationToken);
        return known ? dong : throw ApiException.Invalid("dong", $"'{dong}' is not a dong of {caller.District}.");
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
                throw ApiException.Invalid("publicOwnerAgencyId", $"No dong centre is allocated for {dong}; choose the public case owner.");
            }
        }

        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == owner, cancellationToken);
        return agency is { IsPublic: true } && agency.District == caller.District
            ? owner
            : throw ApiException.Invalid("publicOwnerAgencyId", $"The public case owner must be a public agency of {caller.District}.");
    }

    /// <summary>The consent must name every agency the data goes to (the owner and every allocated agency but the referrer's own).</summary>
    private static async Task CheckConsentAsync(
        ReferralFlowDbContext db, ConsentInput consent, string referringAgency, string owner,
        IReadOnlyDictionary<string, string> roleAgencies, List<string> roles, CancellationToken cancellationToken)
    {
        var covered = consent.AgencyIds?.Select(a => a.Trim()).ToHashSet(StringComparer.Ordinal) ?? [];
        var known = await db.Agencies.Where(a => covered.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken);
        var errors = new FieldErrors();
        var unknown = covered.Except(known, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            errors.Add("consent.agencyIds", $"Unknown agencies: {string.Join(", ", unknown)}.");
        }

        var missing = roleAgencies.Values.Append(owner).Where(a => a != referringAgency && !covered.Contains(a))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            errors.Add("consent.agencyIds", $"The consent does not cover these agencies of the referral: {string.Join(", ", missing)}.");
        }

        if (roles.Contains(HealthRole) && !consent.HealthData)
        {
            errors.Add("consent.healthData", "This workflow shares health data (보건소·치매 검사); it needs the separate health-data consent.");
        }

        errors.ThrowIfAny();
    }
}
