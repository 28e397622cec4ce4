using Microsoft.Extensions.Localization;
using ReferralFlow.Host.Features.Calendar;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Resources;

namespace ReferralFlow.Host.Pages;

/// <summary>What every worker page needs, injected once through <see cref="UiPage"/>'s constructor: texts, the signed-in worker, local time.</summary>
public sealed class UiContext(IStringLocalizer<UiText> text, CurrentUser user, KoreaTime time)
{
    public IStringLocalizer<UiText> Text => text;

    public CurrentUser User => user;

    public KoreaTime Time => time;
}
