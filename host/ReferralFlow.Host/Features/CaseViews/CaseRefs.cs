namespace ReferralFlow.Host.Features.CaseViews;

// An agency and a worker as referrals, steps, tasks and notes name them (no XML summary: it would become the schemas' description).
public sealed record AgencyRef(string Id, string Name);

public sealed record UserRef(Guid Id, string Name);
