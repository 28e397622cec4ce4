using Microsoft.AspNetCore.Identity;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Auth;

/// <summary>Identity's password errors (English descriptions) as coded problem messages in the reader's language.</summary>
internal static class PasswordProblems
{
    public static ProblemMessage Describe(IdentityError error, PasswordOptions options) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordMismatch) => ProblemCode.PasswordMismatch,
        nameof(IdentityErrorDescriber.PasswordTooShort) => ProblemCode.PasswordTooShort.With(options.RequiredLength),
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => ProblemCode.PasswordRequiresDigit,
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => ProblemCode.PasswordRequiresLower,
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => ProblemCode.PasswordRequiresUpper,
        nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => ProblemCode.PasswordRequiresSymbol,
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => ProblemCode.PasswordRequiresUniqueChars.With(options.RequiredUniqueChars),
        _ => ProblemCode.PasswordRefused,
    };
}
